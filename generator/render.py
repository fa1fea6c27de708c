"""Stage 6, render: turn the model into pages (HTML bodies with titles and tables of contents)."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from jinja2.runtime import Context

from generator import charts, derive, text, urls
from generator.chartspecs import ChartFile
from generator.derive import SCALE_LABELS, Mix
from generator.labels import item_label, rec_label
from generator.model import Action, Item, Plan, Recommendation, Report, Section, Site, Update
from generator.pages import Output, Page, TocEntry


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


def _figures(files: list[ChartFile]) -> list[_Figure]:
    result = []
    for f in files:
        header, rows = charts.table(f.chart)
        name = f.svg_path.rsplit("/", 1)[-1].removesuffix(".svg")
        result.append(_Figure(name, f.chart.title, charts.summary(f.chart), f.svg_path, f.csv_path, header, rows))
    return result


def render_site(site: Site, charts_by_page: ChartsByPage | None = None) -> Output:
    """Every generated page, plus the overview shown on the home page."""
    by_page = charts_by_page or {}
    pages: list[Page] = [_plans_index(site, by_page)]
    for plan in site.plans:
        pages.append(_plan_page(plan, _figures(by_page.get(urls.plan_url(plan), []))))
        pages.extend(
            _recommendation_page(plan, rec, _figures(by_page.get(urls.recommendation_url(plan, rec), [])))
            for rec in plan.recommendations
        )
        pages.extend(_update_page(plan, update) for update in plan.updates)
    return Output(tuple(pages), (), _overview(site, "", _figures(by_page.get("", []))))


# --- shared helpers -------------------------------------------------------------------


def _render(template: str, page_url: str, **context: Any) -> str:
    return _ENV.get_template(template).render(page_url=page_url, **context)


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


def cite(plan: Plan, item: Item) -> str:
    """A short citation, e.g. "CPC2023 R4 A4-2, as at 2023/24 Q3"."""
    rec = urls.owner(plan, item)
    parts = [plan.short_name]
    if rec.number:
        parts.append(f"R{rec.number}")
    parts.append(f"A{item.id}" if isinstance(item, Action) else f"M{item.id}")
    as_at = f", as at {plan.latest.period.label}" if plan.latest else ""
    return " ".join(parts) + as_at


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


def _overview(site: Site, page_url: str, figures: list[_Figure]) -> str:
    rows = [
        _PlanRow(plan, urls.plan_url(plan), derive.mix(plan, plan.latest, derive.all_leaves(plan)), _as_at(plan))
        for plan in sorted(site.plans, key=_newest_first)
    ]
    return _render("overview.html", page_url, rows=rows, chart_figures=figures)


def _newest_first(plan: Plan) -> tuple[int, int, str]:
    year, quarter = plan.latest.period.sort_key if plan.latest else (0, 0)
    return (-year, -quarter, plan.id)


def _plans_index(site: Site, by_page: ChartsByPage) -> Page:
    url = urls.PLANS
    overview = _overview(site, url, _figures(by_page.get("", [])))
    body = _render("plans_index.html", url, trail=_trail(None), overview=overview)
    toc = tuple(TocEntry(2, f"plan-{p.id}", p.title) for p in sorted(site.plans, key=_newest_first))
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
    )
    toc = [TocEntry(2, "position", "Position at a glance")]
    if any(g.section for g in groups):
        toc += [TocEntry(2, f"section-{g.section.id}", g.section.title) for g in groups if g.section]
    else:
        toc.append(TocEntry(2, "recommendations", plan.terms.recommendations))
    if plan.indicators:
        toc.append(TocEntry(2, "indicators", "Published indicators"))
    toc += [TocEntry(2, "updates", "Quarterly updates"), TocEntry(2, "statuses", "Status words used in this plan"),
            TocEntry(2, "sources", "Source documents")]
    if plan.notes:
        toc.append(TocEntry(2, "notes", "Transcription notes"))
    return Page(url, plan.title, _description(f"{plan.title}. {mix.sentence()}"), body, tuple(toc),
                plan.source_files())


# --- recommendation ---------------------------------------------------------------------


def _report_lookup(update: Update | None) -> Callable[[Item], Report | None]:
    return lambda item: derive.report_in(update, item)


def _recommendation_page(plan: Plan, rec: Recommendation, figures: list[_Figure]) -> Page:
    url = urls.recommendation_url(plan, rec)
    label = rec_label(plan, rec)
    actions = plan.actions_of(rec)
    mix = derive.mix(plan, plan.latest, derive.leaves(plan, rec))
    shared_with = plan.recommendation(rec.shares_actions_with) if rec.shares_actions_with else None
    shared_by = [
        (rec_label(plan, other), urls.recommendation_url(plan, other))
        for other in plan.recommendations
        if other.shares_actions_with == rec.id
    ]
    summary = plan.latest.summaries.get(rec.id) if plan.latest else None
    body = _render(
        "recommendation.html", url, plan=plan, rec=rec, trail=_trail(plan, (label, url)), heading=label,
        as_at=_as_at(plan), actions=actions, mix=mix, latest=plan.latest, summary=summary,
        shared_with=shared_with,
        shared_with_label=rec_label(plan, shared_with) if shared_with else "",
        shared_with_url=urls.recommendation_url(plan, shared_with) if shared_with else "",
        shared_by=shared_by, report_of=_report_lookup(plan.latest),
        not_reported=derive.not_reported(plan),
        action_heading=lambda a: _action_heading(plan, a), text_in_heading=_text_in_heading,
        item_url=lambda i: urls.item_url(plan, i), cite=lambda i: cite(plan, i), chart_figures=figures,
    )
    toc = [TocEntry(2, "position", "Position at a glance")]
    if summary and plan.latest:
        toc.append(TocEntry(2, "summary", f"Progress summary, {plan.latest.period.label}"))
    toc.append(TocEntry(2, "actions", plan.terms.actions,
                        tuple(TocEntry(3, a.anchor, item_label(plan, a)) for a in actions)))
    return Page(url, f"{label} – {plan.short_name}", _description(f"{label}. {mix.sentence()}"), body,
                tuple(toc), plan.source_files())


# --- update -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _UpdateRow:
    rec: Recommendation
    label: str
    url: str
    summary: str | None
    items: list[Item]
    shared_label: str


def _update_page(plan: Plan, update: Update) -> Page:
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
                               update.summaries.get(rec.id), items,
                               rec_label(plan, shared) if shared else ""))
    mix = derive.mix(plan, update, derive.all_leaves(plan))
    latest = plan.latest
    assert latest is not None
    body = _render(
        "update.html", url, plan=plan, update=update, trail=_trail(plan, (f"{update.period.label} update", url)),
        is_latest=update is latest, latest=latest, latest_url=urls.update_url(plan, latest.period), mix=mix,
        rows=rows, report_of=lambda item: update.report_for(item), not_reported=derive.not_reported(plan),
        item_label=lambda item: item_label(plan, item), item_url=lambda i: urls.item_url(plan, i),
    )
    toc = [TocEntry(2, "summary", "Summary")] if update.summary else []
    toc.append(TocEntry(2, "position", "Position at a glance"))
    toc += [TocEntry(2, f"rec-{row.rec.id}", row.label) for row in rows]
    title = f"{update.period.label} update – {plan.short_name}"
    return Page(url, title, _description(f"{plan.title}, {update.period.label} update. {mix.sentence()}"), body,
                tuple(toc), (plan.file, update.file), search_boost=None if update is latest else 0.5)
