"""The public record: counts computed from the data match counts made from the source reports.

Each `tests/record/<plan>.json` was counted from the source text, independently of the YAML.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from generator.model import Plan
from generator.pipeline import read_site
from tests.conftest import ROOT

RECORDS = sorted((ROOT / "tests" / "record").glob("*.json"))


@pytest.fixture(scope="module")
def plans() -> dict[str, Plan]:
    derived_site, _ = read_site(ROOT / "plans")
    site = derived_site.site
    return {plan.id: plan for plan in site.plans}


def test_every_plan_has_a_record_and_the_four_reports_are_all_there(plans: dict[str, Plan]) -> None:
    assert sorted(plans) == sorted(p.stem for p in RECORDS)
    assert sorted(plans) == ["bvip-2017-18", "cpc-2023", "improvement-plan-2018-22", "transformation-2024"]


@pytest.mark.parametrize("record", RECORDS, ids=[p.stem for p in RECORDS])
def test_counts_match_the_source(record: Path, plans: dict[str, Plan]) -> None:
    expected = json.loads(record.read_text())
    plan = plans[record.stem]
    actions = [a for r in plan.recommendations for a in r.actions]
    actual = {
        "recommendations": len(plan.recommendations),
        "actions": len(actions),
        "milestones": sum(len(a.milestones) for a in actions),
        "sections": len(plan.sections),
        "updates": {
            update.period.slug: {
                "progress": len(update.reports),
                "statuses": dict(Counter(r.status.id for r in update.reports.values())),
            }
            for update in plan.updates
        },
    }
    assert actual == expected


def test_every_plan_and_update_names_its_source(plans: dict[str, Plan]) -> None:
    for plan in plans.values():
        assert plan.sources, plan.id
        for update in plan.updates:
            assert update.source in plan.sources
            assert update.date.printed.strip()


def test_no_date_or_text_is_empty_where_the_source_has_one(plans: dict[str, Plan]) -> None:
    for plan in plans.values():
        for rec in plan.recommendations:
            for level in ("actions", "milestones"):
                items = list(rec.actions) if level == "actions" else [m for a in rec.actions for m in a.milestones]
                column_printed = any(item.deadline is not None for item in items)
                for item in items:
                    assert item.text.strip(), f"{plan.id} {item.id} has no text"
                    if column_printed and item.deadline is None:
                        assert "deadline" in item.missing, f"{plan.id} {item.kind} {item.id}: deadline empty"
                    if item.deadline is not None:
                        assert item.deadline.printed.strip()
        for update in plan.updates:
            for report in update.reports.values():
                assert report.status.label.strip()
