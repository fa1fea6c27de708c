"""The editing interface end to end, in Chromium, on a copy of the sample project: the preview
(`mkdocs serve`) and the local backend (`python -m generator cms-backend`) run on 127.0.0.1;
an editor changes a milestone's status and commentary in the form and saves; the file changes
in that entry only, the check passes and the preview shows the new status. Also: a percentage
over 100 is refused in the form, a file changed on disk is not overwritten, a new quarterly
update is the file `new-update` writes, and axe finds only what the accessibility statement lists.

One test walks through an editor's session, step by step: the steps share one preview server
and one browser, which a test runner spreading tests over workers would otherwise start twice."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator.cms import admin
from generator.scaffold import new_update
from tests.browser import AXE, CHROMIUM, chromium, require
from tests.conftest import ROOT, make_project

Q2 = "plans/bvip-2017-18/updates/2017-18-q2.yaml"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
KNOWN_TO_AXE = {"landmark-one-main", "page-has-heading-one", "region"}
"""What axe still finds on the editing interface's pages: Decap's page structure, listed in
content/accessibility.md. Anything else fails the test."""


@dataclass(frozen=True)
class Editing:
    """The copy of the project being edited, and where its preview and backend listen."""

    project: Path
    preview: str
    backend_port: int

    def admin(self, route: str = "") -> str:
        """The interface's address, loaded afresh (a new query string: the route after `#`
        alone would keep the page, with whatever an earlier test left in its form)."""
        return f"{self.preview}admin/?backend={self.backend_port}&load={time.monotonic_ns()}#{route}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _git(project: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=project,
                          capture_output=True, text=True, check=True).stdout


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _fetch(url):
            return True
        time.sleep(0.5)
    return False


@pytest.fixture(scope="module")
def editing(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editing]:
    require(CHROMIUM, AXE, admin.DECAP / "decap-cms.js")
    project = make_project(tmp_path_factory.mktemp("editing"))
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "The sample")
    preview_port, backend_port = _free_port(), _free_port()
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1"}
    backend = subprocess.Popen([sys.executable, "-m", "generator", "cms-backend", "--port", str(backend_port),
                                "--preview-port", str(preview_port)], cwd=project, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    preview = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{preview_port}"],
                               cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{preview_port}/"
        assert _wait_for(url + "admin/", "decap-cms.js", 180), "the preview did not start"
        yield Editing(project, url, backend_port)
    finally:
        for process in (preview, backend):
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def page(editing: Editing) -> Iterator[Any]:
    """A page of the browser, for the interface."""
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(path=str(AXE))  # not subject to the page's script policy
        context.set_default_timeout(60_000)
        page = context.new_page()
        page.on("dialog", lambda dialog: dialog.accept())  # "leave with unsaved changes?"
        yield page


Found = dict[str, set[str]]
"""What axe found: each rule with the screens it failed on."""


def _axe(page: Any, name: str, found: Found) -> None:
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    for violation in result["violations"]:
        found.setdefault(violation["id"], set()).add(name)


def _show(page: Any, route: str, ready: str) -> float:
    """Go to `route` in the interface and return the seconds until `ready` is on screen."""
    started = time.monotonic()
    page.evaluate("route => { location.hash = route; }", route)
    page.get_by_text(ready).first.wait_for()
    return time.monotonic() - started


def _entry(page: Any, summary: str) -> Any:
    """One entry of a list in the form, opened."""
    entry = page.locator("[class*=SortableListItem]", has=page.locator(f"text={summary}")).first
    button = entry.get_by_role("button", name=re.compile(r"^Open "))
    button.or_(entry.get_by_role("button", name=re.compile(r"^Close "))).first.wait_for()
    if button.count():
        button.first.click()
    return entry


def _publish(page: Any) -> None:
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now").click()


def _changed(path: Path, before: bytes | None, seconds: float = 30) -> float:
    """Wait until the file on disk differs from `before` (None: until it exists); return how
    long that took."""
    started = time.monotonic()
    while (path.read_bytes() if path.exists() else None) == before:
        assert time.monotonic() - started < seconds, f"{path.name} was not saved"
        time.sleep(0.05)
    return time.monotonic() - started


def _open_q2(page: Any) -> float:
    """Open the 2017/18 Q2 update from the plan's list, as an editor would; the seconds the form
    took to appear."""
    if page.url.endswith("#/collections/bvip-2017-18/entries/2017-18-q2"):
        return 0.0
    _show(page, "/collections/bvip-2017-18", "2017/18 Q2:")
    started = time.monotonic()
    page.get_by_text("2017/18 Q2:").click()
    page.get_by_text("Activities and Key milestones").first.wait_for()
    return time.monotonic() - started


def test_an_editor_s_session_in_the_form(editing: Editing, page: Any, tmp_path: Path) -> None:
    found: Found = {}
    _sign_in(editing, page, found)
    _edit_saves_that_entry_only_passes_the_check_and_reaches_the_preview(editing, page, found)
    _a_percentage_over_100_is_refused_with_a_message(editing, page)
    _a_file_changed_on_disk_after_it_was_opened_is_not_overwritten(editing, page)
    _a_new_update_is_the_file_new_update_writes(editing, page, tmp_path, found)
    _axe_finds_only_what_the_accessibility_statement_lists(editing, page, found)


def _sign_in(editing: Editing, page: Any, found: Found) -> None:
    started = time.monotonic()
    page.goto(editing.admin())
    page.get_by_role("button", name="Login").wait_for()
    print(f"interface loaded in {time.monotonic() - started:.1f} s")
    _axe(page, "sign-in page", found)
    page.get_by_role("button", name="Login").click()
    page.get_by_text("Collections").first.wait_for()


def _edit_saves_that_entry_only_passes_the_check_and_reaches_the_preview(editing: Editing, page: Any,
                                                                        found: Found) -> None:
    loaded = _open_q2(page)
    _axe(page, "update form", found)
    entry = _entry(page, "Key milestone 1-3: Ensure integrity")
    entry.locator("[id^=status-field]").first.click(force=True)
    page.get_by_role("option", name="Delayed", exact=True).click()
    entry.get_by_label("Commentary").fill("Training is now planned for March 2018.")
    page.frame_locator("#preview-pane").get_by_text("Key milestone 1-3 › Status").wait_for()
    before = (editing.project / Q2).read_bytes()
    started = time.monotonic()
    _publish(page)
    _changed(editing.project / Q2, before)
    print(f"form loaded in {loaded:.1f} s; saved in {time.monotonic() - started:.1f} s (from the click on Publish)")
    diff = _git(editing.project, "diff", "-U0", "--", Q2)
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == [
        "-    status: on-target",
        "+    status: delayed",
        "-      Lessons learnt and areas for improvement from the UKPGE 2017 will be incorporated into poll staff "
        "training. Exclusion Zones will be laid out and Police presence at all polling places from 7am - 10.30pm.",
        "+      Training is now planned for March 2018.",
    ]
    print(diff)
    assert _git(editing.project, "status", "--porcelain", "--untracked-files=no").splitlines() == [f" M {Q2}"]
    check = subprocess.run([sys.executable, "-m", "generator", "check", "--format", "lines"], cwd=editing.project,
                           capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout
    shown = f"{editing.preview}plans/bvip-2017-18/updates/2017-18-q2/recommendations/elections/"
    assert _wait_for(shown, "Training is now planned for March 2018.", 120), "the preview did not show the edit"
    block = _fetch(shown).split('id="milestone-1-3"', 1)[1].split('id="milestone-1-4"', 1)[0]
    assert "Delayed" in block and "On Target" not in block


def _a_percentage_over_100_is_refused_with_a_message(editing: Editing, page: Any) -> None:
    before = (editing.project / Q2).read_bytes()
    entry = _entry(page, "Key milestone 1-4: Train 40/50")
    entry.get_by_label("% complete").fill("150")
    _publish(page)
    message = entry.get_by_text(re.compile("% complete must be between 0 and 100", re.IGNORECASE))
    message.wait_for()
    assert message.is_visible()
    assert (editing.project / Q2).read_bytes() == before


def _a_file_changed_on_disk_after_it_was_opened_is_not_overwritten(editing: Editing, page: Any) -> None:
    changed = (editing.project / Q2).read_text().replace("Initial meetings have taken place",
                                                         "First meetings took place", 1)
    (editing.project / Q2).write_text(changed)
    _entry(page, "Key milestone 1-4: Train 40/50").get_by_label("% complete").fill("30")
    _publish(page)
    page.get_by_text(re.compile("was changed on disk after you opened it")).wait_for()
    assert (editing.project / Q2).read_text() == changed


def _a_new_update_is_the_file_new_update_writes(editing: Editing, page: Any, tmp_path: Path, found: Found) -> None:
    shutil.copytree(editing.project / "plans", tmp_path / "plans")
    expected = new_update(tmp_path / "plans", "bvip-2017-18", "2017/18 Q3")
    # The form is prefilled from the configuration the preview built from the plans as they are
    # now (a page loaded before the latest update changed is refused: tests/test_cms_backend.py).
    version = hashlib.sha256((editing.project / Q2).read_bytes()).hexdigest()
    assert _wait_for(f"{editing.preview}admin/config.yml", version, 120), "the preview did not rebuild"
    page.goto(editing.admin("/collections/bvip-2017-18"))
    page.get_by_text("2017/18 Q2:").wait_for()
    _axe(page, "list of updates", found)
    assert page.get_by_role("link", name="Contents").is_visible()
    assert not page.get_by_role("button", name="Media").is_visible()  # nothing to upload: hidden
    page.get_by_role("link", name=re.compile("quarterly update$")).click()
    page.get_by_text("Activities and Key milestones").first.wait_for()
    assert page.get_by_label("Title (as printed)").input_value() == "[insert the title printed on the report]"
    created = editing.project / "plans/bvip-2017-18/updates/2017-18-q3.yaml"
    _publish(page)
    _changed(created, None)
    assert created.read_bytes() == expected.read_bytes()


def _axe_finds_only_what_the_accessibility_statement_lists(editing: Editing, page: Any, found: Found) -> None:
    started = time.monotonic()
    page.goto(editing.admin("/collections/plans/entries/bvip-2017-18"))
    page.get_by_text("5 areas").wait_for()
    page.frame_locator("#preview-pane").get_by_text("What saving will change in the file").wait_for()
    print(f"plan form loaded in {time.monotonic() - started:.1f} s")
    _axe(page, "plan form", found)
    print("axe on /admin/:", {rule: sorted(pages) for rule, pages in found.items()})
    assert set(found) <= KNOWN_TO_AXE, found
    statement = (ROOT / "content" / "accessibility.md").read_text()
    assert [rule for rule in sorted(KNOWN_TO_AXE) if f"`{rule}`" not in statement] == []
