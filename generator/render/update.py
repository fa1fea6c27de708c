"""A quarterly update's page (as it was reported, frozen) and its "what changed" page."""

from __future__ import annotations

from dataclasses import dataclass

from generator import changes, opendata, text, urls
from generator.derived import PlanFacts
from generator.feeds import plan_feed_path
from generator.gitinfo import Commit
from generator.labels import rec_label, shorten
from generator.model import Recommendation, Update
from generator.pages import ARCHIVED, UPDATE, Indexing, Page, SourceRef, TocEntry
from generator.render import exceptions, rows
from generator.render.common import ChartsByPage, as_at_short, description, figures, render, trail


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
            plan, (f"{update.period.label} update", url)),
        latest=latest, latest_url=urls.update_url(plan, latest.period), mix=mix, previous=previous,
        following=following, deltas=found.deltas,
        attention=attention, attention_sentence=exceptions.sentence(v, mix, v.attention),
        check=v.attention.check if v.attention else None,
        on_track_labels=" or ".join(s.label for s in rule.on_track) if rule else "",
        sections=sections, any_missing=any(rows.any_missing(s.blocks) for s in sections),
        not_reported=facts.not_reported, update_url=lambda u: urls.update_url(plan, u.period),
        changes_url=urls.changes_url(plan, update.period), corrections=corrections,
        chart_figures=figures(by_page.get(url, [])),
        download_links=opendata.update_downloads(plan, update) + opendata.plan_downloads(plan),
    )
    toc = [TocEntry(2, "position", "How it was going")]
    if attention:
        toc.append(TocEntry(2, "attention", "Needs attention"))
    if update.summary:
        toc.append(TocEntry(2, "said", "What the council said"))
    toc += [TocEntry(2, f"rec-{s.rec.id}", s.label) for s in sections]
    toc.append(TocEntry(2, "downloads", "Download the data"))
    title = f"{update.period.label} update – {plan.title}"
    return Page(url, title, description(f"{plan.title}, {update.period.label} update. {mix.sentence()}"), body,
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
    return [(kind, label, [i for i in items if i.kinds[0] == kind]) for kind, label in changes.CHANGE_KINDS]


def changes_page(facts: PlanFacts, update: Update, previous: Update) -> Page:
    """What changed from the previous update to this one."""
    plan = facts.plan
    url = urls.changes_url(plan, update.period)
    groups = changed_items(facts, update)
    body = render(
        "changes.html", url, plan=plan, update=update, previous=previous, groups=groups,
        trail=trail(plan, (f"{update.period.label} update", urls.update_url(plan, update.period)),
                    ("What changed", url)),
        update_page=urls.update_url(plan, update.period), previous_page=urls.update_url(plan, previous.period),
    )
    counts = ", ".join(f"{len(items)} {label.lower()}" for _, label, items in groups)
    toc = [TocEntry(2, "counts", "Changes at a glance")] + [
        TocEntry(2, kind, f"{label} ({len(items)})") for kind, label, items in groups if items
    ]
    title = f"What changed in {update.period.label} – {plan.title}"
    return Page(url, title,
                description(f"{plan.title}: changes from {previous.period.label} to {update.period.label}: {counts}."),
                body, (TocEntry(1, "title", title, tuple(toc)),), (plan.file, previous.file, update.file),
                source_refs=(SourceRef(update.file), SourceRef(previous.file)), index=Indexing(UPDATE))
