"""The "needs attention" lists and sentence: an update's exceptions in words, gravest first.

Headings and sentences are the site's words (messages) around the plan's own (its status words
and terms, marked as the council's): HTML, printed by the templates as they are."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator import text
from generator.attention import Attention, Flagged, Kind
from generator.derive import Mix
from generator.i18n import _, ngettext
from generator.i18n.marking import council
from generator.labels import item_label, rec_name, shorten
from generator.render.common import as_html, counted, either, lcfirst
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
    """The item's name in the plan's words (the council's)."""
    words: str
    """The item's words, shortened (the council's)."""
    where: Markup
    """Its recommendation, deadline and why it is listed (HTML)."""


@dataclass(frozen=True)
class Group:
    """The items listed under one kind of flag, with the list's heading."""

    kind: Kind
    title: Markup
    """The list's heading (HTML)."""
    lines: tuple[Line, ...]


def _statuses(v: View, kind: Kind, flagged: list[Flagged]) -> Markup:
    """The status words a list is about, in the plan's own words: "Overdue or Delayed"."""
    scale = {"off-track": Scale.off_track, "at-risk": Scale.at_risk}.get(kind, Scale.on_track)
    named = [f.status.label for f in flagged] or [s.label for s in v.plan.statuses if s.scale is scale]
    if kind == "on-track-past-deadline" and v.plan.deadline_rule is not None and not flagged:
        named = [s.label for s in v.plan.deadline_rule.on_track]
    if not named:
        return Markup.escape(scale_label(scale))  # the site's word for the place on its scale
    return either([council(label) for label in dict.fromkeys(named)])


def _previous(v: View) -> Markup:
    """The update before the one shown, by its period as printed."""
    return council(v.attention.previous.period.label if v.attention and v.attention.previous else "")


def title(v: View, kind: Kind, flagged: list[Flagged]) -> Markup:
    """The heading of a list, in the plan's own words: "Overdue", "Reported On Target after
    the deadline passed", "Worse than in the 2022/23 Q3 update"."""
    statuses = _statuses(v, kind, flagged)
    deadline = v.plan.terms.deadline
    if kind in ("off-track", "at-risk"):
        return statuses
    if kind == "on-track-past-deadline":
        # Translators: a heading; %(statuses)s are the plan's status words for "on track"
        # ("On Target"), %(deadline)s its word for a deadline ("deadline", "target date").
        return as_html(_("Reported %(statuses)s after the %(deadline)s passed"), statuses=statuses,
                       deadline=council(deadline.lower()))
    if kind == "past-deadline":
        # Translators: a heading; %(deadline)s is the plan's word for a deadline ("Deadline").
        return as_html(_("%(deadline)s passed, not reported complete"), deadline=council(deadline))
    if kind == "worse":
        # Translators: a heading; %(period)s is the previous update's period ("2022/23 Q3").
        return as_html(_("Worse than in the %(period)s update"), period=_previous(v))
    # Translators: a heading; %(deadline)s is the plan's word for a deadline ("Deadline"),
    # %(period)s the previous update's period ("2022/23 Q3").
    return as_html(_("%(deadline)s moved since the %(period)s update"), deadline=council(deadline),
                   period=_previous(v))


def groups(v: View) -> list[Group]:
    """The update's exceptions as lists, one per kind of flag."""
    if v.attention is None:
        return []
    return [Group(kind, title(v, kind, flagged), tuple(_line(v, f) for f in flagged))
            for kind, flagged in v.attention.groups()]


def _line(v: View, f: Flagged) -> Line:
    plan = v.plan
    where = [council(rec_name(plan, f.rec))]
    if f.deadline is not None:
        # Translators: an item's deadline: the plan's word for it ("deadline") and the date as
        # printed ("May-18").
        where.append(as_html(_("%(deadline)s %(date)s"), deadline=council(plan.terms.deadline.lower()),
                             date=council(f.deadline.printed)))
    if f.finding is not None:
        # Translators: how long an item's deadline had passed when the update was published.
        where.append(Markup(ngettext("%(count)s day past it", "%(count)s days past it", f.finding.days_past)))
    if "worse" in f.kinds and f.before is not None:
        # Translators: the status an item had in the previous update ("was On Target").
        where.append(as_html(_("was %(status)s"), status=council(f.before.status.label)))
    if "deadline-moved" in f.kinds:
        if f.deadline_before:
            # Translators: %(date)s is the deadline an item had before, as printed ("May-18").
            where.append(as_html(_("moved from %(date)s"), date=council(f.deadline_before.printed)))
        else:
            # Translators: an item's deadline was set where it had none before.
            where.append(as_html(_("moved from none")))
    return Line(v.link(f.item), item_label(plan, f.item), shorten(text.plain(f.item.text), WORDS),
                Markup("; ").join(where))


def _counted(v: View, kind: Kind, flagged: list[Flagged]) -> Markup:
    """One list's part of the sentence: "15 Overdue", "11 reported On Target after the deadline
    passed"."""
    n = len(flagged)
    statuses = _statuses(v, kind, flagged)
    deadline = v.plan.terms.deadline
    if kind in ("off-track", "at-risk"):
        # Translators: a count of items at a status; %(statuses)s are the plan's status words
        # ("Overdue or Delayed"). Part of a list after "… need attention:".
        return Markup(ngettext("%(count)s %(statuses)s", "%(count)s %(statuses)s", n, statuses=statuses))
    if kind == "on-track-past-deadline":
        # Translators: part of a list after "… need attention:"; %(statuses)s are the plan's
        # status words for "on track" ("On Target"), %(deadline)s its word for a deadline.
        return Markup(ngettext("%(count)s reported %(statuses)s after the %(deadline)s passed",
                               "%(count)s reported %(statuses)s after the %(deadline)s passed", n,
                               statuses=statuses, deadline=council(deadline.lower())))
    if kind == "past-deadline":
        # Translators: part of a list after "… need attention:"; %(deadline)s is the plan's word
        # for a deadline ("deadline").
        return Markup(ngettext("%(count)s %(deadline)s passed, not reported complete",
                               "%(count)s %(deadline)s passed, not reported complete", n,
                               deadline=council(lcfirst(deadline))))
    if kind == "worse":
        # Translators: part of a list after "… need attention:"; %(period)s is the previous
        # update's period ("2022/23 Q3").
        return Markup(ngettext("%(count)s worse than in the %(period)s update",
                               "%(count)s worse than in the %(period)s update", n, period=_previous(v)))
    # Translators: part of a list after "… need attention:"; %(deadline)s is the plan's word for a
    # deadline ("deadline"), %(period)s the previous update's period ("2022/23 Q3").
    return Markup(ngettext("%(count)s %(deadline)s moved since the %(period)s update",
                           "%(count)s %(deadline)s moved since the %(period)s update", n,
                           deadline=council(lcfirst(deadline)), period=_previous(v)))


def sentence(v: View, mix: Mix, attention: Attention | None) -> Markup:
    """"35 of the 115 key milestones need attention: 15 Overdue, 9 Delayed, 11 reported On
    Target after the deadline passed." (empty when nothing does)."""
    if attention is None or not len(attention):
        return Markup("")
    parts = Markup(", ").join(_counted(v, kind, flagged) for kind, flagged in attention.groups())
    # Translators: %(items)s is a count of the plan's items ("115 key milestones"); %(parts)s
    # lists how many need attention and why ("15 Overdue, 9 Delayed, 11 reported On Target after
    # the deadline passed").
    return Markup(ngettext("%(count)s of the %(items)s need attention: %(parts)s.",
                           "%(count)s of the %(items)s need attention: %(parts)s.", len(attention),
                           items=counted(mix), parts=parts))
