"""Golden output: the generated pages and data files of a small fixture, compared file by file
with `tests/golden/basic/`, as pelican does. After an intended change to the pages, regenerate
them with `GOLDEN=write .venv/bin/python -m pytest tests/test_golden.py` and read the diff.

Chart drawings are left out (their bytes follow matplotlib's version; `tests/test_charts.py`
checks them), and the fixture is copied out of git so no date from its history is in the pages.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from generator.cli import main
from tests.conftest import FIXTURES, ROOT

GOLDEN = ROOT / "tests" / "golden" / "basic"


def _files(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix != ".svg"}


def test_the_generated_pages_of_a_small_fixture_match_the_golden_copy(tmp_path: Path) -> None:
    plans = tmp_path / "project" / "plans"
    shutil.copytree(FIXTURES / "valid" / "basic" / "plans", plans)
    out = tmp_path / "pages"
    assert main(["pages", "--plans", str(plans), "--cache", str(tmp_path / "cache"), str(out)]) == 0
    made = _files(out)
    if os.environ.get("GOLDEN") == "write":
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, text in made.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_text(text, encoding="utf-8")
    golden = _files(GOLDEN)
    assert sorted(made) == sorted(golden), "pages added or gone: regenerate with GOLDEN=write if intended"
    changed = [name for name in made if made[name] != golden[name]]
    assert not changed, f"pages that changed (regenerate with GOLDEN=write if intended): {changed}"
