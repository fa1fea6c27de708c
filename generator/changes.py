"""Stage 4, derive: what changed between updates, and each item's history across them."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from generator import derive
from generator.dates import PrintedDate
from generator.i18n import N_
from generator.model import Item, Plan, Report, Update
from generator.scale import PLACES
from generator.schema import Scale

ChangeKind = Literal["completed", "improved", "worsened", "deadline-moved", "added", "dropped"]

CHANGE_KINDS: tuple[tuple[ChangeKind, str], ...] = (
    # Translators: the kinds of change between two updates, headings of the "What changed" page
    # (each followed by its number of items).
    ("completed", N_("Completed")),
    ("improved", N_("Improved")),
    ("worsened", N_("Worsened")),
    ("deadline-moved", N_("Deadline moved")),
    ("added", N_("Newly reported")),
    ("dropped", N_("No longer reported")),
)
"""Each kind of change, in the order they are listed, with its name as the catalogues know it:
the id stays as it is in addresses and anchors, and the name is shown translated (`_(name)`)."""


@dataclass(frozen=True)
class Change:
    """One way one item changed between two consecutive updates."""

    item: Item
    kind: ChangeKind
    before: Report | None
    after: Report | None
    deadline_before: PrintedDate | None
    deadline_after: PrintedDate | None


@dataclass(frozen=True)
class Moment:
    """An item as one update reported it."""

    update: Update
    report: Report | None
    deadline: PrintedDate | None


def previous_update(plan: Plan, update: Update) -> Update | None:
    """The update before `update`, if any."""
    index = plan.updates.index(update)
    return plan.updates[index - 1] if index else None


def _reported(report: Report | None) -> bool:
    return report is not None and report.status.scale is not Scale.not_reported


def item_changes(plan: Plan, before: Update, after: Update, item: Item) -> list[Change]:
    """Every way `item` changed from `before` to `after` (possibly none)."""
    old, new = before.report_for(item), after.report_for(item)
    old_deadline, new_deadline = derive.deadline_of(before, item), derive.deadline_of(after, item)
    found: list[ChangeKind] = []
    if _reported(new) and not _reported(old):
        found.append("added")
    elif _reported(old) and not _reported(new):
        found.append("dropped")
    elif old is not None and new is not None and _reported(old):
        rank_old, rank_new = PLACES[old.status.scale].rank or 0, PLACES[new.status.scale].rank or 0
        if new.status.scale is Scale.complete and old.status.scale is not Scale.complete:
            found.append("completed")
        elif rank_new > rank_old or (rank_new == rank_old and (new.percent or 0) > (old.percent or 0)):
            found.append("improved")
        elif rank_new < rank_old or (rank_new == rank_old and (new.percent or 0) < (old.percent or 0)):
            found.append("worsened")
    if _printed(old_deadline) != _printed(new_deadline):
        found.append("deadline-moved")
    return [Change(item, kind, old, new, old_deadline, new_deadline) for kind in found]


def changes(plan: Plan, before: Update, after: Update) -> list[Change]:
    """Everything that changed between two updates, in published order."""
    return [change for item in plan.items() for change in item_changes(plan, before, after, item)]


def timeline(plan: Plan, item: Item) -> list[Moment]:
    """The item in every update, oldest first."""
    return [Moment(update, update.report_for(item), derive.deadline_of(update, item)) for update in plan.updates]


def deadline_moves(item: Item, moments: Sequence[Moment]) -> int:
    """How many times the deadline in force changed, from the plan's original through `moments`
    (the item's timeline, or its start up to an update)."""
    printed = [_printed(item.deadline)] + [_printed(m.deadline) for m in moments]
    return sum(1 for a, b in itertools.pairwise(printed) if a != b)


def _printed(value: PrintedDate | None) -> str | None:
    return value.printed if value is not None else None
