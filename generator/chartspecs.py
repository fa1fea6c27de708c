"""Stage 5a, charts: decide which charts each page shows and with which numbers.

Only data is built here (`generator.charts` draws it). Every chart has a stable file path
under its plan's folder, so its address never changes while its data does.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator import derive, urls
from generator.charts import Bar, Chart, CountChart, PercentChart, Segment, StatusChart
from generator.derive import OVERVIEW_PLANS, SCALE_LABELS, SCALE_ORDER, Mix, newest_first
from generator.labels import item_label, rec_label
from generator.model import Item, Plan, Recommendation, Site, Update


@dataclass(frozen=True)
class ChartFile:
    """A chart with the addresses of its SVG drawing and its CSV data."""

    chart: Chart
    svg_path: str
    csv_path: str


def _file(folder: str, name: str, chart_slug: str, make: type[Chart], **fields: object) -> ChartFile:
    chart = make(slug=chart_slug, **fields)  # type: ignore[arg-type]
    return ChartFile(chart, f"{folder}{name}.svg", f"{folder}{name}.csv")


def _bar(label: str, mix: Mix) -> Bar:
    return Bar(label, tuple(Segment(status.label, status.scale, count) for status, count in mix.counts))


def _folder(plan: Plan) -> str:
    return f"plans/{plan.id}/charts/"


def recommendation_charts(plan: Plan, rec: Recommendation) -> list[ChartFile]:
    """Status mix at the latest update; the trend over updates (when there are several);
    percent complete where reported."""
    shown = plan.latest
    leaves = derive.leaves(plan, rec)
    label = rec_label(plan, rec)
    noun = _noun(plan, leaves)
    folder, stem = _folder(plan), f"recommendation-{rec.id}"
    slug = f"{plan.id}--{stem}"
    result = []
    if shown is not None:
        bar = _bar(shown.period.label, derive.mix(plan, shown, leaves))
        result.append(_file(folder, f"{stem}-status", f"{slug}-status", StatusChart,
                            title=f"Status of the {noun} under {label}, {shown.period.label}",
                            noun=noun, bars=(bar,)))
    if len(plan.updates) > 1:
        bars = tuple(_bar(u.period.label, derive.mix(plan, u, leaves)) for u in plan.updates)
        result.append(_file(folder, f"{stem}-trend", f"{plan.id}--{stem}-trend", StatusChart,
                            title=f"Status of the {noun} under {label} in each update", noun=noun, bars=bars))
    rows = _percent_rows(plan, shown, leaves)
    if rows and shown is not None:
        result.append(_file(folder, f"{stem}-percent", f"{slug}-percent", PercentChart,
                            title=f"Percent complete of each of the {noun} under {label}, {shown.period.label}",
                            rows=rows, noun=noun))
    return result


def update_chart(plan: Plan, update: Update) -> ChartFile:
    """The status of each recommendation's items as one update reported them."""
    leaves = derive.all_leaves(plan)
    noun = _noun(plan, leaves)
    bars = tuple(
        _bar(_short(rec_label(plan, rec)), derive.mix(plan, update, derive.leaves(plan, rec)))
        for rec in plan.recommendations
        if not rec.shares_actions_with and derive.leaves(plan, rec)
    )
    folder = f"{urls.update_url(plan, update.period)}charts/"
    return _file(folder, "update-status", f"{plan.id}--{update.period.slug}--update-status", StatusChart,
                 title=f"Status of the {noun} under each {plan.terms.recommendation.lower()}, "
                       f"{update.period.label}", noun=noun, bars=bars,
                 bar_noun=plan.terms.recommendations.lower())


