"""The local backend (`python -m generator cms-backend`): it reads and saves plan files for the
editing interface, on 127.0.0.1, for the preview's pages only, and never stages or commits."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.cms.backend import preview_origins, running
from tests.conftest import ROOT

PREVIEW = "http://127.0.0.1:8000"
Q2 = "plans/bvip-2017-18/updates/2017-18-q2.yaml"


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    (tmp_path / "notes.txt").write_text("not a plan file\n")
    for command in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.org",
                                                      "commit", "-qm", "start"]):
        subprocess.run(["git", *command], cwd=tmp_path, check=True)
    (tmp_path / "untracked.yaml").write_text("a: 1\n")
    return tmp_path


@pytest.fixture()
def backend(repo: Path) -> Iterator[str]:
    with running(repo, repo / "plans", 0, preview_origins(8000)) as url:
        yield url


def _post(url: str, body: Any, origin: str | None = PREVIEW, content_type: str = "application/json",
          host: str | None = None) -> tuple[int, Any, dict[str, str]]:
    headers = {"Content-Type": content_type}
    if origin:
        headers["Origin"] = origin
    if host:
        headers["Host"] = host
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read()), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read()), dict(error.headers)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _save(url: str, raw: str, base: str | None, path: str = Q2) -> tuple[int, Any, dict[str, str]]:
    return _post(url, {"action": "persistEntry", "params": {
        "branch": "main", "dataFiles": [{"path": path, "slug": "x", "raw": raw}], "assets": [],
        "options": {}, "plans_base": {path: base}}})


def test_it_answers_the_interface_s_requests(backend: str, repo: Path) -> None:
    status, info, headers = _post(backend, {"action": "info"})
    assert (status, info["publish_modes"], info["type"]) == (200, ["simple"], "local_fs")
    assert headers["Access-Control-Allow-Origin"] == PREVIEW
    status, entry, _ = _post(backend, {"action": "getEntry", "params": {"path": Q2}})
    assert entry == {"data": (repo / Q2).read_text(), "file": {"path": Q2, "id": _sha(repo / Q2)}}
    status, entries, _ = _post(backend, {"action": "entriesByFolder", "params": {
        "folder": "plans/bvip-2017-18/updates", "extension": "yaml", "depth": 1}})
    assert [e["file"]["path"] for e in entries] == [Q2]


def test_saving_writes_that_file_only_and_stages_nothing(backend: str, repo: Path) -> None:
    text = (repo / Q2).read_text().replace("status: completed\n    percent: 100\n    commentary: Completed.",
                                           "status: delayed\n    percent: 100\n    commentary: Completed.", 1)
    status, answer, _ = _save(backend, text, _sha(repo / Q2))
    assert (status, answer["plans_versions"]) == (200, {Q2: hashlib.sha256(text.encode()).hexdigest()})
    assert (repo / Q2).read_text() == text
    git = subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True).stdout
    assert git.splitlines() == [f" M {Q2}", "?? untracked.yaml"]


def test_a_file_changed_on_disk_since_it_was_opened_is_not_overwritten(backend: str, repo: Path) -> None:
    opened = _sha(repo / Q2)
    changed = (repo / Q2).read_text().replace("Initial meetings", "First meetings")
    (repo / Q2).write_text(changed)
    status, answer, _ = _save(backend, "period: 2017/18 Q2\n", opened)
    assert status == 409
    assert answer["error"] == (
        f"`{Q2}` was changed on disk after you opened it (by another program, or in another tab), so nothing "
        "was saved. Copy what you typed, reload the page to see the file as it is now, and make your change again.")
    assert (repo / Q2).read_text() == changed


def test_a_new_update_never_replaces_an_existing_file(backend: str, repo: Path) -> None:
    status, answer, _ = _save(backend, "period: 2017/18 Q2\n", None)
    assert status == 409
    assert answer["error"].startswith(f"`{Q2}` already exists, so nothing was saved.")


def test_saving_without_the_version_it_edited_is_refused(backend: str) -> None:
    status, answer, _ = _post(backend, {"action": "persistEntry", "params": {
        "dataFiles": [{"path": Q2, "raw": "x: 1\n"}], "assets": []}})
    assert status == 422 and "does not say which version of the file it edited" in answer["error"]


@pytest.mark.parametrize("path", ["../outside.yaml", "notes.txt", "untracked.yaml", "plans/../untracked.yaml",
                                  "plans/bvip-2017-18/plan.json"])
def test_only_yaml_files_inside_plans_can_be_read_or_written(backend: str, repo: Path, path: str) -> None:
    status, answer, _ = _post(backend, {"action": "getEntry", "params": {"path": path}})
    assert (status, answer["error"]) == (403, f"`{path}` is not a plan or update file; only files in plans/ can "
                                              "be edited here.")
    assert _save(backend, "a: 2\n", None, path)[0] == 403
    assert (repo / "untracked.yaml").read_text() == "a: 1\n"
    assert _post(backend, {"action": "getEntry", "params": {"path": "/etc/passwd"}})[:2] == (
        422, {"error": "`/etc/passwd` is not a path in the repository."})


def test_renames_uploads_and_deletions_are_refused(backend: str) -> None:
    status, answer, _ = _post(backend, {"action": "persistEntry", "params": {
        "dataFiles": [{"path": Q2, "raw": "x\n", "newPath": "plans/bvip-2017-18/updates/x.yaml"}], "assets": [],
        "plans_base": {Q2: None}}})
    assert (status, answer["error"]) == (422, "Files are never renamed: a file's name is its page's permanent address.")
    assert _post(backend, {"action": "persistMedia", "params": {}})[0] == 422
    assert _post(backend, {"action": "deleteFiles", "params": {"paths": [Q2]}})[0] == 422


def test_only_the_preview_may_use_it(backend: str) -> None:
    assert _post(backend, {"action": "info"}, origin="https://evil.example")[0] == 403
    assert _post(backend, {"action": "info"}, content_type="text/plain")[0] == 415
    port = backend.split(":")[2].split("/")[0]
    assert _post(backend, {"action": "info"}, host=f"rebound.example:{port}")[0] == 403
    assert _post(backend, {"action": "info"}, host=f"localhost:{port}")[0] == 200


def test_a_new_update_prefilled_from_an_update_changed_since_is_refused(backend: str, repo: Path) -> None:
    new = "plans/bvip-2017-18/updates/2017-18-q3.yaml"
    prefill = {"path": Q2, "version": _sha(repo / Q2)}
    (repo / Q2).write_text((repo / Q2).read_text().replace("status: completed", "status: delayed", 1))
    status, answer, _ = _post(backend, {"action": "persistEntry", "params": {
        "dataFiles": [{"path": new, "raw": "period: 2017/18 Q3\n"}], "assets": [], "plans_base": {new: None},
        "plans_prefill": prefill}})
    assert (status, answer["error"]) == (409, (
        f"This new update was prefilled from `{Q2}` as it was when the page was loaded, and that file has changed "
        "since, so nothing was saved. Reload the page and start the new update again."))
    assert not (repo / new).exists()
    prefill["version"] = _sha(repo / Q2)
    status, _, _ = _post(backend, {"action": "persistEntry", "params": {
        "dataFiles": [{"path": new, "raw": "period: 2017/18 Q3\n"}], "assets": [], "plans_base": {new: None},
        "plans_prefill": prefill}})
    assert status == 200 and (repo / new).read_text() == "period: 2017/18 Q3\n"
