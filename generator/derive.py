"""Stage 4, derive: roll-ups and summaries computed from the model (no I/O, no formatting)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from generator.model import Item, Plan, Recommendation, Report, Status, Update
from generator.schema import Scale

SCALE_ORDER: tuple[Scale, ...] = (
    Scale.complete,
    Scale.on_track,
    Scale.in_progress,
    Scale.at_risk,
    Scale.off_track,
    Scale.not_started,
    Scale.not_reported,
)
SCALE_LABELS: dict[Scale, str] = {
    Scale.complete: "Complete",
    Scale.on_track: "On track",
    Scale.in_progress: "In progress",
    Scale.at_risk: "At risk",
    Scale.off_track: "Off track",
    Scale.not_started: "Not started",
    Scale.not_reported: "Not reported",
}


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

    def by_scale(self) -> dict[Scale, int]:
        """Counts on the common scale."""
        result: Counter[Scale] = Counter()
        for status, n in self.counts:
            result[status.scale] += n
        return {scale: result[scale] for scale in SCALE_ORDER if result[scale]}

    def sentence(self) -> str:
        """A plain-English summary written from the numbers, e.g. "9 of 14 … Completed, 2 Overdue"."""
        if not self.total:
            return f"No {self.nouns.lower()} listed."
        noun = self.noun if self.total == 1 else self.nouns
        parts = [f"{n} {status.label}" for status, n in self.counts]
        return f"{self.total} {noun.lower()}: " + ", ".join(parts) + "."


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
    order = {scale: i for i, scale in enumerate(SCALE_ORDER)}
    statuses = sorted(
        (s for s in plan.statuses if counter[s.id]),
        key=lambda s: (order[s.scale], plan.statuses.index(s)),
    )
    noun, nouns = _nouns(plan, {item.kind for item in items})
    return Mix(tuple((s, counter[s.id]) for s in statuses), noun, nouns)


def _nouns(plan: Plan, kinds: set[str]) -> tuple[str, str]:
    if kinds == {"milestone"}:
        return plan.terms.milestone, plan.terms.milestones
    if kinds == {"action"}:
        return plan.terms.action, plan.terms.actions
    return "item", "items"


def report_in(update: Update | None, item: Item) -> Report | None:
    """What `update` said about `item`, if anything."""
    return update.report_for(item) if update else None
