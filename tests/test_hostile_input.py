"""Hostile or careless input is refused with a message naming file, line and column, never a
crash (exit 3), a hang or gigabytes of memory: alias bombs, deep nesting, huge files, links."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, make_project, run_mkdocs
from tests.test_serve import _free_port, _wait_for

BASIC = FIXTURES / "valid" / "basic" / "plans"
UPDATE = "plans/demo-plan/updates/2020-21-q2.yaml"


def _plans(tmp_path: Path) -> Path:
    plans = tmp_path / "plans"
    shutil.copytree(BASIC, plans)
    return plans


def _limited() -> None:
    """At most 1 GB of memory and 60 s of processor time, so a regression fails instead of
    taking the machine down."""
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    resource.setrlimit(resource.RLIMIT_CPU, (60, 60))


def _check(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", "check", "--plans", "plans", "--format", "lines"],
                          cwd=project, capture_output=True, text=True, preexec_fn=_limited, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)


def test_an_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    """Two kilobytes that expand to 3.5 billion values (a 28 KB bomb took 1.7 GB at 7 levels, more than
    4 GB at 9, then exit 3)."""
    plans = _plans(tmp_path)
    levels = ["a0: &a0 [" + ", ".join(["lol"] * 9) + "]"]
    levels += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 10)]
    update = plans / "demo-plan/updates/2020-21-q2.yaml"
    update.write_text(update.read_text() + "notes:\n  - " + "\n  - ".join(levels) + "\n")
    assert len(update.read_bytes()) < 2000
    result = _check(tmp_path)
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stdout.splitlines() if "YAML alias" in line]
    assert lines[0] == (f"{UPDATE}:24:14: error: `*a0` repeats another value by reference (a YAML alias). "
                        "(Write the value out in full here; aliases (`&a0` and `*a0`) are not allowed in plan files.)")
    assert len(lines) == 81


@pytest.mark.parametrize("depth", [500, 30_000])
def test_deep_nesting_is_refused_not_a_crash(tmp_path: Path, depth: int) -> None:
    """500 levels gave exit 3 (recursion), 30,000 a segmentation fault."""
    plans = _plans(tmp_path)
    update = plans / "demo-plan/updates/2020-21-q2.yaml"
    update.write_text(update.read_text() + "notes: " + "[" * depth + "]" * depth + "\n")
    result = _check(tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout == (f"{UPDATE}:22:47: error: Lists and fields are nested more than 40 levels deep here. "
                             "(Check the indentation; no plan or update needs this many levels.)\n")


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    plans = _plans(tmp_path)
    update = plans / "demo-plan/updates/2020-21-q2.yaml"
    with update.open("a") as out:
        out.write("notes:\n" + "  - padding padding padding padding padding padding padding padding\n" * 90_000)
    result = _check(tmp_path)
    assert result.returncode == 1
    assert result.stdout == (f"{UPDATE}:1:1: error: The file is too large to be a plan or update file (6.1 MB; the "
                             "limit is 5 MB). (Check that the right file was saved here; split a very long plan "
                             "into several.)\n")


def test_a_raw_control_character_is_a_message_not_exit_3(tmp_path: Path) -> None:
    plans = _plans(tmp_path)
    update = plans / "demo-plan/updates/2020-21-q2.yaml"
    update.write_text(update.read_text().replace("Procurement underway.", "Procurement\x1b[31m underway.", 1))
    result = _check(tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith(f"{UPDATE}:17:28: error: The text holds an invisible control character "
                                    "(U+001B), which cannot be published.")


def test_symbolic_links_in_plans_are_refused(tmp_path: Path) -> None:
    plans = _plans(tmp_path)
    (plans / "demo-plan/updates/2020-21-q3.yaml").symlink_to("/etc/hostname")
    (plans / "linked-plan").symlink_to(plans / "demo-plan")
    result = _check(tmp_path)
    assert result.returncode == 1
    assert result.stdout == (
        "plans/demo-plan/updates/2020-21-q3.yaml:1:1: error: `plans/demo-plan/updates/2020-21-q3.yaml` is a "
        "symbolic link (to `/etc/hostname`); links are not published. (Replace the link with a copy of the file "
        "(or folder), or delete it: a link could publish files from outside the repository.)\n"
        f"plans/linked-plan:1:1: error: `plans/linked-plan` is a symbolic link (to `{plans}/demo-plan`); links are "
        "not published. (Replace the link with a copy of the file (or folder), or delete it: a link could publish "
        "files from outside the repository.)\n")


def test_a_newline_in_a_folder_name_cannot_inject_github_workflow_commands(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    shutil.copytree(BASIC / "demo-plan", plans / "x\n::add-mask::secret\n::error file=a,title=b::pwned")
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--plans", "plans", "--format", "github"],
                            cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stdout == (
        "::error file=plans/x%0A%3A%3Aadd-mask%3A%3Asecret%0A%3A%3Aerror file=a%2Ctitle=b%3A%3Apwned/plan.yaml,"
        "line=2,col=5,title=id::The plan id `demo-plan` does not match its folder `x%0A::add-mask::secret%0A::error "
        "file=a,title=b::pwned`. Rename the folder to `demo-plan` or set `id: x%0A::add-mask::secret%0A::error "
        "file=a,title=b::pwned`.\n")


def test_symbolic_links_in_content_are_refused_and_nothing_is_built(tmp_path: Path) -> None:
    """Links in content/ published files from the build machine (`../.git/config`, `/etc/hostname`,
    a whole folder outside the repository), even under --strict."""
    project = make_project(tmp_path, BASIC)
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text("[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "private.md").write_text("# Private\n")
    (project / "content" / "config.md").symlink_to("../.git/config")
    (project / "content" / "outside").symlink_to(tmp_path / "elsewhere")
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 1
    assert ("ERROR   -  content/config.md:1:1: error: `content/config.md` is a symbolic link (to `../.git/config`); "
            "links are not published.") in result.stderr
    assert (f"ERROR   -  content/outside:1:1: error: `content/outside` is a symbolic link (to `{tmp_path}/elsewhere`)"
            in result.stderr)
    assert not (project / "site").exists()
    code = subprocess.run([sys.executable, "-m", "generator", "check", "--format", "lines"], cwd=project,
                          capture_output=True, text=True, check=False)
    assert code.returncode == 1 and "content/config.md:1:1: error:" in code.stdout


def test_mkdocs_serve_survives_hostile_input_and_recovers(tmp_path: Path) -> None:
    """Nesting 30,000 deep killed `mkdocs serve` for good (a segmentation fault)."""
    project = make_project(tmp_path, BASIC)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/plans/demo-plan/recommendations/r1/"
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"})
    try:
        assert _wait_for(url, "We have now had 24 issues.", 120), "the preview did not start"
        update = project / "plans/demo-plan/updates/2020-21-q2.yaml"
        good = update.read_text()
        update.write_text(good + "notes: " + "[" * 30_000 + "]" * 30_000 + "\n")
        time.sleep(3)
        assert server.poll() is None
        update.write_text(good.replace("24 issues", "25 issues"))
        assert _wait_for(url, "We have now had 25 issues.", 60), "the preview did not recover"
    finally:
        server.terminate()
        server.wait(timeout=10)
