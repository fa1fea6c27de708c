"""Stage 4's result: what is known about each plan beyond what it says, computed once.

`derive_site` runs after the model is built and before anything is drawn or rendered. Charts,
pages, feeds and the lint read the `PlanFacts` it returns instead of counting again: the
counts per status (for the plan and each recommendation, at every update), how they moved
since the update before, and each update's exceptions. The rules themselves (what is counted,
when a deadline has passed) stay in `generator.derive`, `generator.attention` and
`generator.deadlines`; this module only applies them, once per plan.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from generator import changes, derive
from generator.attention import Attention, attention_of
from generator.derive import Mix
from generator.model import Item, Plan, Recommendation, Site, Status, Update


@dataclass(frozen=True)
class UpdateFacts:
    """One update of a plan, as the derive stage found it."""

    update: Update
    previous: Update | None
    """The update before it, if any."""
    following: Update | None
    """The update after it, if any."""
    mix: Mix
    """How many of the plan's counted items stood at each status in this update."""
    deltas: tuple[tuple[Status, int], ...]
    """How each status's count moved since `previous` (none without one)."""
    changes: tuple[changes.Change, ...]
    """Every way an item changed since `previous` (none without one)."""
    attention: Attention
    """The update's exceptions: overdue, delayed, On Target after the deadline, worse."""


@dataclass(frozen=True)
class PlanFacts:
    """One plan with everything the derive stage found about it."""

    plan: Plan
    counted: tuple[Item, ...]
    """The items progress is counted on (each milestone, or the action where it has none)."""
    noun: str
    """The plan's word for one counted item (its milestone, its action, or both)."""
    nouns: str
    """The same word for several."""
    not_reported: Status
    """The status an item has where an update says nothing about it."""
    _timelines: Mapping[int, tuple[changes.Moment, ...]]
    _counted_in: Mapping[str, tuple[Item, ...]]
    _mixes: Mapping[tuple[int | None, str | None], Mix]
    _updates: tuple[UpdateFacts, ...]

    @property
    def latest(self) -> UpdateFacts | None:
        """The plan's latest update, if it has any."""
        return self._updates[-1] if self._updates else None

    @property
    def updates(self) -> tuple[UpdateFacts, ...]:
        """Every update, oldest first."""
        return self._updates

    def at(self, update: Update) -> UpdateFacts:
        """What was found about `update` (one of this plan's updates)."""
        return self._updates[self.plan.updates.index(update)]

    def timeline(self, item: Item) -> tuple[changes.Moment, ...]:
        """The item in every update, oldest first (one of this plan's items)."""
        return self._timelines[id(item)]

    def counted_in(self, rec: Recommendation) -> tuple[Item, ...]:
        """The items progress is counted on for one recommendation."""
        return self._counted_in[rec.id]

    def mix(self, update: Update | None, rec: Recommendation | None = None) -> Mix:
        """The counts per status of the plan (or of `rec`) as `update` reported them (with no
        update, every item is not reported)."""
        index = None if update is None else self.plan.updates.index(update)
        return self._mixes[(index, None if rec is None else rec.id)]

    def deltas(self, update: Update | None) -> tuple[tuple[Status, int], ...]:
        """How the plan's counts moved into `update` from the update before it."""
        return self.at(update).deltas if update is not None else ()

    def previous(self, update: Update | None) -> Update | None:
        """The update before `update`, if any."""
        return self.at(update).previous if update is not None else None

    def attention(self, update: Update | None) -> Attention | None:
        """The exceptions of `update`, if an update is given."""
        return self.at(update).attention if update is not None else None


@dataclass(frozen=True)
class Derived:
    """Every plan of the site with what the derive stage found about it, in the site's order."""

    site: Site
    plans: tuple[PlanFacts, ...]

    def of(self, plan: Plan) -> PlanFacts:
        """The facts about one of the site's plans."""
        return self._by_id[plan.id]

    @property
    def _by_id(self) -> dict[str, PlanFacts]:
        cached: dict[str, PlanFacts] | None = self.__dict__.get("_index")
        if cached is None:
            cached = {facts.plan.id: facts for facts in self.plans}
            object.__setattr__(self, "_index", cached)
        return cached

    def __iter__(self) -> Iterator[PlanFacts]:
        return iter(self.plans)


def derive_site(site: Site) -> Derived:
    """Stage 4: count, compare and check every plan once."""
    return Derived(site, tuple(derive_plan(plan) for plan in site.plans))


def derive_plan(plan: Plan) -> PlanFacts:
    """Everything derived about one plan."""
    counted = tuple(derive.all_leaves(plan))
    counted_in = {rec.id: tuple(derive.leaves(plan, rec)) for rec in plan.recommendations}
    noun, nouns = derive.counted_nouns(plan)
    mixes: dict[tuple[int | None, str | None], Mix] = {}
    for index, update in ((None, None), *enumerate(plan.updates)):
        mixes[(index, None)] = derive.mix(plan, update, counted)
        for rec in plan.recommendations:
            mixes[(index, rec.id)] = derive.mix(plan, update, counted_in[rec.id])
    found = []
    for index, update in enumerate(plan.updates):
        previous = plan.updates[index - 1] if index else None
        following = plan.updates[index + 1] if index + 1 < len(plan.updates) else None
        deltas = derive.moved(mixes[(index - 1, None)], mixes[(index, None)], plan) if previous else ()
        changed = tuple(changes.changes(plan, previous, update)) if previous else ()
        found.append(UpdateFacts(update, previous, following, mixes[(index, None)], deltas, changed,
                                 attention_of(plan, update, previous, changed)))
    timelines = {id(item): tuple(changes.timeline(plan, item)) for item in plan.items()}
    return PlanFacts(plan, counted, noun, nouns, derive.not_reported(plan), timelines, counted_in, mixes,
                     tuple(found))
