"""Stage 4, derive: roll-ups and summaries computed from the model (no I/O, no formatting)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator import scale as scale_
from generator.dates import PrintedDate
from generator.i18n import _
from generator.i18n.formats import number
from generator.labels import status_text
from generator.model import Item, Plan, Recommendation, Report, Status, Update
from generator.schema import Scale


@dataclass(frozen=True)
class Mix:
    """How many items stand at each status, in the order of the common scale."""

    counts: tuple[tuple[Status, int], ...]
    noun: str
    nouns: str

    @property
    def total(self) -> int:
        """Number of items counted."""
        return sum(n for _, n in self.counts)

    def count_of(self, scale: Scale) -> int:
        """How many items stand at `scale` on the common scale."""
        return sum(n for status, n in self.counts if status.scale is scale)

    @property
    def reported(self) -> int:
        """How many items were given a status."""
        return self.total - self.count_of(Scale.not_reported)

    @property
    def mostly_not_reported(self) -> bool:
        """True when fewer than half the items were given a status: the update said how they
        were going in words, if at all, and a chart of them would be mostly empty."""
        return 2 * self.reported < self.total

    def sentence(self) -> str:
        """A plain-English summary written from the numbers, e.g. "9 of 14 … Completed, 2 Overdue"."""
        if not self.total:
            # Translators: %(nouns)s is the plan's own word for what it counts, e.g. "key milestones".
            return _("No %(nouns)s listed.", nouns=self.nouns.lower())
        noun = self.noun if self.total == 1 else self.nouns
        # Translators: one status and how many items have it, e.g. "9 Completed" (the plan's own word).
        parts = [_("%(count)s %(status)s", count=number(n), status=status_text(status))
                 for status, n in self.counts]
        # Translators: e.g. "14 key milestones: 9 Completed, 2 Overdue, 3 On Target." The parts are
        # joined by the separator below.
        return _("%(total)s %(nouns)s: %(counts)s.", total=number(self.total), nouns=noun.lower(),
                 # Translators: what separates the parts of a list such as "9 Completed, 2 Overdue".
                 counts=_(", ").join(parts))


def leaves(plan: Plan, rec: Recommendation) -> list[Item]:
    """The items progress is counted on: each milestone, or the action where it has none."""
    result: list[Item] = []
    for action in plan.actions_of(rec):
        result.extend(action.milestones or (action,))
    return result


def all_leaves(plan: Plan) -> list[Item]:
    """Every counted item in the plan, each once (shared actions are not counted twice)."""
    result: list[Item] = []
    for rec in plan.recommendations:
        for action in rec.actions:
            result.extend(action.milestones or (action,))
    return result


def not_reported(plan: Plan) -> Status:
    """The built-in status for items an update says nothing about."""
    return next(s for s in plan.statuses if s.scale is Scale.not_reported)


def status_in(plan: Plan, update: Update | None, item: Item) -> Status:
    """The item's status as reported in `update` (not reported if the update is silent)."""
    report = update.report_for(item) if update else None
    return report.status if report else not_reported(plan)


def mix(plan: Plan, update: Update | None, items: Iterable[Item]) -> Mix:
    """Count items per status as reported in `update`, ordered along the common scale."""
    items = list(items)
    counter: Counter[str] = Counter()
    for item in items:
        counter[status_in(plan, update, item).id] += 1
    statuses = sorted(
        (s for s in plan.statuses if counter[s.id]),
        key=lambda s: (scale_.position(s.scale), plan.statuses.index(s)),
    )
    noun, nouns = counted_nouns(plan)
    return Mix(tuple((s, counter[s.id]) for s in statuses), noun, nouns)


def counted_nouns(plan: Plan) -> tuple[str, str]:
    """The plan's own words for what its counts count, the same in every count of the plan:
    its milestones, its actions, or both where some actions have no milestones."""
    kinds = {item.kind for item in all_leaves(plan)}
    if kinds == {"milestone"}:
        return plan.terms.milestone, plan.terms.milestones
    if kinds == {"action"} or not kinds:
        return plan.terms.action, plan.terms.actions
    # Translators: the plan's own words for its two kinds of item, e.g. "Action or milestone", "Actions
    # and milestones" (what a count counts when it counts both).
    return (_("%(action)s or %(milestone)s", action=plan.terms.action, milestone=plan.terms.milestone.lower()),
            _("%(actions)s and %(milestones)s", actions=plan.terms.actions, milestones=plan.terms.milestones.lower()))


def report_in(update: Update | None, item: Item) -> Report | None:
    """What `update` said about `item`, if anything."""
    return update.report_for(item) if update else None


def deadline_of(update: Update | None, item: Item) -> PrintedDate | None:
    """The deadline in force at `update`: a revised one reported there, else the plan's own."""
    report = report_in(update, item)
    if report is not None and report.deadline is not None:
        return report.deadline
    return item.deadline


def deadline_passed(update: Update, item: Item) -> bool:
    """True when the item's deadline, read as a date, ended before the update's date.

    Deadlines or update dates that cannot be read as dates never count: nothing is guessed.
    """
    deadline = deadline_of(update, item)
    if deadline is None or deadline.end is None or update.date.start is None:
        return False
    return deadline.end < update.date.start


def moved(before: Mix, after: Mix, plan: Plan) -> tuple[tuple[Status, int], ...]:
    """How the count at each status changed from `before` to `after` (zero changes left out),
    in the order of the common scale."""
    was, now = dict(before.counts), dict(after.counts)
    statuses = sorted(set(was) | set(now), key=lambda s: (scale_.position(s.scale), plan.statuses.index(s)))
    deltas = ((s, now.get(s, 0) - was.get(s, 0)) for s in statuses)
    return tuple((s, d) for s, d in deltas if d)


OVERVIEW_PLANS = 12
"""The home page shows this many plans, most recently updated first (the chart too); with more,
it links to /plans/, which then lists every plan in one compact table."""


def newest_first(plans: Sequence[Plan]) -> list[Plan]:
    """Plans by their latest update, most recent first (then by id)."""
    return sorted(plans, key=_newest_first)


def _newest_first(plan: Plan) -> tuple[int, int, str]:
    year, quarter = plan.latest.period.sort_key if plan.latest else (0, 0)
    return (-year, -quarter, plan.id)
