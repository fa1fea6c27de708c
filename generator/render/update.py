"""A quarterly update's page (as it was reported, frozen) and its "what changed" page."""

from __future__ import annotations

from dataclasses import dataclass

from generator import changes, opendata, text, urls
from generator.derived import PlanFacts
from generator.feeds import plan_feed_path
from generator.gitinfo import Commit
from generator.i18n import _, formats, ngettext
from generator.i18n.marking import council
from generator.labels import rec_label, shorten
from generator.model import Recommendation, Update
from generator.pages import ARCHIVED, UPDATE, Indexing, Page, SourceRef, TocEntry
from generator.render import exceptions, rows
from generator.render.common import ChartsByPage, as_at_short, description, either, figures, render, trail, update_name


@dataclass(frozen=True)
class RecSection:
    """One recommendation on an update's page: what the update said of it, then its items."""

    rec: Recommendation
    label: str
    archive_url: str
    summary: str | None
    blocks: list[rows.Block]
    shared_label: str


def update_page(facts: PlanFacts, update: Update, by_page: ChartsByPage, corrections: tuple[Commit, ...] = ()) -> Page:
    """One update as it was reported: its exceptions, what it said, then every item."""
    plan, found = facts.plan, facts.at(update)
    url = urls.update_url(plan, update.period)
    latest = plan.latest
    assert latest is not None
    v = rows.view(facts, update, archive=True)
    sections = []
    for rec in plan.recommendations:
        shared = plan.recommendation(rec.shares_actions_with) if rec.shares_actions_with else None
        sections.append(RecSection(rec, rec_label(plan, rec), urls.archive_recommendation_url(plan, update.period, rec),
                                   update.summaries.get(rec.id), [] if shared else rows.blocks(v, rec.actions, 3),
                                   rec_label(plan, shared) if shared else ""))
    mix, previous, following = found.mix, found.previous, found.following
    rule = plan.deadline_rule
    attention = exceptions.groups(v)
    body = render(
        "update.html", url, plan=plan, update=update, shown=update, archive=True, trail=trail(
            plan, (update_name(update), url)),
        latest=latest, latest_url=urls.update_url(plan, latest.period), mix=mix, previous=previous,
        following=following, deltas=found.deltas,
        attention=attention, attention_sentence=exceptions.sentence(v, mix, v.attention),
        check=v.attention.check if v.attention else None,
        on_track_labels=either([council(s.label) for s in rule.on_track]) if rule and rule.on_track else "",
        sections=sections, any_missing=any(rows.any_missing(s.blocks) for s in sections),
        not_reported=facts.not_reported, update_url=lambda u: urls.update_url(plan, u.period),
        changes_url=urls.changes_url(plan, update.period), corrections=corrections,
        chart_figures=figures(by_page.get(url, [])),
        download_links=opendata.update_downloads(plan, update) + opendata.plan_downloads(plan),
    )
    # The contents list names the page's headings (the template writes the same words).
    toc = [TocEntry(2, "position", _("How it was going"))]
    if attention:
        toc.append(TocEntry(2, "attention", _("Needs attention")))
    if update.summary:
        toc.append(TocEntry(2, "said", _("What the council said")))
    toc += [TocEntry(2, f"rec-{s.rec.id}", s.label) for s in sections]
    toc.append(TocEntry(2, "downloads", _("Download the data")))
    # Translators: a page title; %(period)s is the update's period as the council prints it
    # ("2017/18 Q2"), %(plan)s the plan's title.
    title = _("%(period)s update – %(plan)s", period=update.period.label, plan=plan.title)
    # Translators: a page's description for search engines: the plan's title, the update's period,
    # then its position in one sentence ("115 key milestones: 21 Completed, …").
    summary = _("%(plan)s, %(period)s update. %(position)s", plan=plan.title, period=update.period.label,
                position=mix.sentence())
    return Page(url, title, description(summary), body,
                (TocEntry(1, "title", title, tuple(toc)),), (plan.file, update.file),
                index=Indexing(UPDATE, 1.0 if update is latest else ARCHIVED),
                source_refs=(SourceRef(update.file), SourceRef(plan.file)), as_at=as_at_short(update),
                feed=plan_feed_path(plan))


@dataclass(frozen=True)
class ChangedItem:
    """One item that changed between two updates, with every way it changed."""

    row: rows.Row
    words: str
    kinds: tuple[str, ...]
    change: changes.Change
    """The first change (before and after reports and deadlines are the same in each)."""


def changed_items(facts: PlanFacts, update: Update) -> list[tuple[str, str, list[ChangedItem]]]:
    """Each kind of change with the items listed under it: an item once, under its first kind,
    with all its changes together (a status that improved and a deadline that moved)."""
    v = rows.View(facts, update, True, None)
    by_item: dict[int, list[changes.Change]] = {}
    for change in facts.at(update).changes:
        by_item.setdefault(id(change.item), []).append(change)
    items = [ChangedItem(rows.row(v, found[0].item, 3), shorten(text.plain(found[0].item.text), 110),
                         tuple(c.kind for c in found), found[0]) for found in by_item.values()]
    return [(kind, _(label), [i for i in items if i.kinds[0] == kind]) for kind, label in changes.CHANGE_KINDS]


def changes_page(facts: PlanFacts, update: Update, previous: Update) -> Page:
    """What changed from the previous update to this one."""
    plan = facts.plan
    url = urls.changes_url(plan, update.period)
    groups = changed_items(facts, update)
    body = render(
        "changes.html", url, plan=plan, update=update, previous=previous, groups=groups,
        trail=trail(plan, (update_name(update), urls.update_url(plan, update.period)), (_("What changed"), url)),
        update_page=urls.update_url(plan, update.period), previous_page=urls.update_url(plan, previous.period),
    )
    # Translators: how many items changed in one way ("3 improved"); %(kind)s is the kind of change,
    # as the headings of the page name it, in small letters.
    counts = ", ".join(ngettext("%(count)s %(kind)s", "%(count)s %(kind)s", len(items), kind=label.lower())
                       for _kind, label, items in groups)
    toc = [TocEntry(2, "counts", _("Changes at a glance"))] + [
        # Translators: a heading in the page's contents list: a kind of change and how many items
        # changed so ("Improved (3)").
        TocEntry(2, kind, _("%(kind)s (%(count)s)", kind=label, count=formats.number(len(items))))
        for kind, label, items in groups if items
    ]
    # Translators: a page title; %(period)s is the update's period ("2017/18 Q2"), %(plan)s the
    # plan's title.
    title = _("What changed in %(period)s – %(plan)s", period=update.period.label, plan=plan.title)
    # Translators: a page's description for search engines; %(previous)s and %(period)s are two
    # updates' periods ("2017/18 Q1", "2017/18 Q2"), %(counts)s how many items changed in each way
    # ("3 completed, 2 improved, …").
    summary = _("%(plan)s: changes from %(previous)s to %(period)s: %(counts)s.", plan=plan.title,
                previous=previous.period.label, period=update.period.label, counts=counts)
    return Page(url, title, description(summary), body, (TocEntry(1, "title", title, tuple(toc)),),
                (plan.file, previous.file, update.file),
                source_refs=(SourceRef(update.file), SourceRef(previous.file)), index=Indexing(UPDATE))
