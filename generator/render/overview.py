"""The home page's list of plans and the `/plans/` page: each plan's position, in words.

Each plan is given on its own terms (its own status words and nouns, its own update and date);
counts of different plans are never added together, because their scales differ."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator import urls
from generator.derive import OVERVIEW_PLANS, Mix, newest_first
from generator.derived import Derived
from generator.i18n import _
from generator.model import Plan, Status, Update
from generator.pages import Page, TocEntry
from generator.render.common import render, trail


@dataclass(frozen=True)
class PlanRow:
    """One plan as the home page and the plan list show it."""

    plan: Plan
    url: str
    mix: Mix
    latest: Update | None
    previous: Update | None
    deltas: tuple[tuple[Status, int], ...]
    attention: int


def plan_rows(derived: Derived) -> list[PlanRow]:
    """Every plan, most recently updated first."""
    rows = []
    for plan in newest_first(derived.site.plans):
        facts = derived.of(plan)
        latest = facts.latest
        rows.append(PlanRow(plan, urls.plan_url(plan), facts.mix(plan.latest), plan.latest,
                            latest.previous if latest else None, latest.deltas if latest else (),
                            len(latest.attention) if latest else 0))
    return rows


def overview(derived: Derived, page_url: str, every_plan: bool = False) -> str:
    """The plans as cards (up to `OVERVIEW_PLANS`, then a link to all), or as one table."""
    rows = plan_rows(derived)
    if len(rows) <= OVERVIEW_PLANS:
        return render("overview.html", page_url, rows=rows, more=0)
    if every_plan:
        return render("plans_table.html", page_url, rows=rows)
    return render("overview.html", page_url, rows=rows[:OVERVIEW_PLANS], more=len(rows), plans_url=urls.PLANS)


def plans_index(derived: Derived) -> Page:
    """`/plans/`: every plan with its latest position."""
    site = derived.site
    url = urls.PLANS
    body = render("plans_index.html", url, trail=trail(None), overview=Markup(overview(derived, url, every_plan=True)))
    toc = tuple(TocEntry(2, f"plan-{p.id}", p.title) for p in newest_first(site.plans)) \
        if len(site.plans) <= OVERVIEW_PLANS else ()
    title = _("All plans")
    return Page(url, title, _("Every improvement plan on this site with its latest position."), body,
                (TocEntry(1, "title", title, toc),),
                tuple(sorted({f for p in site.plans for f in p.source_files()})))
