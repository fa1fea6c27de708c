"""`new-update`: start the next quarterly update file, prefilled from the last one.

Every item keeps its last status, % complete and deadline in force, with empty commentary,
so editors change only what moved. An existing update is never overwritten.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator import derive, suggest
from generator.jsonschema import UPDATE_LINE
from generator.labels import item_label, summary_words
from generator.model import Item, Plan, Update
from generator.period import Period
from generator.pipeline import read_site
from generator.problems import InputError, Problem, UsageError


def new_update(plans_dir: Path, plan_id: str, period_label: str) -> Path:
    """Write `plans/<plan>/updates/<period>.yaml` and return its path."""
    try:
        period = Period.parse(period_label)
    except ValueError:
        raise UsageError(f"`{period_label}` is not a period: write the financial-year quarter as `2017/18 Q2` "
                         "(Q1 is April to June).") from None
    site = read_site(plans_dir)[0].site
    plan = next((p for p in site.plans if p.id == plan_id), None)
    if plan is None:
        raise InputError([Problem(plans_dir.name, 1, 1, "plan", f"There is no plan with the id `{plan_id}`.",
                                  suggest.hint(plan_id, [p.id for p in site.plans], "Known plans"))])
    path = plans_dir / plan.id / "updates" / f"{period.slug}.yaml"
    if path.exists():
        raise InputError([Problem(f"{plans_dir.name}/{plan.id}/updates/{path.name}", 1, 1, "period",
                                  f"An update for {period.label} already exists.",
                                  "Edit that file instead; new-update never overwrites an update.")])
    previous = _previous(plan, period)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(update_yaml(plan, period, previous), encoding="utf-8")
    return path


def _previous(plan: Plan, period: Period) -> Update | None:
    earlier = [u for u in plan.updates if u.period.sort_key < period.sort_key]
    return earlier[-1] if earlier else None


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def update_yaml(plan: Plan, period: Period, previous: Update | None) -> str:
    """The text of the new update file."""
    source = previous.source.id if previous else plan.sources[-1].id
    based = f"the {previous.period.label} update" if previous else "the plan (no earlier update)"
    lines = [
        UPDATE_LINE,
        f"# {plan.title}: the {period.label} update.",
        f"# Prefilled from {based}: every item keeps its last status and % complete, with empty",
        "# commentary. Change only what moved, and replace every [insert ...] before publishing.",
        f"period: {period.label}",
        f"title: {_q('[insert the title printed on the report]')}",
        f"date: {_q('[insert the date printed on the report, e.g. 14th September 2017]')}",
        f"meeting: {_q('[insert the meeting the update goes to]')}",
        f"source: {source}  # add the new report to `sources` in plan.yaml and put its id here",
        "summary: |",
        "  [insert the summary of key achievements, in the council's words]",
        "progress:",
    ]
    for item in _items(plan, previous):
        lines.extend(_entry(plan, previous, item))
    return "\n".join(lines) + "\n"


def _items(plan: Plan, previous: Update | None) -> list[Item]:
    items: list[Item] = []
    for rec in plan.recommendations:
        for action in rec.actions:
            if not action.milestones or (previous and previous.report_for(action)):
                items.append(action)
            items.extend(action.milestones)
    return items


def _entry(plan: Plan, previous: Update | None, item: Item) -> list[str]:
    report = derive.report_in(previous, item)
    lines = [f"  # {item_label(plan, item)}: {summary_words(item.text)}", f"  - {item.kind}: {_q(item.id)}"]
    lines.append(f"    status: {report.status.id if report else derive.not_reported(plan).id}")
    if report is not None and report.percent is not None:
        lines.append(f"    percent: {report.percent}")
    if report is not None and report.deadline is not None:
        lines.append(f"    deadline: {_q(report.deadline.printed)}")
    lines.append('    commentary: ""')
    return lines
