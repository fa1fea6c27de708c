"""Stage 6, render: turn the model into pages (HTML bodies with titles and tables of contents)."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from generator import changes, charts, deadlines, derive, drawing, forked, opendata, text, urls
from generator.chartspecs import ChartFile
from generator.dates import PrintedDate
from generator.derive import OVERVIEW_PLANS, SCALE_LABELS, Mix, newest_first
from generator.feeds import plan_feed_path
from generator.gitinfo import Commit, History, long_date
from generator.labels import item_label, rec_label
from generator.model import Action, Item, Plan, Recommendation, Report, Section, Site, Update
from generator.pages import Output, Page, RepoLinks, SourceRef, TocEntry


@pass_context
def _rel(context: Context, target: str) -> str:
    return urls.relative(context["page_url"], target)


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["rel"] = _rel
    env.filters["block"] = text.block
    env.globals["scale_label"] = lambda scale: SCALE_LABELS[scale]
    return env


_ENV = _environment()


def keep_compiled_templates(folder: Path) -> None:
    """Keep this module's compiled templates in `folder` between builds (Jinja checks each
    one's source, so an edited template is compiled again)."""
    folder.mkdir(parents=True, exist_ok=True)
    _ENV.bytecode_cache = FileSystemBytecodeCache(str(folder))


ChartsByPage = dict[str, list[ChartFile]]


@dataclass(frozen=True)
class _Figure:
    name: str
    title: str
    summary: str
    svg: str
    csv: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    width: int
    height: int


def _figures(files: list[ChartFile]) -> list[_Figure]:
    result = []
    for f in files:
        header, rows = charts.table(f.chart)
        name = f.svg_path.rsplit("/", 1)[-1].removesuffix(".svg")
        width, height = drawing.size(f.chart)
        result.append(_Figure(name, f.chart.title, charts.summary(f.chart), f.svg_path, f.csv_path, header, rows,
                              width, height))
    return result


PARALLEL_ITEMS = 2000
"""`render_site` renders in forked workers only when the plans hold more actions and milestones
than this (below it, starting the workers costs more than it saves)."""


def render_site(site: Site, charts_by_page: ChartsByPage | None = None, history: History | None = None,
                links: RepoLinks | None = None, site_url: str = "", workers: int = 1, pack: bool = False) -> Output:
    """Every generated page, plus the overview shown on the home page. With `pack`, each page's
    body is compressed as soon as it is rendered (`Page.pack`)."""
    by_page = charts_by_page or {}

    def finish(page: Page) -> Page:
        done = _with_source_links(_dated(_with_print_address(page, site_url), history), links)
        return done.pack() if pack else done

    def plan_pages(index: int) -> list[Page]:
        return [finish(page) for page in _plan_pages(site.plans[index], by_page, history, site_url)]

    indices = range(len(site.plans))
    items = sum(1 for plan in site.plans for _ in plan.items())
    if workers > 1 and len(site.plans) > 1 and items > PARALLEL_ITEMS and forked.can_fork():
        per_plan = forked.map_forked(plan_pages, indices, workers)
    else:
        per_plan = [plan_pages(i) for i in indices]
    pages = [finish(_plans_index(site, by_page))]
    pages += [page for plan in per_plan for page in plan]
    pages.append(finish(_corrections_page(site, history)))
    return Output(tuple(pages), (), _overview(site, "", _figures(by_page.get("", []))))


def last_updated_html(day: date | None) -> str:
    """The "last updated" line shown at the foot of every page."""
    if day is None:
        return ""
    return (f'<p class="cp-updated">Last updated <time datetime="{day.isoformat()}">{long_date(day)}</time>, '
            "from the history of this page's source files.</p>\n")


def _dated(page: Page, history: History | None) -> Page:
    if history is None:
        return page
    return replace(page, html=page.html + last_updated_html(history.last_changed(list(page.sources))))


