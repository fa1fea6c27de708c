"""Quarter to quarter: changes, histories, deadline moves and the deadline check."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator import changes, deadlines
from generator.dates import parse_printed_date
from generator.model import Plan
from generator.pipeline import read_site
from tests.conftest import FIXTURES, ROOT

DEMO = FIXTURES / "demo" / "plans"


@pytest.fixture(scope="module")
def demo() -> Plan:
    derived_site, _ = read_site(DEMO)
    site = derived_site.site
    return site.plans[0]


def _milestone(plan: Plan, milestone_id: str):  # type: ignore[no-untyped-def]
    return next(i for i in plan.items() if i.kind == "milestone" and i.id == milestone_id)


def test_changes_between_two_updates_are_classified(demo: Plan) -> None:
    q3, q4 = demo.updates[2], demo.updates[3]
    found = changes.changes(demo, q3, q4)
    counts = {kind: sum(1 for c in found if c.kind == kind) for kind, _ in changes.CHANGE_KINDS}
    assert counts == {"completed": 3, "improved": 7, "worsened": 6, "deadline-moved": 1, "added": 0, "dropped": 0}
    moved, = [c for c in found if c.kind == "deadline-moved"]
    assert (moved.item.id, moved.deadline_before and moved.deadline_before.printed,
            moved.deadline_after and moved.deadline_after.printed) == ("2-2-3", "Sep-22", "Sep-23")


def test_timeline_and_deadline_moves(demo: Plan) -> None:
    item = _milestone(demo, "1-1-1")
    moments = changes.timeline(demo, item)
    assert [m.update.period.label for m in moments] == ["2022/23 Q1", "2022/23 Q2", "2022/23 Q3", "2022/23 Q4"]
    assert [m.deadline.printed if m.deadline else None for m in moments] == ["Dec-22", "Dec-22", "Jun-23", "Jun-23"]
    assert changes.deadline_moves(item, moments) == 1
    assert changes.deadline_moves(item, moments[:2]) == 0


@pytest.mark.parametrize(
    ("update_day", "deadline", "expected"),
    [
        (date(2017, 5, 31), "31 May 2017", None),          # on the deadline: not passed
        (date(2017, 6, 30), "31 May 2017", "delayed"),     # one month after: within a month
        (date(2017, 7, 1), "31 May 2017", "overdue"),      # one month and a day after
        (date(2017, 6, 30), "May-17", "delayed"),          # a month deadline ends on its last day
        (date(2017, 7, 1), "May-17", "overdue"),
        (date(2017, 7, 1), "Quarterly", None),             # unreadable: never guessed
    ],
)
def test_the_plans_deadline_criteria_on_hand_made_cases(update_day: date, deadline: str, expected: str | None) -> None:
    derived_site, _ = read_site(DEMO)
    site = derived_site.site
    plan = site.plans[0]
    status = deadlines.criteria_status(plan, update_day, parse_printed_date(deadline))
    assert (status.id if status else None) == expected


def test_bvip_2017_on_target_items_past_their_deadline_are_listed() -> None:
    derived_site, _ = read_site(ROOT / "plans")
    site = derived_site.site
    plan = next(p for p in site.plans if p.id == "bvip-2017-18")
    check = deadlines.check_update(plan, plan.updates[0])
    assert check is not None
    assert (check.checked, check.count, len(check.unreadable)) == (52, 11, 4)
    assert {rec.id: len(items) for rec, items in check.findings} == {
        "elections": 3, "communications": 1, "property": 1, "grants": 2, "organisational-culture": 4,
    }


def test_plans_without_criteria_are_not_checked() -> None:
    derived_site, _ = read_site(ROOT / "plans")
    site = derived_site.site
    for plan in site.plans:
        if plan.deadline_rule is None:
            assert all(deadlines.check_update(plan, u) is None for u in plan.updates)


def test_archive_changes_and_history_pages_in_the_demo_site(tmp_path: Path) -> None:
    from generator.cli import main

    out = tmp_path / "pages"
    assert main(["pages", "--plans", str(DEMO), "--cache", str(tmp_path / "cache"), str(out)]) == 0
    base = out / "plans/demo-trends"
    assert not (base / "updates/2022-23-q1/changes/index.md").exists()
    changes_page = (base / "updates/2022-23-q4/changes/index.md").read_text()
    assert '<a href="#completed">Completed</a>: <strong>3</strong>' in changes_page
    archive = (base / "updates/2022-23-q2/recommendations/r1/index.md").read_text()
    assert "You are reading the 2022/23 Q2 update, as it was reported" in archive
    assert 'href="../../../../recommendations/r1/"' in archive
    latest = (base / "recommendations/r1/index.md").read_text()
    assert '<table class="cp-table cp-stack cp-history">' in latest and "in each update</caption>" in latest
    assert 'href="../../updates/2022-23-q2/recommendations/r1/"' in latest
