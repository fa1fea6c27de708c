"""History from git: last-updated dates, the corrections log, and rebuilding the site as at a commit."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT

DEMO = FIXTURES / "demo" / "plans" / "demo-trends"


def _git(repo: Path, *args: str, when: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True).stdout


def _build(repo: Path, *args: str, epoch: str | None = None,
           env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    env.pop("SOURCE_DATE_EPOCH", None)
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *args], cwd=repo, env=env,
                          capture_output=True, text=True, check=False)


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A site repository with three commits: publish Q1, publish Q2, correct Q1."""
    repo = tmp_path_factory.mktemp("history") / "site-repo"
    repo.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", repo)
    for name in ("content", "theme", "generator"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    (repo / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "build-at", repo / "scripts")
    (repo / ".gitignore").write_text("site/\n.cache/\nsite-at-*/\n")
    plan = repo / "plans" / "demo-trends"
    (plan / "updates").mkdir(parents=True)
    shutil.copy(DEMO / "plan.yaml", plan)
    shutil.copy(DEMO / "updates" / "2022-23-q1.yaml", plan / "updates")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Publish the 2022/23 Q1 update", when="2022-07-20T10:00:00+00:00")
    first = _git(repo, "rev-parse", "HEAD").strip()
    epoch = _git(repo, "log", "-1", "--format=%ct").strip()
    then = _build(repo, "--site-dir", str(repo.parent / "site-then"), epoch=epoch)
    assert then.returncode == 0, then.stderr
    shutil.copy(DEMO / "updates" / "2022-23-q2.yaml", plan / "updates")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Publish the 2022/23 Q2 update", when="2022-10-20T10:00:00+00:00")
    q1 = plan / "updates" / "2022-23-q1.yaml"
    q1.write_text(q1.read_text().replace("Synthetic commentary for quarter 1.", "Corrected commentary.", 1))
    _git(repo, "commit", "-q", "-am", "Correct the commentary on key milestone 1-1-1", when="2022-11-03T09:00:00+00:00")
    q1.write_text("# A comment only: not a correction\n" + q1.read_text())
    _git(repo, "commit", "-q", "-am", "Add a comment for editors", when="2022-11-04T09:00:00+00:00")
    _git(repo, "checkout", "-q", "-b", "q3")
    q3 = plan / "updates" / "2022-23-q3.yaml"
    q3.write_text((DEMO / "updates" / "2022-23-q3.yaml").read_text().replace("quarter 3", "quarter three"))
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Draft Q3", when="2023-01-14T09:00:00+00:00")
    shutil.copy(DEMO / "updates" / "2022-23-q3.yaml", q3)
    _git(repo, "commit", "-q", "-am", "Fix typo in draft", when="2023-01-15T09:00:00+00:00")
    _git(repo, "checkout", "-q", "main")
    _git(repo, "merge", "-q", "--no-ff", "q3", "-m", "Merge pull request #7 from council/q3",
         "-m", "Publish the 2022/23 Q3 update", when="2023-01-16T09:00:00+00:00")
    now = _build(repo)
    assert now.returncode == 0, now.stderr
    return {"repo": repo, "first": first, "then": repo.parent / "site-then"}


def _page(repo: dict[str, object], path: str) -> str:
    return (Path(str(repo["repo"])) / "site" / path / "index.html").read_text()


def test_pages_show_the_date_their_sources_last_changed(repo: dict[str, object]) -> None:
    assert 'Page last changed on <time datetime="2023-01-16">16 January 2023</time>' in _page(repo, "plans/demo-trends")
    q2 = _page(repo, "plans/demo-trends/updates/2022-23-q2")
    assert 'Page last changed on <time datetime="2022-10-20">20 October 2022</time>' in q2
    assert 'Page last changed on <time datetime="2022-07-20">20 July 2022</time>' in _page(repo, "about")


def test_a_corrected_update_says_so_and_the_corrections_log_lists_it(repo: dict[str, object]) -> None:
    q1 = _page(repo, "plans/demo-trends/updates/2022-23-q1")
    assert ('<strong>Corrected on <time datetime="2022-11-03">3 November 2022</time>:</strong> '
            "Correct the commentary on key milestone 1-1-1.") in q1
    assert "Corrected on" in _page(repo, "plans/demo-trends/updates/2022-23-q1/recommendations/r1")
    assert "Corrected on" not in _page(repo, "plans/demo-trends/updates/2022-23-q2")
    assert "Add a comment for editors" not in q1  # a comment-only change is not a correction
    log = _page(repo, "corrections")
    assert "Correct the commentary on key milestone 1-1-1" in log
    assert "DEMO 2022/23 Q1 update" in log and "Publish the 2022/23 Q2 update" not in log


def test_a_merged_pull_request_is_one_publication(repo: dict[str, object]) -> None:
    q3 = _page(repo, "plans/demo-trends/updates/2022-23-q3")
    assert "Corrected on" not in q3
    assert 'Page last changed on <time datetime="2023-01-16">16 January 2023</time>' in q3


def test_rebuilding_at_a_commit_reproduces_the_site_of_that_day(repo: dict[str, object], tmp_path: Path) -> None:
    root = Path(str(repo["repo"]))
    out = tmp_path / "site-at-first"
    result = subprocess.run([str(root / "scripts" / "build-at"), str(repo["first"]), str(out)], cwd=root,
                            env={**os.environ, "PYTHON": sys.executable}, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert _digest(out) == _digest(Path(str(repo["then"])))
    assert "Corrected on" not in (out / "plans/demo-trends/updates/2022-23-q1/index.html").read_text()


def test_a_copy_without_git_history_builds_with_a_warning_and_no_dates(tmp_path: Path) -> None:
    project = tmp_path / "no-git"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    for name in ("content", "theme", "plans"):
        shutil.copytree(ROOT / name, project / name)
    result = _build(project, epoch="1700000000")
    assert result.returncode == 0, result.stderr
    assert "No git history found" in result.stderr
    assert "Last updated" not in (project / "site" / "index.html").read_text()


def test_a_shallow_clone_warns_and_the_deploy_build_refuses_it(repo: dict[str, object], tmp_path: Path) -> None:
    """A shallow clone used to empty the corrections record and move every "last updated" date
    without a word."""
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo['repo']}", str(clone)], check=True)
    preview = _build(clone)
    assert preview.returncode == 0, preview.stderr
    assert ("WARNING -  This is a shallow clone (`git clone --depth`): the corrections record would be lost and "
            '"last updated" dates would move to the newest commit. Build from a clone with the full history: '
            "`git fetch --unshallow`, or `fetch-depth: 0` with actions/checkout.") in preview.stderr
    before = _digest(clone / "site")
    deploy = _build(clone, env={"PLANS_DEPLOY": "true"})
    assert deploy.returncode == 1
    assert "ERROR   -  .git:1:1: error: This is a shallow clone (`git clone --depth`)" in deploy.stderr
    assert _digest(clone / "site") == before


def test_the_deploy_build_refuses_the_placeholder_address_and_other_builds_say_so(
        repo: dict[str, object], tmp_path: Path) -> None:
    clone = tmp_path / "full"
    subprocess.run(["git", "clone", "-q", f"file://{repo['repo']}", str(clone)], check=True)
    preview = _build(clone)
    assert preview.returncode == 0, preview.stderr
    assert preview.stderr.count("is a placeholder: printed pages, downloads, feeds and canonical links") == 1
    deploy = _build(clone, env={"PLANS_DEPLOY": "true"})
    assert deploy.returncode == 1
    assert ("ERROR   -  mkdocs.yml:1:1: error: site_url in mkdocs.yml is `https://plans.example.org/`, a "
            "placeholder: set it to the address the site will be published at") in deploy.stderr
    config = clone / "mkdocs.yml"
    config.write_text(config.read_text().replace("https://plans.example.org/", "https://plans.council.gov.uk/"))
    published = _build(clone, env={"PLANS_DEPLOY": "true"})
    assert published.returncode == 0, published.stderr
    assert "placeholder" not in published.stderr
    feed = (clone / "site/feed.xml").read_text()
    assert "<id>https://plans.council.gov.uk/plans/demo-trends/updates/2022-23-q2/</id>" in feed


def test_a_commit_message_git_cannot_convert_does_not_stop_the_build(tmp_path: Path) -> None:
    """A wrong `i18n.commitEncoding` gives raw bytes that used to crash every later build (exit 3)."""
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "valid" / "basic" / "plans", repo / "plans")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Publish", when="2020-09-20T10:00:00+00:00")
    update = repo / "plans/demo-plan/updates/2020-21-q2.yaml"
    update.write_text(update.read_text().replace("24 issues", "25 issues"))
    subprocess.run(["git", "-c", "user.name=Editor", "-c", "user.email=e@example.org", "-c",
                    "i18n.commitEncoding=no-such-encoding", "commit", "-q", "-am", b"Caf\xe9 figures corrected"],
                   cwd=repo, check=True)
    result = subprocess.run([sys.executable, "-m", "generator", "pages", str(tmp_path / "out")], cwd=repo,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "Caf\ufffd figures corrected" in (tmp_path / "out/corrections/index.md").read_text()
