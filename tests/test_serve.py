"""`mkdocs serve`: the preview rebuilds when an editor saves a plan file."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import make_project

PAGE = "plans/bvip-2017-18/recommendations/elections/"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _fetch(url):
            return True
        time.sleep(0.25)
    return False


def seconds_until_an_edit_shows(project: Path) -> float:
    """Start `mkdocs serve` on a copy of the sample, edit an update file and return how long the
    edit took to reach the served page (also used by `scripts/benchmark`)."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/{PAGE}"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"},
    )
    try:
        assert _wait_for(url, "Initial meetings have taken place", 180), "the preview did not start"
        update = project / "plans/bvip-2017-18/updates/2017-18-q2.yaml"
        update.write_text(update.read_text().replace("Initial meetings have taken place",
                                                     "First meetings were held", 1))
        started = time.monotonic()
        assert _wait_for(url, "First meetings were held", 90), "the edit did not reach the preview"
        return time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_editing_an_update_file_reloads_the_preview(tmp_path: Path) -> None:
    print(f"edit visible after {seconds_until_an_edit_shows(make_project(tmp_path)):.1f} s")


def test_while_a_file_has_errors_the_preview_shows_them_on_every_page(tmp_path: Path) -> None:
    """Before: the browser kept the old page and the terminal said the server would appear stuck."""
    from tests.conftest import FIXTURES

    project = make_project(tmp_path, FIXTURES / "demo" / "plans")
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    page = f"{base}plans/demo-trends/"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"})
    try:
        assert _wait_for(page, "Synthetic Demonstration Plan", 180), "the preview did not start"
        update = project / "plans/demo-trends/updates/2022-23-q2.yaml"
        good = update.read_text()
        update.write_text(good.replace("  status: delayed\n", "  status delayed\n", 1))
        assert _wait_for(page, "The preview stopped: 1 problem to fix", 90)
        shown = _fetch(page)
        line = good.split("  status: delayed\n")[0].count("\n") + 1
        assert (f'<p class="where">plans/demo-trends/updates/2022-23-q2.yaml, line {line}, column 3</p>'
                '<p class="message">The field <code>status</code> has no colon after its name.</p>'
                '<p class="hint"><strong>Hint:</strong> Write <code>status: delayed</code>, with a colon and a space '
                "after the field name.</p>") in shown
        assert "The preview stopped" in _fetch(f"{base}about/")  # a hand-written page
        with pytest.raises(urllib.error.HTTPError) as missing:  # any address, even one no build made
            urllib.request.urlopen(f"{base}plans/demo-trends/no-such-page/", timeout=2)
        assert missing.value.code == 404 and "The preview stopped" in missing.value.read().decode()
        update.write_text(good)
        assert _wait_for(page, "Synthetic Demonstration Plan", 90), "the preview did not recover"
        assert "The preview stopped" not in _fetch(page)
    finally:
        server.terminate()
        server.wait(timeout=10)
