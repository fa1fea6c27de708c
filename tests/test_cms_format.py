"""The editing interface's file format (admin/src/inplace.js) writes back only what changed: its
own tests run under Node (admin/test/inplace.test.js), and the files it wrote with awkward
text are read back here by the generator."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from generator.cli import main
from generator.cms import admin
from generator.load import load_document
from generator.problems import Problem
from tests.browser import require
from tests.conftest import FIXTURES, ROOT


@pytest.fixture(scope="module")
def node_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    require("node", admin.MODULES / "yaml" / "package.json")
    folder = tmp_path_factory.mktemp("format")
    config = folder / "config.yml"
    assert main(["cms-config", "--plans", str(ROOT / "plans"), "--write", str(config)]) == 0
    files = sorted([*ROOT.glob("plans/*/plan.yaml"), *ROOT.glob("plans/*/updates/*.yaml"),
                    *FIXTURES.glob("demo/plans/*/plan.yaml"), *FIXTURES.glob("demo/plans/*/updates/*.yaml")])
    out = folder / "out"
    out.mkdir()
    env = {**os.environ, "PLANS_CMS_CONFIG": str(config), "PLANS_FILES": ":".join(map(str, files)),
           "PLANS_OUT": str(out)}
    result = subprocess.run(["node", "--test", "admin/test/"], cwd=ROOT, capture_output=True, text=True,
                            timeout=300, env=env, check=False)
    return result, out


def test_the_format_keeps_every_file_byte_for_byte_and_writes_only_changed_values(
        node_run: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    result, _ = node_run
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "\n# pass 10\n# fail 0\n" in result.stdout


def test_awkward_text_it_writes_reads_back_the_same_in_the_generator(
        node_run: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    _, out = node_run
    cases = json.loads((out / "awkward.json").read_text())
    assert len(cases) == 25
    for case in cases:
        problems: list[Problem] = []
        doc = load_document(out / case["file"], out, problems)
        assert doc is not None and not problems, (case, problems)
        assert doc.data["progress"][case["index"]]["commentary"] == case["commentary"]
