"""The build, one line per stage: load → validate → model → derive → charts → render → write.

Everything is read and checked before anything is written. This module knows nothing of
MkDocs; `generator.mkdocs_plugin` adapts it.
"""

from __future__ import annotations

from pathlib import Path

from generator.load import load_plans
from generator.problems import Problem
from generator.validate import validate


def check(plans_dir: Path) -> list[Problem]:
    """Load and validate every plan; return every problem found, errors and warnings."""
    return list(validate(load_plans(plans_dir)).problems)


def write_pages(plans_dir: Path, out: Path) -> int:
    """Build every page in memory and write them to `out`; returns the page count."""
    raise NotImplementedError
