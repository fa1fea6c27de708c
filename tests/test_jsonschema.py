"""The JSON Schema editors' tools use agrees with the validator, and is kept up to date."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from generator.jsonschema import PLAN_LINE, UPDATE_LINE, json_schema, schema_texts
from generator.load import load_plans
from generator.schema import Plan, Update
from tests.conftest import FIXTURES, ROOT

SCHEMA_LEVEL_CASES = ["unknown-field", "missing-required-field", "wrong-type", "percent-out-of-range", "bad-period"]


def _schema_errors(plans_dir: Path) -> list[str]:
    loaded = load_plans(plans_dir)
    errors = []
    for files in loaded.plans:
        docs = [(files.plan, Plan)] + [(doc, Update) for doc in files.updates]
        for doc, model in docs:
            if doc is None:
                continue
            validator = jsonschema.Draft202012Validator(json_schema(model))
            errors += [f"{doc.name}: {e.message}" for e in validator.iter_errors(doc.data)]
    return errors


@pytest.mark.parametrize("plans_dir", [ROOT / "plans", FIXTURES / "valid" / "basic" / "plans",
                                       FIXTURES / "demo" / "plans"], ids=["sample", "basic", "demo"])
def test_files_the_validator_accepts_are_valid_for_the_schema(plans_dir: Path) -> None:
    assert _schema_errors(plans_dir) == []


@pytest.mark.parametrize("case", SCHEMA_LEVEL_CASES)
def test_files_the_validator_rejects_for_their_shape_are_rejected_by_the_schema(case: str) -> None:
    assert _schema_errors(FIXTURES / "invalid" / case / "plans")


def test_field_descriptions_come_from_the_schema_docstrings() -> None:
    plan = json_schema(Plan)
    assert plan["properties"]["short_name"]["description"].startswith("A short name used in citations")
    update = json_schema(Update)
    assert "financial-year quarter" in update["properties"]["period"]["description"]


def test_committed_schemas_are_up_to_date() -> None:
    for name, content in schema_texts().items():
        assert (ROOT / "plans" / name).read_text(encoding="utf-8") == content, (
            f"plans/{name} is out of date: run `python -m generator schema`"
        )


def test_every_plan_file_points_editors_tools_at_the_schema() -> None:
    for path in (ROOT / "plans").glob("*/plan.yaml"):
        assert path.read_text().splitlines()[0] == PLAN_LINE, path
    for path in (ROOT / "plans").glob("*/updates/*.yaml"):
        assert path.read_text().splitlines()[0] == UPDATE_LINE, path