def plan_charts(plan: Plan) -> list[ChartFile]:
    """Status mix per recommendation; over updates; deadlines passed while not complete; indicators."""
    folder = _folder(plan)
    result = []
    leaves = derive.all_leaves(plan)
    noun = _noun(plan, leaves)
    if plan.latest is not None:
        bars = tuple(
            _bar(_short(rec_label(plan, rec)), derive.mix(plan, plan.latest, derive.leaves(plan, rec)))
            for rec in plan.recommendations
            if not rec.shares_actions_with and derive.leaves(plan, rec)
        )
        result.append(_file(folder, "plan-status", f"{plan.id}--plan-status", StatusChart,
                            title=f"Status of the {noun} under each {plan.terms.recommendation.lower()}, "
                                  f"{plan.latest.period.label}", noun=noun, bars=bars,
                            bar_noun=plan.terms.recommendations.lower()))
        overdue = derive.deadlines_passed(plan)
        if overdue:
            result.append(_file(folder, "plan-deadlines", f"{plan.id}--plan-deadlines", CountChart,
                                title=f"{plan.terms.milestones if noun == plan.terms.milestones.lower() else 'Items'} "
                                      f"whose deadline had passed by the {plan.latest.period.label} update "
                                      "without being reported complete",
                                categories=("Past deadline, not complete",),
                                readings=tuple((_short(label), (count,)) for label, count in overdue)))
    if len(plan.updates) > 1:
        bars = tuple(_bar(u.period.label, derive.mix(plan, u, leaves)) for u in plan.updates)
        result.append(_file(folder, "plan-trend", f"{plan.id}--plan-trend", StatusChart,
                            title=f"Status of all {noun} in each update", noun=noun, bars=bars))
    for indicator in plan.indicators:
        result.append(_file(folder, f"indicator-{indicator.id}", f"{plan.id}--indicator-{indicator.id}", CountChart,
                            title=indicator.title, categories=indicator.categories,
                            readings=tuple((r.label, tuple(r.values.get(c, 0) for c in indicator.categories))
                                           for r in indicator.readings)))
    return result


def home_chart(site: Site) -> ChartFile:
    """One bar per plan: its latest position on the common scale (the plans the home page shows
    when there are many: the most recently updated)."""
    shown = site.plans if len(site.plans) <= OVERVIEW_PLANS else newest_first(site.plans)[:OVERVIEW_PLANS]
    bars = []
    for plan in shown:
        by_scale = derive.mix(plan, plan.latest, derive.all_leaves(plan)).by_scale()
        bars.append(Bar(plan.short_name, tuple(
            Segment(SCALE_LABELS[scale], scale, by_scale[scale]) for scale in SCALE_ORDER if scale in by_scale
        )))
    return _file("charts/", "plans-overview", "site--plans-overview", StatusChart,
                 title="Latest reported position of every plan, on the common scale" if shown is site.plans else
                 f"Latest reported position of the {len(shown)} most recently updated plans, on the common scale",
                 noun="items",
                 bars=tuple(bars), bar_noun="plans")


def charts_by_page(site: Site) -> dict[str, list[ChartFile]]:
    """Every chart on the site, keyed by the address of the page that shows it."""
    result = {"": [home_chart(site)]}
    for plan in site.plans:
        result[urls.plan_url(plan)] = plan_charts(plan)
        for rec in plan.recommendations:
            result[urls.recommendation_url(plan, rec)] = recommendation_charts(plan, rec)
        for update in plan.updates:
            # The charts as reported then are on the update's page; its archived recommendation
            # pages show the same numbers as text, which keeps large sites fast to build.
            result[urls.update_url(plan, update.period)] = [update_chart(plan, update)]
    return result


def _noun(plan: Plan, leaves: list[Item]) -> str:
    kinds = {item.kind for item in leaves}
    if kinds == {"milestone"}:
        return plan.terms.milestones.lower()
    if kinds == {"action"}:
        return plan.terms.actions.lower()
    return f"{plan.terms.actions.lower()} and {plan.terms.milestones.lower()}"


def _percent_rows(plan: Plan, update: Update | None, leaves: list[Item]) -> tuple[tuple[str, int], ...]:
    rows = []
    for item in leaves:
        report = derive.report_in(update, item)
        if report is not None and report.percent is not None:
            rows.append((item_label(plan, item), report.percent))
    return tuple(rows)


def _short(label: str, limit: int = 60) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"
