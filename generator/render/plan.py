"""A plan's page: how it is going, what needs attention, what the council said, then each
recommendation, its updates and where it all came from."""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator import opendata, urls
from generator.derive import Mix
from generator.derived import PlanFacts
from generator.feeds import plan_feed_path
from generator.i18n import _
from generator.labels import rec_label, section_of
from generator.model import Recommendation, Section
from generator.pages import Page, SourceRef, TocEntry
from generator.render import exceptions
from generator.render.common import ChartsByPage, as_at, as_at_short, description, figures, render, trail
from generator.render.rows import View, view


@dataclass(frozen=True)
class RecRow:
    """One recommendation in the plan's table: its name, its position and its exceptions."""

    rec: Recommendation
    label: str
    url: str
    mix: Mix
    attention: int
    shared_label: str
    """Where its actions are another recommendation's: that one's label (it is not counted twice)."""


@dataclass(frozen=True)
class RecGroup:
    """The recommendations printed under one section (or none)."""

    section: Section | None
    rows: tuple[RecRow, ...]


def rec_groups(v: View) -> list[RecGroup]:
    """The plan's recommendations, grouped by section in published order."""
    plan = v.plan
    groups: list[RecGroup] = []
    for rec in plan.recommendations:
        leaves = {id(item) for item in v.facts.counted_in(rec)}
        flagged = sum(1 for f in v.attention.flagged if id(f.item) in leaves) if v.attention else 0
        shared = plan.recommendation(rec.shares_actions_with) if rec.shares_actions_with else None
        row = RecRow(rec, rec_label(plan, rec), urls.recommendation_url(plan, rec),
                     v.facts.mix(v.shown, rec), flagged,
                     rec_label(plan, shared) if shared else "")
        section = section_of(plan, rec)
        if groups and groups[-1].section == section:
            groups[-1] = replace(groups[-1], rows=(*groups[-1].rows, row))
        else:
            groups.append(RecGroup(section, (row,)))
    return groups


def plan_page(facts: PlanFacts, by_page: ChartsByPage) -> Page:
    """The plan's latest position."""
    plan = facts.plan
    url = urls.plan_url(plan)
    latest = plan.latest
    v = view(facts, latest, archive=False)
    mix = facts.mix(latest)
    previous = facts.previous(latest)
    figs = figures(by_page.get(url, []))
    groups = rec_groups(v)
    attention = exceptions.groups(v)
    body = render(
        "plan.html", url, plan=plan, trail=trail(plan), as_at=as_at(plan), latest=latest, mix=mix,
        previous=previous, deltas=facts.deltas(latest),
        attention=attention, attention_sentence=exceptions.sentence(v, mix, v.attention),
        groups=groups, status_figures=[replace(f, table_shown=True) for f in figs if f.name == "plan-status"],
        trend_figures=[f for f in figs if f.name == "plan-trend"],
        indicator_figures=[f for f in figs if f.name.startswith("indicator-")],
        update_url=lambda u: urls.update_url(plan, u.period),
        changes_url=urls.changes_url(plan, latest.period) if latest and previous else "",
        download_links=opendata.plan_downloads(plan), pack_url=urls.meeting_pack_url(plan),
        notes=(*plan.notes, *(note for indicator in plan.indicators for note in indicator.notes)),
    )
    # The contents list names the page's headings (the template writes the same words).
    toc = [TocEntry(2, "position", _("How it is going"))]
    said = [TocEntry(2, "said", _("What the council said"))] if latest is not None and latest.summary else []
    needs = [TocEntry(2, "attention", _("Needs attention"))] if attention else []
    toc += said + needs if mix.mostly_not_reported else needs + said
    toc.append(TocEntry(2, "recommendations", plan.terms.recommendations))
    if plan.indicators:
        toc.append(TocEntry(2, "indicators", _("Published indicators")))
    toc += [TocEntry(2, "updates", _("Quarterly updates")), TocEntry(2, "about", _("About this plan")),
            TocEntry(2, "statuses", _("Status words used in this plan")),
            TocEntry(2, "sources", _("Source documents")), TocEntry(2, "downloads", _("Download the data"))]
    # Translators: a page's description for search engines: the plan's title, then its position
    # in one sentence ("115 key milestones: 21 Completed, …").
    summary = _("%(plan)s. %(position)s", plan=plan.title, position=mix.sentence())
    return Page(url, plan.title, description(summary), body,
                (TocEntry(1, "title", plan.title, tuple(toc)),),
                plan.source_files(), source_refs=tuple(SourceRef(f) for f in plan.source_files()),
                as_at=as_at_short(latest), feed=plan_feed_path(plan))
