"""A recommendation's page: its position in words, then one compact table of its actions and
milestones; or (an archived view) the same as one update reported it, frozen."""

from __future__ import annotations

from dataclasses import replace

from generator import opendata, text, urls
from generator.derived import PlanFacts
from generator.feeds import plan_feed_path
from generator.gitinfo import Commit
from generator.i18n import _
from generator.i18n.marking import council
from generator.labels import item_label, rec_label, rec_name, section_of
from generator.model import Plan, Recommendation, Update
from generator.pages import Indexing, Page, SourceRef, TocEntry
from generator.render import exceptions, rows
from generator.render.common import (
    ChartsByPage,
    as_at,
    as_at_short,
    as_html,
    description,
    figures,
    render,
    trail,
    update_name,
)

SHORT_TEXT = 300
"""A recommendation's own text up to this long is shown in full; longer, it is one activation away."""


def recommendation_page(facts: PlanFacts, rec: Recommendation, by_page: ChartsByPage, update: Update | None = None,
                        corrections: tuple[Commit, ...] = ()) -> Page:
    """The latest view of a recommendation, or (with `update`) its archive as that update reported it."""
    plan = facts.plan
    archive = update is not None
    shown = update or plan.latest
    url = urls.archive_recommendation_url(plan, shown.period, rec) if archive and shown else \
        urls.recommendation_url(plan, rec)
    label = rec_label(plan, rec)
    actions = plan.actions_of(rec)
    leaves = facts.counted_in(rec)
    v = rows.view(facts, shown, archive)
    if v.attention is not None:
        mine = {id(item) for item in (*leaves, *actions)}
        v = replace(v, attention=replace(v.attention, flagged=tuple(f for f in v.attention.flagged
                                                                       if id(f.item) in mine)))
    mix = facts.mix(shown, rec)
    previous = facts.previous(shown)
    section = section_of(plan, rec)
    shared_with = plan.recommendation(rec.shares_actions_with) if rec.shares_actions_with else None
    shared_by = [(rec_label(plan, other), _view_url(plan, other, shown, archive)) for other in plan.recommendations
                 if other.shares_actions_with == rec.id]
    blocks = rows.blocks(v, actions, 3)
    body = render(
        "recommendation.html", url, plan=plan, rec=rec, section=section, heading=label, archive=archive,
        trail=trail(plan, (update_name(shown), urls.update_url(plan, shown.period)), (council(label), url))
        if archive and shown else trail(plan, (council(label), url)),
        corrections=corrections, as_at=as_at(plan), shown=shown, latest=plan.latest, mix=mix, previous=previous,
        deltas=facts.deltas(shown),
        attention_sentence=exceptions.sentence(v, mix, v.attention),
        summary=shown.summaries.get(rec.id) if shown else None,
        text_short=bool(rec.text) and len(text.plain(rec.text)) <= SHORT_TEXT,
        shared_with=shared_with, shared_with_label=rec_label(plan, shared_with) if shared_with else "",
        shared_with_url=_view_url(plan, shared_with, shown, archive) if shared_with else "",
        shared_by=shared_by, blocks=blocks, any_missing=rows.any_missing(blocks),
        not_reported=facts.not_reported, update_url=lambda u: urls.update_url(plan, u.period),
        latest_view_url=urls.recommendation_url(plan, rec),
        neighbours=_neighbours(plan, rec, shown) if archive and shown else (None, None),
        chart_figures=figures(by_page.get(urls.recommendation_url(plan, rec), [])) if not archive else [],
        download_links=(opendata.update_downloads(plan, shown) if shown else []) + opendata.plan_downloads(plan),
        archives=[] if archive else [(u, urls.archive_recommendation_url(plan, u.period, rec))
                                     for u in reversed(plan.updates)],
        items_heading=_items_heading(plan, rec, marked=True),
    )
    toc = [TocEntry(2, "items", _items_heading(plan, rec, marked=False),
                    tuple(TocEntry(3, a.anchor, item_label(plan, a)) for a in actions if a.milestones))]
    if not archive and plan.updates:
        # Translators: a heading; %(recommendation)s is the plan's word for a recommendation
        # ("recommendation").
        toc.append(TocEntry(2, "updates", _("This %(recommendation)s in each update",
                                            recommendation=plan.terms.recommendation.lower())))
    toc.append(TocEntry(2, "downloads", _("Download the data")))
    sources = (plan.file, shown.file) if archive and shown else plan.source_files()
    refs = (SourceRef(plan.file, rec.line), *((SourceRef(shown.file),) if shown else ()))
    if archive and shown:
        # Translators: a page title; %(recommendation)s is its name ("Recommendation 4: Workforce
        # Strategy"), %(period)s the update's period ("2017/18 Q2"), %(plan)s the plan's title.
        title = _("%(recommendation)s, %(period)s update – %(plan)s", recommendation=rec_name(plan, rec),
                  period=shown.period.label, plan=plan.title)
        # Translators: a page's description for search engines: the recommendation's name, the
        # update's period, then its position in one sentence ("9 key milestones: 5 Completed, …").
        summary = _("%(recommendation)s, %(period)s update. %(position)s", recommendation=label,
                    period=shown.period.label, position=mix.sentence())
    else:
        # Translators: a page title; %(recommendation)s is its name ("Recommendation 4: Workforce
        # Strategy"), %(plan)s the plan's title.
        title = _("%(recommendation)s – %(plan)s", recommendation=rec_name(plan, rec), plan=plan.title)
        # Translators: a page's description for search engines: the recommendation's name, then
        # its position in one sentence ("9 key milestones: 5 Completed, …").
        summary = _("%(recommendation)s. %(position)s", recommendation=label, position=mix.sentence())
    return Page(url, title, description(summary),
                # An archived view repeats, item for item, what its update's page says (which is
                # searchable), so it stays out of the index: fewer duplicate results, faster builds.
                body, (TocEntry(1, "title", label, tuple(toc)),), sources, index=None if archive else Indexing(),
                source_refs=refs,
                as_at=as_at_short(shown), feed=plan_feed_path(plan))


def _items_heading(plan: Plan, rec: Recommendation, marked: bool) -> str:
    """The heading over the recommendation's items, "Activities and key milestones" in the plan's
    terms: HTML with the terms marked as the council's where `marked`, else plain text."""
    actions, milestones = plan.terms.actions, plan.terms.milestones.lower()
    if not any(a.milestones for a in plan.actions_of(rec)):
        return council(actions) if marked else actions
    # Translators: a heading; the plan's own words for its actions and its milestones
    # ("Activities and key milestones").
    heading = _("%(actions)s and %(milestones)s")
    if marked:
        return as_html(heading, actions=council(actions), milestones=council(milestones))
    return heading % {"actions": actions, "milestones": milestones}


def _view_url(plan: Plan, other: Recommendation, shown: Update | None, archive: bool) -> str:
    if archive and shown:
        return urls.archive_recommendation_url(plan, shown.period, other)
    return urls.recommendation_url(plan, other)


def _neighbours(plan: Plan, rec: Recommendation, shown: Update) -> tuple[tuple[str, str] | None,
                                                                          tuple[str, str] | None]:
    """The same recommendation in the previous and the next update, (label, address) each."""
    index = plan.updates.index(shown)
    before = plan.updates[index - 1] if index else None
    after = plan.updates[index + 1] if index + 1 < len(plan.updates) else None
    return tuple(  # type: ignore[return-value]
        (u.period.label, urls.archive_recommendation_url(plan, u.period, rec)) if u else None for u in (before, after)
    )
