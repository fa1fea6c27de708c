"""Stage 4, derive: the items an update's readers should look at first (the exceptions).

An item is flagged, in this order of gravity, when the update reports it off track or at risk
(in the plan's own words, e.g. Overdue or Delayed), when it is reported on track although its
deadline passed before the update (held against the plan's own criteria where it publishes
them), when its deadline passed without it being reported complete, when it is worse than in
the previous update, or when its deadline moved since then. Nothing is guessed: deadlines and
dates that cannot be read as dates are never compared.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from generator import changes, deadlines, derive
from generator.dates import PrintedDate
from generator.model import Action, Item, Plan, Recommendation, Report, Status, Update
from generator.schema import Scale

Kind = Literal["off-track", "at-risk", "on-track-past-deadline", "past-deadline", "worse", "deadline-moved"]

KINDS: tuple[Kind, ...] = ("off-track", "at-risk", "on-track-past-deadline", "past-deadline", "worse",
                           "deadline-moved")
"""Every kind of flag, gravest first: an item is listed under the first kind that applies."""


@dataclass(frozen=True)
class Flagged:
    """One item that needs attention in one update, with every reason it was flagged."""

    item: Item
    rec: Recommendation
    status: Status
    report: Report | None
    deadline: PrintedDate | None
    """The deadline in force at the update (a revised one where the update reported it)."""
    kinds: tuple[Kind, ...]
    finding: deadlines.Finding | None
    """For `on-track-past-deadline`: how far past its deadline, and the plan's criteria."""
    before: Report | None
    """What the previous update said (for `worse`)."""
    deadline_before: PrintedDate | None
    """The deadline in force at the previous update (for `deadline-moved`)."""

    @property
    def kind(self) -> Kind:
        """The gravest reason: the list the item is shown in."""
        return self.kinds[0]


@dataclass(frozen=True)
class Attention:
    """The exceptions of one update, in the plan's published order within each kind."""

    update: Update
    previous: Update | None
    flagged: tuple[Flagged, ...]
    check: deadlines.DeadlineCheck | None
    """The deadline check against the plan's own criteria, where it publishes them."""

    def of(self, item: Item) -> Flagged | None:
        """The item's flag, if it has one."""
        return self._by_item.get(id(item))

    @property
    def _by_item(self) -> dict[int, Flagged]:
        cached: dict[int, Flagged] | None = self.__dict__.get("_index")
        if cached is None:
            cached = {id(f.item): f for f in self.flagged}
            object.__setattr__(self, "_index", cached)
        return cached

    def listed(self, kind: Kind) -> list[Flagged]:
        """The items shown under `kind` (each item is shown once, under its gravest kind)."""
        return [f for f in self.flagged if f.kind == kind]

    def counted(self, kind: Kind) -> int:
        """How many items have `kind` among their reasons (an item may count under several)."""
        return sum(1 for f in self.flagged if kind in f.kinds)

    def groups(self) -> Iterator[tuple[Kind, list[Flagged]]]:
        """Each kind with the items shown under it, gravest first, empty kinds left out."""
        for kind in KINDS:
            items = self.listed(kind)
            if items:
                yield kind, items

    def __len__(self) -> int:
        return len(self.flagged)


def attention_of(plan: Plan, update: Update, previous: Update | None,
                 changed: Sequence[changes.Change] = ()) -> Attention:
    """The exceptions of `update`, compared with `previous` (the update before it) where there
    is one, whose `changed` items are those `changes.changes` found. Called once per update by
    the derive stage (`generator.derived`)."""
    kinds_changed: dict[int, set[str]] = {}
    for change in changed:
        kinds_changed.setdefault(id(change.item), set()).add(change.kind)
    check = deadlines.check_update(plan, update)
    findings = {id(f.item): f for _, found in (check.findings if check else ()) for f in found}
    flagged = []
    for rec in plan.recommendations:
        for action in rec.actions:
            items: list[Item] = [action, *action.milestones]
            for item in items:
                if isinstance(item, Action) and item.milestones and update.report_for(item) is None:
                    continue  # an action counted through its milestones
                found = _flag(plan, rec, update, previous, item, findings.get(id(item)),
                              kinds_changed.get(id(item), set()))
                if found is not None:
                    flagged.append(found)
    return Attention(update, previous, tuple(flagged), check)


def _flag(plan: Plan, rec: Recommendation, update: Update, previous: Update | None, item: Item,
          finding: deadlines.Finding | None, changed: set[str]) -> Flagged | None:
    report = update.report_for(item)
    status = report.status if report else derive.not_reported(plan)
    kinds: list[Kind] = []
    if status.scale is Scale.off_track:
        kinds.append("off-track")
    elif status.scale is Scale.at_risk:
        kinds.append("at-risk")
    elif finding is not None:
        kinds.append("on-track-past-deadline")
    elif status.scale is not Scale.complete and derive.deadline_passed(update, item):
        kinds.append("past-deadline")
    before = previous.report_for(item) if previous else None
    deadline_before = derive.deadline_of(previous, item) if previous else None
    if "worsened" in changed:
        kinds.append("worse")
    if "deadline-moved" in changed:
        kinds.append("deadline-moved")
    if not kinds:
        return None
    return Flagged(item, rec, status, report, derive.deadline_of(update, item), tuple(kinds), finding, before,
                   deadline_before)