def _with_print_address(page: Page, site_url: str) -> Page:
    """On paper, the page's permanent address and the update it shows (hidden on screen)."""
    address = html.escape((site_url.rstrip("/") + "/" if site_url else "/") + page.url)
    as_at = f" · as at {html.escape(page.as_at)}" if page.as_at else ""
    block = f'<p class="cp-print-address">Permanent address: {address}{as_at}</p>\n'
    return replace(page, html=block + page.html)


def _with_source_links(page: Page, links: RepoLinks | None) -> Page:
    if links is None or not page.source_refs:
        return page
    items = "".join(
        f'<li><a href="{html.escape(links.view(ref))}">{html.escape(links.relative(ref.path))}'
        f'{f", line {ref.line}" if ref.line > 1 else ""}</a> '
        f'(<a href="{html.escape(links.edit(ref))}">edit</a>)</li>'
        for ref in page.source_refs
    )
    block = ('<aside class="cp-source-files" aria-label="Source files"><p>The data on this page comes from:</p>'
             f"<ul>{items}</ul></aside>\n")
    return replace(page, html=page.html + block)


def _plan_pages(plan: Plan, by_page: ChartsByPage, history: History | None, site_url: str) -> list[Page]:
    pages = [_plan_page(plan, _figures(by_page.get(urls.plan_url(plan), []))), _meeting_pack(plan, site_url)]
    pages.extend(
        _recommendation_page(plan, rec, _figures(by_page.get(urls.recommendation_url(plan, rec), [])))
        for rec in plan.recommendations
    )
    for update in plan.updates:
        pages.append(_update_page(plan, update, _corrections(history, update),
                                  _figures(by_page.get(urls.update_url(plan, update.period), []))))
        previous = changes.previous_update(plan, update)
        if previous is not None:
            pages.append(_changes_page(plan, update, previous))
        pages.extend(
            _recommendation_page(
                plan, rec, _figures(by_page.get(urls.archive_recommendation_url(plan, update.period, rec), [])),
                update, _corrections(history, update))
            for rec in plan.recommendations
        )
    return pages


def _corrections(history: History | None, update: Update) -> tuple[Commit, ...]:
    return history.corrections(update.file) if history else ()


# --- shared helpers -------------------------------------------------------------------


def _render(template: str, page_url: str, **context: Any) -> str:
    context.setdefault("corrections", ())
    return _ENV.get_template(template).render(page_url=page_url, long_date=long_date,
                                              corrections_url=urls.CORRECTIONS, **context)


def _as_at(plan: Plan) -> str:
    latest = plan.latest
    if latest is None:
        return "No update has been published yet."
    when = latest.date.printed if latest.date.readable else f"date: {latest.date.printed}"
    meeting = f", {latest.meeting}" if latest.meeting else ""
    return f"Position as reported in the {latest.period.label} update ({when}{meeting})."


def _text_in_heading(action: Action) -> bool:
    """Short one-paragraph actions are shown in full in their heading and not repeated."""
    return not action.title and "\n" not in action.text.strip() and len(text.plain(action.text)) <= 150


def _action_heading(plan: Plan, action: Action) -> str:
    label = item_label(plan, action)
    return f"{label}: {text.plain(action.text)}" if _text_in_heading(action) else label


def cite(plan: Plan, item: Item, update: Update | None = None) -> str:
    """A short citation, e.g. "CPC2023 R4 A4-2, as at 2023/24 Q3"."""
    rec = urls.owner(plan, item)
    parts = [plan.short_name]
    if rec.number:
        parts.append(f"R{rec.number}")
    parts.append(f"A{item.id}" if isinstance(item, Action) else f"M{item.id}")
    shown = update or plan.latest
    as_at = f", as at {shown.period.label}" if shown else ""
    return " ".join(parts) + as_at


def _as_at_short(update: Update | None) -> str:
    return f"{update.period.label} ({update.date.printed})" if update else ""


def _description(sentence: str) -> str:
    return html.unescape(sentence)[:300]


