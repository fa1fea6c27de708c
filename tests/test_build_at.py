"""`scripts/build-at <ref>` builds an old commit with that commit's own pinned dependencies, so
"the site as it was online on that date" holds after the pins change."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURES, ROOT


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "e@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "e@example.org",
           "GIT_AUTHOR_DATE": "2024-01-10T10:00:00+00:00", "GIT_COMMITTER_DATE": "2024-01-10T10:00:00+00:00"}
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True).stdout


def test_an_old_commit_is_built_with_its_own_pins(tmp_path: Path) -> None:
    repo = tmp_path / "site-repo"
    repo.mkdir()
    for name in ("mkdocs.yml", "constraints.txt", "pyproject.toml", "README.md", "package.json", "package-lock.json"):
        shutil.copy(ROOT / name, repo / name)
    for name in ("content", "theme", "generator", "scripts"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copytree(FIXTURES / "demo" / "plans", repo / "plans")
    (repo / ".gitignore").write_text(".venv/\n.cache/\nsite/\nsite-at-*/\nnode_modules\n")
    if (ROOT / "node_modules").is_dir():
        (repo / "node_modules").symlink_to(ROOT / "node_modules")  # installed already (scripts/setup)
    pins = repo / "constraints.txt"
    assert "et_xmlfile==2.0.0\n" in pins.read_text()
    pins.write_text(pins.read_text().replace("et_xmlfile==2.0.0\n", "et_xmlfile==1.1.0\n"))
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Publish with an older pin")
    old = _git(repo, "rev-parse", "HEAD").strip()
    pins.write_text(pins.read_text().replace("et_xmlfile==1.1.0\n", "et_xmlfile==2.0.0\n"))
    _git(repo, "commit", "-q", "-am", "Move the pin on")

    # Today's environment (the caller's) builds everything but the old commit's own site.
    env = {**os.environ, "PYTHON": "", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PYTHON")
    (repo / ".venv" / "bin").mkdir(parents=True)
    (repo / ".venv" / "bin" / "python").symlink_to(sys.executable)
    stamp = ".venv/.installed-site-" + subprocess.run(
        "cat constraints.txt pyproject.toml | sha256sum | cut -c1-16", shell=True, cwd=repo, capture_output=True,
        text=True, check=True).stdout.strip()
    (repo / stamp).touch()
    result = subprocess.run(["scripts/build-at", old, str(tmp_path / "site-then")], cwd=repo, env=env,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "Setting up the dependencies pinned at" in result.stderr
    venvs = list((repo / ".cache" / "build-at").glob("venv-*"))
    assert len(venvs) == 1
    installed = subprocess.run([str(venvs[0] / "bin" / "python"), "-c",
                                "import importlib.metadata as m; print(m.version('et_xmlfile'))"],
                               capture_output=True, text=True, check=True).stdout.strip()
    assert installed == "1.1.0", "the old commit's pin, not today's"
    assert (tmp_path / "site-then" / "plans" / "demo-trends" / "index.html").is_file()
    again = subprocess.run(["scripts/build-at", old, str(tmp_path / "site-again")], cwd=repo, env=env,
                           capture_output=True, text=True, check=False)
    assert again.returncode == 0, again.stderr
    assert "Setting up" not in again.stderr, "the environment is made once per set of pins"
