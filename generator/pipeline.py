"""The build, one line per stage: load → validate → model → derive → render → write.

Everything is read and checked before anything is written. This module knows nothing of
MkDocs; `generator.mkdocs_plugin` adapts it.
"""

from __future__ import annotations

from pathlib import Path

from generator.load import load_plans
from generator.model import Site, build_model
from generator.pages import Output
from generator.problems import Problem, raise_if_errors
from generator.render import render_site
from generator.validate import validate
from generator.write import write_output


def check(plans_dir: Path) -> list[Problem]:
    """Load and validate every plan; return every problem found, errors and warnings."""
    return list(validate(load_plans(plans_dir)).problems)


def read_site(plans_dir: Path) -> tuple[Site, list[Problem]]:
    """Load, validate and model every plan; raise `InputError` listing every error at once."""
    validated = validate(load_plans(plans_dir))
    problems = list(validated.problems)
    raise_if_errors(problems)
    return build_model(validated), problems


def build_output(plans_dir: Path) -> tuple[Output, list[Problem]]:
    """Everything the site needs, built in memory; nothing is written."""
    site, warnings = read_site(plans_dir)
    return render_site(site), warnings


def write_pages(plans_dir: Path, out: Path) -> int:
    """Build every page in memory and write them to `out`; returns the page count."""
    output, _ = build_output(plans_dir)
    write_output(output, out)
    return len(output.pages)
