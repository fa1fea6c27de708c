"""Renaming ids without rewriting history: from the rename in plan.yaml to the deployed redirects.

The walk-through an editor follows (content/editors-guide.md, "Renaming an id"): publish; rename a
recommendation, an action and a milestone, listing the old ids under `former_ids`; leave the
published updates as they are; `urls --write`; the deploy build. Every old address must still
work, and nothing may be recorded as a correction, not even when an editor writes the new id (or
a status's label) into a published update anyway.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURES, ROOT

DEMO = FIXTURES / "demo" / "plans" / "demo-trends"


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True).stdout


def _run(repo: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT), **(env or {})}
    full.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run([sys.executable, *args], cwd=repo, env=full, capture_output=True, text=True, check=False)


def test_a_rename_keeps_every_address_and_records_no_correction(tmp_path: Path) -> None:
    repo = tmp_path / "site"
    repo.mkdir()
    config = (ROOT / "mkdocs.yml").read_text().replace("https://plans.example.org/", "https://plans.council.gov.uk/")
    (repo / "mkdocs.yml").write_text(config)
    for name in ("content", "theme"):
        shutil.copytree(ROOT / name, repo / name)
    shutil.copytree(DEMO, repo / "plans" / "demo-trends")
    (repo / ".gitignore").write_text("site/\n.cache/\n")
    assert _run(repo, "-m", "generator", "urls", "--write").returncode == 0
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Publish the plan and its updates")
    published = (repo / "public-urls.txt").read_text()

    plan = repo / "plans/demo-trends/plan.yaml"
    plan.write_text(plan.read_text()
                    .replace("- id: r1\n", "- id: housing-repairs\n  former_ids: [r1]\n", 1)
                    .replace("  - id: 1-1\n", "  - id: 1-1a\n    former_ids: [1-1]\n", 1)
                    .replace("    - id: 1-1-1\n", "    - id: 1-1-1a\n      former_ids: [1-1-1]\n", 1))
    check = _run(repo, "-m", "generator", "check", "--format", "lines")
    assert check.returncode == 0, check.stdout  # the published updates still name r1, 1-1 and 1-1-1
    assert "[address-gone]" not in check.stdout
    assert _run(repo, "-m", "generator", "urls", "--write").returncode == 0
    assert set(published.splitlines()) <= set((repo / "public-urls.txt").read_text().splitlines())
    _git(repo, "commit", "-q", "-am", "Rename recommendation r1 to housing-repairs")

    q1 = repo / "plans/demo-trends/updates/2022-23-q1.yaml"  # the old guide said to do this: not a correction
    q1.write_text(q1.read_text().replace("- milestone: 1-1-1\n", "- milestone: 1-1-1a\n", 1)
                  .replace("status: delayed", "status: Delayed", 1))
    _git(repo, "commit", "-q", "-am", "Use the new milestone id in the Q1 update")

    build = _run(repo, "-m", "mkdocs", "build", "--strict", env={"PLANS_DEPLOY": "true"})
    assert build.returncode == 0, build.stderr
    urls = _run(repo, "-m", "generator", "urls", "--check", "site")
    assert (urls.returncode, urls.stdout) == (0, "Every address in the manifest works.\n")
    moved = (repo / "site/plans/demo-trends/recommendations/r1/index.html").read_text()
    assert "This page has moved" in moved and 'href="../housing-repairs/"' in moved
    renamed = (repo / "site/plans/demo-trends/recommendations/housing-repairs/index.html").read_text()
    assert 'id="milestone-1-1-1"' in renamed and 'id="action-1-1"' in renamed
    pages = [p.read_text() for p in (repo / "site/plans/demo-trends/updates").rglob("index.html")]
    assert not [page for page in pages if "Corrected on" in page]
    corrections = (repo / "site/corrections/index.html").read_text()
    assert "Rename recommendation" not in corrections and "Use the new milestone id" not in corrections
