"""Every generated page of the site, each finished with what all pages carry (its printed
address, when the site's copy last changed, links to its source files)."""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from datetime import date

from markupsafe import Markup

from generator import address, forked, urls
from generator.derived import Derived, PlanFacts
from generator.gitinfo import Commit, History
from generator.i18n import _, formats
from generator.model import Plan, Site, Update
from generator.pages import UPDATE, Indexing, Output, Page, RepoLinks, TocEntry
from generator.render.common import ChartsByPage, as_html, last_changed_html, render, trail
from generator.render.overview import overview, plans_index
from generator.render.pack import meeting_pack
from generator.render.plan import plan_page
from generator.render.recommendation import recommendation_page
from generator.render.update import changes_page, update_page

PARALLEL_ITEMS = 2000
"""`render_site` renders in forked workers only when the plans hold more actions and milestones
than this (below it, starting the workers costs more than it saves)."""


def render_site(derived: Derived, charts_by_page: ChartsByPage | None = None, history: History | None = None,
                links: RepoLinks | None = None, site_url: str = "", workers: int = 1, pack: bool = False) -> Output:
    """Every generated page, plus the overview shown on the home page. With `pack`, each page's
    body is compressed as soon as it is rendered (`Page.pack`)."""
    by_page = charts_by_page or {}
    site = derived.site

    def finish(page: Page) -> Page:
        done = _with_source_links(_dated(_with_print_address(page, site_url), history), links)
        return done.pack() if pack else done

    def plan_pages(index: int) -> list[Page]:
        facts = derived.plans[index]
        return [finish(_of_plan(page, facts.plan)) for page in _plan_pages(facts, by_page, history, site_url)]

    indices = range(len(site.plans))
    items = sum(1 for plan in site.plans for _ in plan.items())
    if workers > 1 and len(site.plans) > 1 and items > PARALLEL_ITEMS and forked.can_fork():
        per_plan = forked.map_forked(plan_pages, indices, workers)
    else:
        per_plan = [plan_pages(i) for i in indices]
    pages = [finish(plans_index(derived)), finish(_search_page())]
    pages += [page for plan in per_plan for page in plan]
    pages.append(finish(_corrections_page(site, history)))
    return Output(tuple(pages), (), overview(derived, ""))


def _plan_pages(facts: PlanFacts, by_page: ChartsByPage, history: History | None, site_url: str) -> list[Page]:
    plan = facts.plan
    pages = [plan_page(facts, by_page), meeting_pack(facts, site_url)]
    pages.extend(recommendation_page(facts, rec, by_page) for rec in plan.recommendations)
    for found in facts.updates:
        update = found.update
        pages.append(update_page(facts, update, by_page, _corrections(history, update)))
        pages.append(meeting_pack(facts, site_url, update))
        if found.previous is not None:
            pages.append(changes_page(facts, update, found.previous))
        pages.extend(recommendation_page(facts, rec, by_page, update, _corrections(history, update))
                     for rec in plan.recommendations)
    return pages


def _of_plan(page: Page, plan: Plan) -> Page:
    """The page with its plan named for search (a search can be narrowed to one plan)."""
    return page if page.index is None else replace(page, index=replace(page.index, plan=plan.title, plan_id=plan.id))


def _corrections(history: History | None, update: Update) -> tuple[Commit, ...]:
    return history.corrections(update.file) if history else ()


def last_updated_html(day: date | None) -> str:
    """The line at the foot of every page saying when the site's copy of it last changed."""
    return last_changed_html(day)


def _dated(page: Page, history: History | None) -> Page:
    if history is None:
        return page
    return replace(page, html=page.html + last_changed_html(history.last_changed(list(page.sources))))


def _with_print_address(page: Page, site_url: str) -> Page:
    """On paper, the page's permanent address and the update it shows (hidden on screen); the
    address also goes into each printed page's footer (`data-address`, read by plans.js)."""
    where = html.escape(address.absolute(site_url, page.url))
    shown = Markup(where)
    if address.is_placeholder(site_url):
        # Translators: printed after a page's address while the site has no public address of its own.
        shown = as_html(_("%(address)s (this copy of the site has no public address yet)"), address=shown)
    if page.as_at:
        # Translators: printed at the top of a page on paper; %(address)s is its address,
        # %(update)s the update it shows ("2017/18 Q2 (14 September 2017)").
        line = as_html(_("Permanent address: %(address)s · as at %(update)s"), address=shown,
                       update=Markup(html.escape(page.as_at)))
    else:
        # Translators: printed at the top of a page on paper; %(address)s is its address.
        line = as_html(_("Permanent address: %(address)s"), address=shown)
    block = f'<p class="cp-print-address" data-address="{where}">{line}</p>\n'
    return replace(page, html=block + page.html)


def _with_source_links(page: Page, links: RepoLinks | None) -> Page:
    if links is None or not page.source_refs:
        return page
    # Translators: a link to edit a source file, after its name.
    edit = as_html(_("edit"))
    items = "".join(
        f'<li><a href="{html.escape(links.view(ref))}">{_source_name(links.relative(ref.path), ref.line)}</a> '
        f'(<a href="{html.escape(links.edit(ref))}">{edit}</a>)</li>'
        for ref in page.source_refs
    )
    # Translators: the label of the list of source files at the foot of a page (read by screen readers).
    label = html.escape(_("Source files"))
    heading = as_html(_("The data on this page comes from:"))
    block = (f'<aside class="cp-source-files" aria-label="{label}"><p>{heading}</p>'
             f"<ul>{items}</ul></aside>\n")
    return replace(page, html=page.html + block)


def _source_name(path: str, line: int) -> Markup:
    """A source file as a link names it: its path, and the line where the page's part of it starts."""
    if line <= 1:
        return Markup(html.escape(path))
    # Translators: a source file and a line in it ("plans/bvip-2017/plan.yaml, line 120").
    return as_html(_("%(file)s, line %(line)s"), file=Markup(html.escape(path)), line=formats.number(line))


def _search_page() -> Page:
    url = urls.SEARCH
    title = _("Search")
    summary = _("Search every plan, recommendation, action, milestone and quarterly update on this site.")
    return Page(url, title, summary, render("search_page.html", url), (TocEntry(1, "title", title),), (), index=None)


@dataclass(frozen=True)
class _CorrectionRow:
    day: date
    plan: Plan
    update: Update
    commit: Commit
    url: str


def _corrections_page(site: Site, history: History | None) -> Page:
    url = urls.CORRECTIONS
    rows = [
        _CorrectionRow(commit.day, plan, update, commit, urls.update_url(plan, update.period))
        for plan in site.plans
        for update in plan.updates
        for commit in (history.corrections(update.file) if history else ())
    ]
    rows.sort(key=lambda r: (r.commit.when, r.plan.id, r.update.period.sort_key), reverse=True)
    body = render("corrections.html", url, trail=trail(None, (_("Corrections"), url)), rows=rows,
                  has_history=history is not None)
    sources = tuple(sorted({u.file for p in site.plans for u in p.updates}))
    return Page(url, _("Corrections to published updates"),
                _("Every change made to a quarterly update after it was first published, with the date and reason."),
                body, (), sources, index=Indexing(UPDATE))
