"""Stage 4, derive: hold "on track" claims against the plan's own deadline criteria.

Worded neutrally: an item is listed when it was reported as on track although its deadline
had passed before the update's date. Deadlines that cannot be read as dates are listed as
such and never guessed.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from generator import derive
from generator.dates import PrintedDate
from generator.model import Item, Plan, Recommendation, Status, Update


@dataclass(frozen=True)
class Finding:
    """An on-track report whose deadline had passed before the update's date."""

    item: Item
    status: Status
    deadline: PrintedDate
    days_past: int
    criteria_status: Status | None
    """The status the plan's own criteria give an item this far past its deadline."""


@dataclass(frozen=True)
class DeadlineCheck:
    """The result of the check for one update."""

    update: Update
    findings: tuple[tuple[Recommendation, tuple[Finding, ...]], ...]
    unreadable: tuple[tuple[Item, PrintedDate | None], ...]
    """On-track items whose deadline cannot be read as a date (or is not given)."""
    checked: int

    @property
    def count(self) -> int:
        """How many items were listed."""
        return sum(len(items) for _, items in self.findings)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 May + 1 month = 30 June)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def past_deadline(update_date: date, deadline: PrintedDate) -> int:
    """Days from the end of the deadline to the update's date (0 or less: not passed)."""
    assert deadline.end is not None
    return (update_date - deadline.end).days


def criteria_status(plan: Plan, update_date: date, deadline: PrintedDate) -> Status | None:
    """The status the plan's criteria give: within a month of the deadline, or more."""
    rule = plan.deadline_rule
    if rule is None or deadline.end is None or update_date <= deadline.end:
        return None
    if update_date <= add_months(deadline.end, 1):
        return rule.within_a_month
    return rule.more_than_a_month


def check_update(plan: Plan, update: Update) -> DeadlineCheck | None:
    """The check for one update; None where the plan publishes no criteria or the update's
    date cannot be read."""
    rule = plan.deadline_rule
    when = update.date.start
    if rule is None or when is None:
        return None
    on_track = {status.id for status in rule.on_track}
    findings = []
    unreadable: list[tuple[Item, PrintedDate | None]] = []
    checked = 0
    for rec in plan.recommendations:
        listed = []
        for action in rec.actions:
            items: list[Item] = [action, *action.milestones]
            for item in items:
                report = update.report_for(item)
                if report is None or report.status.id not in on_track:
                    continue
                checked += 1
                deadline = derive.deadline_of(update, item)
                if deadline is None or deadline.end is None:
                    unreadable.append((item, deadline))
                elif when > deadline.end:
                    listed.append(Finding(item, report.status, deadline, past_deadline(when, deadline),
                                          criteria_status(plan, when, deadline)))
        if listed:
            findings.append((rec, tuple(listed)))
    return DeadlineCheck(update, tuple(findings), tuple(unreadable), checked)
