"""Shared helpers for the tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
MKDOCS = [sys.executable, "-m", "mkdocs"]


def public_pages(site: Path) -> list[Path]:
    """Every HTML page of a built site that readers see: not the editing interface under
    /admin/ (tests/test_cms_browser.py tests it)."""
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "admin")


def run_mkdocs(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build` (or another command) in `project` as a user would."""
    full_env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", **(env or {})}
    return subprocess.run([*MKDOCS, *args], cwd=project, capture_output=True, text=True, env=full_env,
                          check=False)


def make_project(tmp_path: Path, plans: Path | None = None) -> Path:
    """A copy of the sample project (config, content, theme) with its own or the sample plans."""
    project = tmp_path / "project"
    project.mkdir(parents=True)
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, project / name)
    for name in ("content", "theme"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copytree(plans or ROOT / "plans", project / "plans")
    return project


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site, built once per test session with `mkdocs build --strict`."""
    project = make_project(tmp_path_factory.mktemp("sample"))
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic demo plan (four quarterly updates) as a site, built once per session."""
    project = make_project(tmp_path_factory.mktemp("demo"), FIXTURES / "demo" / "plans")
    config = project / "mkdocs.yml"  # in English only: the sample site is the one built in every language
    config.write_text(config.read_text(encoding="utf-8").replace("languages: [en, bn, cy]", "languages: [en]"),
                      encoding="utf-8")
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    return project / "site"
