"""The "needs attention" lists and sentence: an update's exceptions in words, gravest first."""

from __future__ import annotations

from dataclasses import dataclass

from generator import text
from generator.attention import Attention, Flagged, Kind
from generator.derive import Mix
from generator.labels import item_label, rec_name, shorten
from generator.render.common import counted
from generator.render.rows import View
from generator.scale import label as scale_label
from generator.schema import Scale

WORDS = 90
"""Item words in an attention list are shortened to this many characters (the link has them all)."""


@dataclass(frozen=True)
class Line:
    """One flagged item in a list: a link named for it, its words, where and why."""

    link: str
    label: str
    words: str
    where: str


@dataclass(frozen=True)
class Group:
    """The items listed under one kind of flag, with the list's heading."""

    kind: Kind
    title: str
    lines: tuple[Line, ...]


def title(v: View, kind: Kind, flagged: list[Flagged]) -> str:
    """The heading of a list, in the plan's own words: "Overdue", "Reported On Target after
    the deadline passed", "Worse than in the 2022/23 Q3 update"."""
    scale = {"off-track": Scale.off_track, "at-risk": Scale.at_risk}.get(kind, Scale.on_track)
    named = [f.status.label for f in flagged] or [s.label for s in v.plan.statuses if s.scale is scale]
    if kind == "on-track-past-deadline" and v.plan.deadline_rule is not None and not flagged:
        named = [s.label for s in v.plan.deadline_rule.on_track]
    labels = " or ".join(dict.fromkeys(named)) or scale_label(scale)
    deadline = v.plan.terms.deadline.lower()
    previous = v.attention.previous.period.label if v.attention and v.attention.previous else ""
    return {
        "off-track": labels,
        "at-risk": labels,
        "on-track-past-deadline": f"Reported {labels} after the {deadline} passed",
        "past-deadline": f"{v.plan.terms.deadline} passed, not reported complete",
        "worse": f"Worse than in the {previous} update",
        "deadline-moved": f"{v.plan.terms.deadline} moved since the {previous} update",
    }[kind]


def groups(v: View) -> list[Group]:
    """The update's exceptions as lists, one per kind of flag."""
    if v.attention is None:
        return []
    return [Group(kind, title(v, kind, flagged), tuple(_line(v, f) for f in flagged))
            for kind, flagged in v.attention.groups()]


def _line(v: View, f: Flagged) -> Line:
    plan = v.plan
    where = [rec_name(plan, f.rec)]
    if f.deadline is not None:
        where.append(f"{plan.terms.deadline.lower()} {f.deadline.printed}")
    if f.finding is not None:
        where.append(f"{f.finding.days_past} days past it")
    if "worse" in f.kinds and f.before is not None:
        where.append(f"was {f.before.status.label}")
    if "deadline-moved" in f.kinds:
        before = f.deadline_before.printed if f.deadline_before else "none"
        where.append(f"moved from {before}")
    return Line(v.link(f.item), item_label(plan, f.item), shorten(text.plain(f.item.text), WORDS), "; ".join(where))


def sentence(v: View, mix: Mix, attention: Attention | None) -> str:
    """"35 of the 115 key milestones need attention: 15 Overdue, 9 Delayed, 11 reported On
    Target after the deadline passed." (empty when nothing does)."""
    if attention is None or not len(attention):
        return ""
    parts = []
    for kind, flagged in attention.groups():
        words = title(v, kind, flagged)
        parts.append(f"{len(flagged)} {words if kind in ('off-track', 'at-risk') else words[0].lower() + words[1:]}")
    return f"{len(attention)} of the {counted(mix)} need attention: {', '.join(parts)}."
