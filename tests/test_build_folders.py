"""Build folders: what a build may replace, how the new site takes the old one's place, and what a
killed build leaves behind."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import pytest

from generator import sitedir
from tests.conftest import FIXTURES, ROOT, make_project, run_mkdocs

BASIC = FIXTURES / "valid" / "basic" / "plans"


def _repository(tmp_path: Path) -> Path:
    """A small git repository holding the build scripts, a committed and an uncommitted file."""
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    for name in ("build-at", "setup"):
        (repo / "scripts" / name).write_bytes((ROOT / "scripts" / name).read_bytes())
        (repo / "scripts" / name).chmod(0o755)
    (repo / "README.md").write_text("committed\n")
    env = {**os.environ, "GIT_AUTHOR_NAME": "E", "GIT_AUTHOR_EMAIL": "e@example.org", "GIT_COMMITTER_NAME": "E",
           "GIT_COMMITTER_EMAIL": "e@example.org"}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "First"]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True)
    (repo / "notes.txt").write_text("uncommitted\n")
    return repo


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if ".git/" not in p.as_posix())


@pytest.mark.parametrize(("output", "reason"), [
    (".", "The output folder {repo} is the project's own folder (repo); building there would replace the "
          "project with the site. Choose another folder, e.g. site/."),
    ("..", "The output folder {tmp} holds the project ({repo}); building there would delete it. Choose another "
           "folder, e.g. site/."),
    ("scripts", "The output folder {repo}/scripts holds files kept in git (build-at); building there would delete "
                "them. Choose another folder, e.g. site/."),
    ("../other", "The output folder {tmp}/other holds a git repository (.git) and is not a built site; building "
                 "there would delete it. Choose a new or empty folder."),
    (".git/x", "The output folder {repo}/.git/x is inside a git repository's own folder (.git). Choose another "
               "folder."),
])
def test_build_at_refuses_a_folder_that_holds_the_repository(tmp_path: Path, output: str, reason: str) -> None:
    """`scripts/build-at <ref> .` deleted the whole repository, `.git` and uncommitted work included."""
    repo = _repository(tmp_path)
    subprocess.run(["git", "init", "-q", str(tmp_path / "other")], check=True)
    (tmp_path / "other" / "work.txt").write_text("someone's work\n")
    before = _files(tmp_path)
    result = subprocess.run([str(repo / "scripts" / "build-at"), "HEAD", output], cwd=repo, capture_output=True,
                            text=True, env={**os.environ, "PYTHON": sys.executable, "PYTHONPATH": str(ROOT)},
                            check=False)
    assert result.returncode == 2
    assert result.stderr == reason.format(repo=repo, tmp=tmp_path) + "\n"
    assert _files(tmp_path) == before


def test_the_build_refuses_its_repository_and_another_repository(tmp_path: Path) -> None:
    """A build in a second work tree of the repository (as `build-at` makes) must not replace the first."""
    project = make_project(tmp_path, BASIC)
    env = {**os.environ, "GIT_AUTHOR_NAME": "E", "GIT_AUTHOR_EMAIL": "e@example.org", "GIT_COMMITTER_NAME": "E",
           "GIT_COMMITTER_EMAIL": "e@example.org"}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "First"],
                 ["worktree", "add", "-q", "--detach", str(tmp_path / "then")]):
        subprocess.run(["git", *args], cwd=project, env=env, check=True)
    result = run_mkdocs(tmp_path / "then", "build", "--site-dir", str(project))
    assert result.returncode == 1
    assert (f"The output folder {project} is the project's own folder (project); building there would replace the "
            "project with the site.") in result.stdout + result.stderr
    assert (project / "plans").is_dir()
    other = tmp_path / "other"
    subprocess.run(["git", "init", "-q", str(other)], check=True)
    (other / "work.txt").write_text("someone's work\n")
    result = run_mkdocs(project, "build", "--site-dir", str(other))
    assert result.returncode == 1
    said = result.stdout + result.stderr
    assert f"The output folder {other} holds a git repository (.git) and is not a built site" in said
    assert sorted(p.name for p in other.iterdir()) == [".git", "work.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other", "project", "then"]


def test_the_swap_keeps_the_sites_own_git_and_nojekyll_and_gives_normal_permissions(tmp_path: Path) -> None:
    """The swap wiped `site/.git` and `.nojekyll` (plain MkDocs keeps them); `site/` was created 0700,
    so a web server serving it directly answered 403."""
    project = make_project(tmp_path, BASIC)
    os.umask(0o022)
    assert run_mkdocs(project, "build").returncode == 0
    site = project / "site"
    assert stat.S_IMODE(site.stat().st_mode) == 0o755
    assert stat.S_IMODE((site / "index.html").stat().st_mode) == 0o644
    subprocess.run(["git", "init", "-q", str(site)], check=True)
    (site / ".nojekyll").write_text("")
    assert run_mkdocs(project, "build").returncode == 0
    assert (site / ".git" / "HEAD").is_file() and (site / ".nojekyll").is_file()
    assert stat.S_IMODE(site.stat().st_mode) == 0o755


def test_the_site_folder_is_never_missing_during_the_swap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The swap renamed `site/` aside before renaming the new one in: a moment with no site."""
    out = tmp_path / "site"
    out.mkdir()
    (out / "old.html").write_text("old")
    (out / ".nojekyll").write_text("")
    staging = sitedir.stage(out)
    (staging / "new.html").write_text("new")
    missing: list[str] = []
    rename = os.rename

    def watched_rename(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        rename(source, target)
        if not out.is_dir():
            missing.append(f"{source} -> {target}")

    monkeypatch.setattr(os, "rename", watched_rename)
    sitedir.swap_into_place(staging, out)
    assert missing == []
    assert sorted(p.name for p in out.iterdir()) == [".nojekyll", "new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_without_an_atomic_exchange_the_swap_still_replaces_the_site(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sitedir, "_exchange", lambda first, second: False)
    out = tmp_path / "site"
    out.mkdir()
    (out / "old.html").write_text("old")
    staging = sitedir.stage(out)
    (staging / "new.html").write_text("new")
    sitedir.swap_into_place(staging, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert sorted(p.name for p in out.iterdir()) == ["new.html"]


def _dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_a_killed_builds_staging_folders_are_removed_by_the_next_build(tmp_path: Path) -> None:
    """Killed builds left staging folders of up to 124 MB behind, for ever."""
    project = make_project(tmp_path, BASIC)
    build = subprocess.Popen([sys.executable, "-m", "mkdocs", "build"], cwd=project, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"})
    deadline = time.monotonic() + 60
    while not list(project.glob(".site-new-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert [p.name.split("-")[2] for p in project.glob(".site-new-*")] == [str(build.pid)]
    (project / "site").mkdir(exist_ok=True)
    killed_swap = project / f".site-new-{_dead_pid()}-abcdefgh"
    (killed_swap / ".git").mkdir(parents=True)  # a swap killed after moving the site's .git aside
    assert run_mkdocs(project, "build").returncode == 0
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []
    assert (project / "site" / ".git").is_dir()


CHILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from generator import forked
    from generator.charts import cache, jobs, kinds
    from generator.schema import Scale

    def task(item):
        time.sleep(120)

    if __name__ == "__main__":
        if sys.argv[1] == "render":
            forked.map_forked(task, list(range(4)), 2)
        else:
            bars = lambda i: tuple(kinds.Bar(f"bar {i} {j}", (kinds.Segment("On", Scale.on_track, j + 1),))
                                   for j in range(30))
            many = [kinds.StatusChart(f"s{i}", "t", "items", bars(i)) for i in range(3000)]
            jobs.start(many, cache.ChartCache(Path(sys.argv[2])), 2)
            time.sleep(120)
""")


def _marked(mark: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and f"WORKER_MARK={mark}".encode() in (entry / "environ").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc (Linux)")
@pytest.mark.parametrize("work", ["render", "charts"])
def test_a_killed_build_leaves_no_worker_behind(tmp_path: Path, work: str) -> None:
    """Workers forked to render pages hung for ever after the build was killed; chart workers drew on."""
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    mark = uuid.uuid4().hex
    child = subprocess.Popen([sys.executable, str(script), work, str(tmp_path / "cache")], cwd=ROOT,
                             env={**os.environ, "WORKER_MARK": mark, "PYTHONPATH": str(ROOT)},
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        started = 3 if work == "render" else 5  # the build and 2 workers (+ fork server and resource tracker)
        deadline = time.monotonic() + 60
        while len(_marked(mark)) < started and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(_marked(mark)) >= started, "the workers did not start"
        child.send_signal(signal.SIGKILL)
        child.wait()
        deadline = time.monotonic() + 5
        while _marked(mark) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _marked(mark) == []
    finally:
        for pid in _marked(mark):
            os.kill(pid, signal.SIGKILL)


def test_the_pages_command_refuses_the_same_folders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    repo = _repository(tmp_path)
    shutil.copytree(BASIC, repo / "plans")
    assert main(["pages", str(repo / "scripts"), "--plans", str(repo / "plans")]) == 2
    assert capsys.readouterr().err == (f"python -m generator pages: error: The output folder {repo}/scripts holds "
                                       "files kept in git (build-at); building there would delete them. Choose "
                                       "another folder, e.g. site/.\n")
    assert sorted(p.name for p in (repo / "scripts").iterdir()) == ["build-at", "setup"]
