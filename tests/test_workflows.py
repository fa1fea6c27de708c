"""The site repository's automation: GitHub Actions workflows and the pre-commit hook."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from tests.conftest import ROOT


def _load(name: str) -> Any:
    # PyYAML reads the key `on` as True (YAML 1.1); look it up either way.
    return yaml.safe_load((ROOT / name).read_text())


def test_pull_requests_run_the_check_with_the_pinned_environment() -> None:
    workflow = _load(".github/workflows/check.yml")
    triggers = workflow.get("on", workflow.get(True))
    assert "pull_request" in triggers
    steps = workflow["jobs"]["check"]["steps"]
    commands = [step.get("run", "") for step in steps]
    assert any("-c constraints.txt" in c for c in commands)
    assert 'python -m generator check --base "$BASE"' in commands
    assert steps[0]["with"]["fetch-depth"] == 0  # the gate compares the change with main


def test_main_is_built_and_deployed_to_github_pages() -> None:
    workflow = _load(".github/workflows/deploy.yml")
    triggers = workflow.get("on", workflow.get(True))
    assert triggers["push"]["branches"] == ["main"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["steps"][0]["with"]["fetch-depth"] == 0
    assert any(step.get("run") == "scripts/build-site" and step.get("env") == {
        "PLANS_DEPLOY": "true", "PLANS_BASE": "${{ github.event.before }}"} for step in build["steps"])
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact") for step in build["steps"])
    assert deploy["needs"] == "build"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages")
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_pre_commit_runs_the_check_on_plan_changes() -> None:
    config = _load(".pre-commit-config.yaml")
    hook = config["repos"][0]["hooks"][0]
    assert hook["entry"] == "python -m generator check"
    assert hook["files"] == "^plans/"


def test_the_deploy_build_is_switched_on_by_one_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.config import load_config

    monkeypatch.delenv("PLANS_DEPLOY", raising=False)
    assert load_config(str(ROOT / "mkdocs.yml")).plugins["plans"].config.deploy is False
    monkeypatch.setenv("PLANS_DEPLOY", "true")
    assert load_config(str(ROOT / "mkdocs.yml")).plugins["plans"].config.deploy is True
