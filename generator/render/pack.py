"""Committee packs: one update of a plan on paper, exceptions first.

A pack has a cover (plan, update, meeting, date, address), then the exceptions with their
counts, then every recommendation with each item's status and what the update said about it.
There is one per update (`…/updates/<period>/meeting-pack/`, never changing) and one for the
plan's latest update (`…/meeting-pack/`).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator import address, urls
from generator.attention import KINDS
from generator.derived import PlanFacts
from generator.feeds import plan_feed_path
from generator.i18n import _
from generator.labels import rec_label
from generator.model import Plan, Recommendation, Update
from generator.pages import Page, SourceRef, TocEntry
from generator.render import exceptions, rows
from generator.render.common import as_at_short, description, render, trail


@dataclass(frozen=True)
class PackSection:
    """One recommendation in the pack, with its items as the update reported them."""

    rec: Recommendation
    label: str
    blocks: list[rows.Block]
    shared_label: str


def pack_url(plan: Plan, update: Update | None) -> str:
    """The pack of `update`, or (None) the pack of the plan's latest update."""
    return urls.meeting_pack_url(plan) if update is None else f"{urls.update_url(plan, update.period)}meeting-pack/"


def meeting_pack(facts: PlanFacts, site_url: str, update: Update | None = None) -> Page:
    """The pack of `update` (frozen, at its own address), or of the latest update."""
    plan = facts.plan
    shown = update or plan.latest
    url = pack_url(plan, update)
    v = rows.view(facts, shown, archive=update is not None)
    mix = facts.mix(shown)
    previous = facts.previous(shown)
    sections = []
    for rec in plan.recommendations:
        shared = plan.recommendation(rec.shares_actions_with) if rec.shares_actions_with else None
        sections.append(PackSection(rec, rec_label(plan, rec), [] if shared else rows.blocks(v, rec.actions, 3),
                                    rec_label(plan, shared) if shared else ""))
    counts = [(kind, exceptions.title(v, kind, [f for f in v.attention.flagged if kind in f.kinds]),
               v.attention.counted(kind)) for kind in KINDS] if v.attention else []
    if previous is None:
        counts = [(kind, title, n) for kind, title, n in counts if kind not in ("worse", "deadline-moved")]
    body = render(
        "meeting_pack.html", url, plan=plan, shown=shown, archive=v.archive,
        trail=trail(plan, (_("Committee pack"), url)),
        mix=mix, previous=previous, deltas=facts.deltas(shown),
        counts=counts, attention=exceptions.groups(v), attention_sentence=exceptions.sentence(v, mix, v.attention),
        sections=sections, address=address.absolute(site_url, url), placeholder=address.is_placeholder(site_url),
        latest_pack=urls.meeting_pack_url(plan), update_url=lambda u: urls.update_url(plan, u.period),
        not_reported=facts.not_reported, absolute=lambda path: address.absolute(site_url, path),
    )
    if shown:
        # Translators: a page title; %(plan)s is the plan's title, %(period)s the update's period
        # as the council prints it ("2017/18 Q2").
        title = _("Committee pack: %(plan)s, %(period)s update", plan=plan.title, period=shown.period.label)
        # Translators: a page's description for search engines; %(plan)s is the plan's title,
        # %(period)s the update's period ("2017/18 Q2").
        summary = _("%(plan)s: the exceptions and every item as at the %(period)s update, for committee papers.",
                    plan=plan.title, period=shown.period.label)
    else:
        # Translators: a page title; %(plan)s is the plan's title.
        title = _("Committee pack: %(plan)s", plan=plan.title)
        # Translators: a page's description for search engines; %(plan)s is the plan's title.
        summary = _("%(plan)s: the exceptions and every item as at the latest update, for committee papers.",
                    plan=plan.title)
    toc = [TocEntry(2, "exceptions", _("Exceptions"))] + [TocEntry(2, f"pack-{s.rec.id}", s.label)
                                                          for s in sections]
    sources = (plan.file, shown.file) if shown else (plan.file,)
    return Page(url, title, description(summary), body, (TocEntry(1, "title", title, tuple(toc)),), sources,
                source_refs=tuple(SourceRef(f) for f in sources), as_at=as_at_short(shown),
                feed=plan_feed_path(plan), index=None)  # the plan's own pages are what search should find