def _trail(plan: Plan | None, *rest: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    trail: list[tuple[str, str | None]] = [("Home", ""), ("Plans", urls.PLANS)]
    if plan is not None:
        trail.append((plan.short_name, urls.plan_url(plan)))
    trail.extend(rest)
    last_label, _ = trail[-1]
    trail[-1] = (last_label, None)
    return trail


# --- overview (home and /plans/) --------------------------------------------------------


@dataclass(frozen=True)
class _PlanRow:
    plan: Plan
    url: str
    mix: Mix
    as_at: str


def _overview(site: Site, page_url: str, figures: list[_Figure], every_plan: bool = False) -> str:
    rows = [
        _PlanRow(plan, urls.plan_url(plan), derive.mix(plan, plan.latest, derive.all_leaves(plan)), _as_at(plan))
        for plan in newest_first(site.plans)
    ]
    if len(rows) <= OVERVIEW_PLANS:
        return _render("overview.html", page_url, rows=rows, chart_figures=figures, more=0)
    if every_plan:
        return _render("plans_table.html", page_url, rows=rows, chart_figures=figures, shown=OVERVIEW_PLANS)
    return _render("overview.html", page_url, rows=rows[:OVERVIEW_PLANS], chart_figures=figures,
                   more=len(rows), plans_url=urls.PLANS)


def _plans_index(site: Site, by_page: ChartsByPage) -> Page:
    url = urls.PLANS
    overview = _overview(site, url, _figures(by_page.get("", [])), every_plan=True)
    body = _render("plans_index.html", url, trail=_trail(None), overview=Markup(overview))
    toc = tuple(TocEntry(2, f"plan-{p.id}", p.title) for p in newest_first(site.plans)) \
        if len(site.plans) <= OVERVIEW_PLANS else ()
    return Page(url, "All plans", "Every improvement plan on this site with its latest position.", body, toc,
                tuple(sorted({f for p in site.plans for f in p.source_files()})))


# --- plan -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _RecRow:
    label: str
    url: str
    mix: Mix


@dataclass(frozen=True)
class _Group:
    section: Section | None
    rows: list[_RecRow]


def _plan_page(plan: Plan, figures: list[_Figure]) -> Page:
    url = urls.plan_url(plan)
    groups: list[_Group] = []
    for rec in plan.recommendations:
        section = next((s for s in plan.sections if s.id == rec.section), None)
        if not groups or groups[-1].section != section:
            groups.append(_Group(section, []))
        groups[-1].rows.append(
            _RecRow(rec_label(plan, rec), urls.recommendation_url(plan, rec),
                    derive.mix(plan, plan.latest, derive.leaves(plan, rec)))
        )
    mix = derive.mix(plan, plan.latest, derive.all_leaves(plan))
    body = _render(
        "plan.html", url, plan=plan, trail=_trail(plan), as_at=_as_at(plan), mix=mix, groups=groups,
        latest=plan.latest, update_url=lambda u: urls.update_url(plan, u.period), chart_figures=figures,
        download_links=opendata.plan_downloads(plan), pack_url=urls.meeting_pack_url(plan),
    )
    toc = [TocEntry(2, "position", "Position at a glance")]
    if any(g.section for g in groups):
        toc += [TocEntry(2, f"section-{g.section.id}", g.section.title) for g in groups if g.section]
    else:
        toc.append(TocEntry(2, "recommendations", plan.terms.recommendations))
    if plan.indicators:
        toc.append(TocEntry(2, "indicators", "Published indicators"))
    toc += [TocEntry(2, "updates", "Quarterly updates"), TocEntry(2, "downloads", "Download the data"),
            TocEntry(2, "statuses", "Status words used in this plan"),
            TocEntry(2, "sources", "Source documents")]
    if plan.notes:
        toc.append(TocEntry(2, "notes", "Transcription notes"))
    return Page(url, plan.title, _description(f"{plan.title}. {mix.sentence()}"), body, tuple(toc),
                plan.source_files(), source_refs=tuple(SourceRef(f) for f in plan.source_files()),
                as_at=_as_at_short(plan.latest), feed=plan_feed_path(plan))


# --- recommendation ---------------------------------------------------------------------


def _report_lookup(update: Update | None) -> Callable[[Item], Report | None]:
    return lambda item: derive.report_in(update, item)


@dataclass(frozen=True)
class _DeadlineInfo:
    revised: PrintedDate | None
    moves: int


def _recommendation_page(plan: Plan, rec: Recommendation, figures: list[_Figure],
                         update: Update | None = None, corrections: tuple[Commit, ...] = ()) -> Page:
    """The latest view of a recommendation, or (with `update`) its archive as that update reported it."""
    archive = update is not None
    shown = update or plan.latest
    url = urls.archive_recommendation_url(plan, shown.period, rec) if archive and shown else \
        urls.recommendation_url(plan, rec)

    def view_url(other: Recommendation) -> str:
        if archive and shown:
            return urls.archive_recommendation_url(plan, shown.period, other)
        return urls.recommendation_url(plan, other)

    label = rec_label(plan, rec)
    actions = plan.actions_of(rec)
    mix = derive.mix(plan, shown, derive.leaves(plan, rec))
    shared_with = plan.recommendation(rec.shares_actions_with) if rec.shares_actions_with else None
    shared_by = [(rec_label(plan, other), view_url(other)) for other in plan.recommendations
                 if other.shares_actions_with == rec.id]
    summary = shown.summaries.get(rec.id) if shown else None
    check = deadlines.check_update(plan, shown) if shown else None
    findings = {id(f.item): f for _, fs in (check.findings if check else ()) for f in fs}
    history = [u for u in plan.updates if u is not shown or not archive]
    trail = _trail(plan, (f"{shown.period.label} update", urls.update_url(plan, shown.period)), (label, url)) \
        if archive and shown else _trail(plan, (label, url))
    body = _render(
        "recommendation.html", url, plan=plan, rec=rec, trail=trail, heading=label, archive=archive,
        corrections=corrections, download_links=_rec_downloads(plan, shown),
        update_page_url=urls.update_url(plan, shown.period) if shown else "",
        as_at=_as_at(plan), actions=actions, mix=mix, shown=shown, summary=summary,
        latest_view_url=urls.recommendation_url(plan, rec),
        shared_with=shared_with,
        shared_with_label=rec_label(plan, shared_with) if shared_with else "",
        shared_with_url=view_url(shared_with) if shared_with else "",
        shared_by=shared_by, report_of=_report_lookup(shown),
        not_reported=derive.not_reported(plan),
        action_heading=lambda a: _action_heading(plan, a), text_in_heading=_text_in_heading,
        item_url=lambda i: urls.item_url(plan, i), cite=lambda i: cite(plan, i, shown), chart_figures=figures,
        item_label=lambda i: item_label(plan, i), update_url=lambda u: urls.update_url(plan, u.period),
        timeline_of=lambda i: changes.timeline(plan, i),
        deadline_info=lambda i: _deadline_info(plan, shown, i),
        finding_for=lambda i: findings.get(id(i)),
        archives=[] if archive else [(f"{u.period.label} update: as reported",
                                      urls.archive_recommendation_url(plan, u.period, rec)) for u in history],
    )
    toc = [TocEntry(2, "position", "Position at a glance")]
    if rec.text:
        toc.append(TocEntry(2, "recommendation", f"The {plan.terms.recommendation.lower()}"))
    if summary and shown:
        toc.append(TocEntry(2, "summary", f"Progress summary, {shown.period.label}"))
    toc.append(TocEntry(2, "actions", plan.terms.actions,
                        tuple(TocEntry(3, a.anchor, item_label(plan, a)) for a in actions)))
    toc.append(TocEntry(2, "downloads", "Download the data"))
    if not archive and plan.updates:
        toc.append(TocEntry(2, "updates", f"This {plan.terms.recommendation.lower()} in each update"))
    when = f", {shown.period.label} update" if archive and shown else ""
    sources = (plan.file, shown.file) if archive and shown else plan.source_files()
    refs = (SourceRef(plan.file, rec.line), *((SourceRef(shown.file),) if shown else ()))
    return Page(url, f"{label}{when} – {plan.short_name}", _description(f"{label}{when}. {mix.sentence()}"),
                # An archived view repeats, item for item, what its update's page says (which is
                # searchable), so it stays out of the index: fewer duplicate results, faster builds.
                body, tuple(toc), sources, in_search=not archive, source_refs=refs,
                as_at=_as_at_short(shown), feed=plan_feed_path(plan),
                canonical=urls.recommendation_url(plan, rec) if archive else "")


def _rec_downloads(plan: Plan, shown: Update | None) -> list[tuple[str, str]]:
    return (opendata.update_downloads(plan, shown) if shown else []) + opendata.plan_downloads(plan)


def _deadline_info(plan: Plan, shown: Update | None, item: Item) -> _DeadlineInfo:
    in_force = derive.deadline_of(shown, item) if shown else item.deadline
    original = item.deadline.printed if item.deadline else None
    revised = in_force if in_force is not None and in_force.printed != original else None
    return _DeadlineInfo(revised, changes.deadline_moves(plan, item, shown))


# --- update -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _UpdateRow:
    rec: Recommendation
    label: str
    url: str
    archive_url: str
    summary: str | None
    items: list[Item]
    shared_label: str


def _archive_item_url(plan: Plan, update: Update, item: Item) -> str:
    return urls.archive_recommendation_url(plan, update.period, urls.owner(plan, item)) + "#" + item.anchor


def _update_page(plan: Plan, update: Update, corrections: tuple[Commit, ...] = (),
                 figures: list[_Figure] | None = None) -> Page:
    url = urls.update_url(plan, update.period)
    rows = []
    for rec in plan.recommendations:
        items: list[Item] = []
        for action in rec.actions:
            if update.report_for(action) is not None or not action.milestones:
                items.append(action)
            items.extend(action.milestones)
        shared = plan.recommendation(rec.shares_actions_with) if rec.shares_actions_with else None
        rows.append(_UpdateRow(rec, rec_label(plan, rec), urls.recommendation_url(plan, rec),
                               urls.archive_recommendation_url(plan, update.period, rec),
                               update.summaries.get(rec.id), items, rec_label(plan, shared) if shared else ""))
    mix = derive.mix(plan, update, derive.all_leaves(plan))
    latest = plan.latest
    assert latest is not None
    previous = changes.previous_update(plan, update)
    check = deadlines.check_update(plan, update)
    rule = plan.deadline_rule
    body = _render(
        "update.html", url, plan=plan, update=update, trail=_trail(plan, (f"{update.period.label} update", url)),
        is_latest=update is latest, latest=latest, latest_url=urls.update_url(plan, latest.period), mix=mix,
        rows=rows, report_of=lambda item: update.report_for(item), not_reported=derive.not_reported(plan),
        item_label=lambda item: item_label(plan, item), rec_label=lambda r: rec_label(plan, r),
        archive_item_url=lambda i: _archive_item_url(plan, update, i),
        previous=previous, changes_url=urls.changes_url(plan, update.period), check=check,
        corrections=corrections, chart_figures=figures or [],
        download_links=opendata.update_downloads(plan, update) + opendata.plan_downloads(plan),
        on_track_labels=" or ".join(s.label for s in rule.on_track) if rule else "",
    )
    toc = [TocEntry(2, "summary", "Summary")] if update.summary else []
    toc.append(TocEntry(2, "position", "Position at a glance"))
    if check:
        toc.append(TocEntry(2, "deadline-check", "Deadlines checked against the plan's own criteria"))
    toc.append(TocEntry(2, "downloads", "Download the data"))
    toc += [TocEntry(2, f"rec-{row.rec.id}", row.label) for row in rows]
    if update.notes:
        toc.append(TocEntry(2, "notes", "Transcription notes"))
    title = f"{update.period.label} update – {plan.short_name}"
    return Page(url, title, _description(f"{plan.title}, {update.period.label} update. {mix.sentence()}"), body,
                tuple(toc), (plan.file, update.file), search_boost=None if update is latest else 0.5,
                source_refs=(SourceRef(update.file), SourceRef(plan.file)), as_at=_as_at_short(update),
                feed=plan_feed_path(plan),
                canonical="" if update is latest else urls.update_url(plan, latest.period))


def _changes_page(plan: Plan, update: Update, previous: Update) -> Page:
    url = urls.changes_url(plan, update.period)
    found = changes.changes(plan, previous, update)
    groups = [(kind, label, [c for c in found if c.kind == kind]) for kind, label in changes.CHANGE_KINDS]
    trail = _trail(plan, (f"{update.period.label} update", urls.update_url(plan, update.period)),
                   ("What changed", url))
    body = _render(
        "changes.html", url, plan=plan, update=update, previous=previous, groups=groups, trail=trail,
        update_page=urls.update_url(plan, update.period), item_label=lambda i: item_label(plan, i),
        archive_item_url=lambda i: _archive_item_url(plan, update, i),
    )
    counts = ", ".join(f"{len(items)} {label.lower()}" for _, label, items in groups)
    toc = [TocEntry(2, "counts", "Changes at a glance")] + [
        TocEntry(2, kind, f"{label} ({len(items)})") for kind, label, items in groups if items
    ]
    return Page(url, f"What changed in {update.period.label} – {plan.short_name}",
                _description(f"{plan.title}: changes from {previous.period.label} to {update.period.label}: {counts}."),
                body, tuple(toc), (plan.file, previous.file, update.file),
                source_refs=(SourceRef(update.file), SourceRef(previous.file)))


# --- corrections ------------------------------------------------------------------------


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
    body = _render("corrections.html", url, trail=_trail(None, ("Corrections", url)), rows=rows,
                   has_history=history is not None)
    sources = tuple(sorted({u.file for p in site.plans for u in p.updates}))
    return Page(url, "Corrections to published updates",
                "Every change made to a quarterly update after it was first published, with the date and reason.",
                body, (), sources)


# --- meeting pack -----------------------------------------------------------------------


def _meeting_pack(plan: Plan, site_url: str) -> Page:
    url = urls.meeting_pack_url(plan)
    latest = plan.latest
    base = site_url.rstrip("/") + "/" if site_url else "/"
    body = _render(
        "meeting_pack.html", url, plan=plan, trail=_trail(plan, ("Meeting pack", url)), as_at=_as_at(plan),
        mix=derive.mix(plan, latest, derive.all_leaves(plan)), rec_label=lambda r: rec_label(plan, r),
        rec_url=lambda r: urls.recommendation_url(plan, r), item_url=lambda i: urls.item_url(plan, i),
        absolute=lambda u: base + u, report_of=_report_lookup(latest), not_reported=derive.not_reported(plan),
        item_label=lambda i: item_label(plan, i), plain=text.plain, cite=lambda i: cite(plan, i),
        deadline_of=lambda i: derive.deadline_of(latest, i), list=list,
    )
    toc = tuple(TocEntry(2, f"pack-{rec.id}", rec_label(plan, rec)) for rec in plan.recommendations)
    return Page(url, f"Meeting pack – {plan.short_name}",
                _description(f"{plan.title}: every recommendation and action with its latest status, for meetings."),
                body, toc, plan.source_files(), source_refs=tuple(SourceRef(f) for f in plan.source_files()),
                as_at=_as_at_short(latest), feed=plan_feed_path(plan),
                in_search=False)  # the plan's and recommendations' own pages are what search should find
