"""A plan's meeting pack: every recommendation and item on one printable page."""

from __future__ import annotations

from generator import derive, text, urls
from generator.feeds import plan_feed_path
from generator.labels import item_label, rec_label
from generator.model import Plan
from generator.pages import Page, SourceRef, TocEntry
from generator.render.common import as_at, as_at_short, cite, description, render, trail


def meeting_pack(plan: Plan, site_url: str) -> Page:
    """Every recommendation and action of the plan as at its latest update, for printing."""
    url = urls.meeting_pack_url(plan)
    latest = plan.latest
    base = site_url.rstrip("/") + "/" if site_url else "/"
    body = render(
        "meeting_pack.html", url, plan=plan, trail=trail(plan, ("Meeting pack", url)), as_at=as_at(plan),
        mix=derive.mix(plan, latest, derive.all_leaves(plan)), rec_label=lambda r: rec_label(plan, r),
        rec_url=lambda r: urls.recommendation_url(plan, r), item_url=lambda i: urls.item_url(plan, i),
        absolute=lambda u: base + u, report_of=lambda i: derive.report_in(latest, i),
        not_reported=derive.not_reported(plan), item_label=lambda i: item_label(plan, i), plain=text.plain,
        cite=lambda i: cite(plan, i, latest), deadline_of=lambda i: derive.deadline_of(latest, i), list=list,
    )
    toc = tuple(TocEntry(2, f"pack-{rec.id}", rec_label(plan, rec)) for rec in plan.recommendations)
    title = f"Meeting pack – {plan.title}"
    return Page(url, title,
                description(f"{plan.title}: every recommendation and action with its latest status, for meetings."),
                body, (TocEntry(1, "title", title, toc),), plan.source_files(),
                source_refs=tuple(SourceRef(f) for f in plan.source_files()),
                as_at=as_at_short(latest), feed=plan_feed_path(plan),
                index=None)  # the plan's and recommendations' own pages are what search should find
