"""Two engines, one site: the sample built with Zensical has the same pages, the same main
content, the same charts, downloads, feeds and redirects, and the same search, as the sample
built with MkDocs; and Zensical's preview follows an edit to a plan's YAML."""

from __future__ import annotations

import html
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import make_project

ENGINE_FILES = ("assets/", "pagefind/", "sitemap.xml")
"""Each engine's own files (its theme's scripts and styles, the search index's hashed pieces,
the sitemap's layout), compared by presence, not content."""


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    project = make_project(tmp_path_factory.mktemp("zensical"))
    result = subprocess.run([sys.executable, "-m", "generator.engines.zensical", "build"], cwd=project,
                            capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"},
                            check=False)
    assert result.returncode == 0, result.stderr
    yield project / "site"


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def _main_content(page: Path) -> str:
    found = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', page.read_text(), re.S)
    assert found, page
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", found.group(1)))).strip()


def test_both_engines_build_the_same_pages_files_and_content(sample_site: Path, zensical_site: Path) -> None:
    mkdocs, zensical = _files(sample_site), _files(zensical_site)
    pages = {f for f in mkdocs if f.endswith(".html") and not f.startswith(ENGINE_FILES)}
    assert pages == {f for f in zensical if f.endswith(".html") and not f.startswith(ENGINE_FILES)}
    assert len(pages) > 120
    data = {f for f in mkdocs if not f.endswith(".html") and not f.startswith(ENGINE_FILES)}
    assert data == {f for f in zensical if not f.endswith(".html") and not f.startswith(ENGINE_FILES)}
    assert [f for f in sorted(data) if (sample_site / f).read_bytes() != (zensical_site / f).read_bytes()] == []
    differ = [p for p in sorted(pages) if p != "404.html" and "/admin/" not in f"/{p}"
              and _main_content(sample_site / p) != _main_content(zensical_site / p)]
    assert differ == [], f"main content differs on {differ[:5]}"
    assert (zensical_site / "pagefind" / "pagefind.js").is_file()
    home = (zensical_site / "index.html").read_text()
    assert "115 key milestones:" in home and 'class="cp-search"' in home


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _status_of(url: str, anchor: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        page = response.read().decode("utf-8")
    row = page.split(f'id="{anchor}"', 1)[1].split("</tr>", 1)[0]
    found = re.search(r'<span class="cp-status cp-status--[a-z-]+">([^<]+)</span>', row)
    return found.group(1) if found else ""


def test_the_zensical_preview_follows_a_yaml_save(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    port = _free_port()
    preview = subprocess.Popen([sys.executable, "-m", "generator.engines.zensical", "serve", "--port", str(port)],
                               cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    url = f"http://127.0.0.1:{port}/plans/bvip-2017-18/recommendations/elections/"
    try:
        status = ""
        for _ in range(120):
            try:
                status = _status_of(url, "milestone-1-1")
                break
            except OSError:
                time.sleep(0.5)
        assert status == "On Target"
        update = project / "plans/bvip-2017-18/updates/2017-18-q2.yaml"
        update.write_text(update.read_text().replace("status: on-target", "status: completed", 1))
        for _ in range(120):
            status = _status_of(url, "milestone-1-1")
            if status == "Completed":
                break
            time.sleep(0.5)
        assert status == "Completed", "the preview shows the edit"
    finally:
        os.killpg(preview.pid, signal.SIGTERM)
        preview.wait(timeout=20)
