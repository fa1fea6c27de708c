"""Charts: decide which charts each page shows and with which numbers.

A chart is made only where it shows something the page's sentences and tables cannot: how
statuses compare across a plan's recommendations (where statuses were reported), how they
moved over several updates, and published indicators. A single bar, or a chart of items
that were mostly not reported, would only repeat a sentence, so none is made.

Only data is built here (`drawing` draws it). Every chart has a stable file path
under its plan's folder, so its address never changes while its data does. Its title and
note are written in the language being rendered, which the chart keeps to be drawn in.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator import urls
from generator.charts.kinds import Bar, Chart, CountChart, Segment, StatusChart
from generator.derive import Mix
from generator.derived import Derived, PlanFacts
from generator.i18n import _, current, ngettext
from generator.labels import rec_name
from generator.model import Plan, Recommendation, Update
from generator.schema import Scale


@dataclass(frozen=True)
class ChartFile:
    """A chart with the addresses of its SVG drawing and its CSV data."""

    chart: Chart
    svg_path: str
    csv_path: str


def _file(folder: str, name: str, chart_slug: str, make: type[Chart], **fields: object) -> ChartFile:
    language = current()
    # A translated chart has its own slug: each language's drawing is a different chart.
    slug = chart_slug if language.is_council else f"{language.code}/{chart_slug}"
    chart = make(slug=slug, language=language, **fields)  # type: ignore[arg-type]
    return ChartFile(chart, f"{folder}{name}.svg", f"{folder}{name}.csv")


def _bar(label: str, mix: Mix) -> Bar:
    return Bar(label, tuple(Segment(status.label, status.scale, count) for status, count in mix.counts))


def _folder(plan: Plan) -> str:
    return f"plans/{plan.id}/charts/"


def recommendation_charts(facts: PlanFacts, rec: Recommendation) -> list[ChartFile]:
    """The trend of the recommendation's statuses over the updates, when there are several
    (its position in one update is a sentence and a table on its page)."""
    plan = facts.plan
    if len(plan.updates) < 2:
        return []
    bars = tuple(_bar(u.period.label, facts.mix(u, rec)) for u in plan.updates)
    if not any(bar.total - _not_reported(bar) for bar in bars):
        return []
    stem = f"recommendation-{rec.id}"
    return [_file(_folder(plan), f"{stem}-trend", f"{plan.id}--{stem}-trend", StatusChart,
                  # Translators: a chart's title; nouns is the plan's own word for what it counts
                  # (e.g. "key milestones"), recommendation the name of one of its recommendations.
                  title=_("Status of the %(nouns)s under %(recommendation)s in each update",
                          nouns=_noun(facts), recommendation=rec_name(plan, rec)),
                  noun=_noun(facts), bars=bars)]


def _noun(facts: PlanFacts) -> str:
    return facts.nouns.lower()


def _not_reported(bar: Bar) -> int:
    return sum(s.count for s in bar.segments if s.scale is Scale.not_reported)


def status_by_recommendation(facts: PlanFacts, update: Update, folder: str, name: str,
                             slug: str) -> ChartFile | None:
    """One bar per recommendation whose items were mostly given a status in `update`; None
    when fewer than two are (a sentence then says it better). Those left out are named in the
    chart's summary, so nothing is dropped silently."""
    plan = facts.plan
    rows = [(rec, facts.mix(update, rec))
            for rec in plan.recommendations if not rec.shares_actions_with and facts.counted_in(rec)]
    shown = [(rec, mix) for rec, mix in rows if not mix.mostly_not_reported]
    if len(shown) < 2:
        return None
    left_out = len(rows) - len(shown)
    terms = plan.terms
    # Translators: said after a chart's sentence. recommendation and recommendations are the
    # plan's own words (singular and plural, either may be used in any form), nouns its word for
    # what it counts (e.g. "key milestones").
    note = ngettext("%(count)s %(recommendation)s with no status given for most of its %(nouns)s is not shown.",
                    "%(count)s %(recommendations)s with no status given for most of their %(nouns)s are not shown.",
                    left_out, recommendation=terms.recommendation.lower(),
                    recommendations=terms.recommendations.lower(), nouns=_noun(facts)) if left_out else ""
    return _file(folder, name, slug, StatusChart,
                 # Translators: a chart's title; nouns is the plan's own word for what it counts (e.g.
                 # "key milestones"), recommendation its word for a recommendation (e.g. "area"),
                 # period the quarter as the council writes it (e.g. "2017/18 Q2").
                 title=_("Status of the %(nouns)s under each %(recommendation)s, %(period)s", nouns=_noun(facts),
                         recommendation=terms.recommendation.lower(), period=update.period.label),
                 noun=_noun(facts), bars=tuple(_bar(rec_name(plan, rec), mix) for rec, mix in shown),
                 bar_noun=terms.recommendations.lower(), note=note)


def update_charts(facts: PlanFacts, update: Update) -> list[ChartFile]:
    """The status of each recommendation's items as one update reported them."""
    plan = facts.plan
    chart = status_by_recommendation(facts, update, f"{urls.update_url(plan, update.period)}charts/",
                                     "update-status", f"{plan.id}--{update.period.slug}--update-status")
    return [chart] if chart else []


def plan_charts(facts: PlanFacts) -> list[ChartFile]:
    """Status per recommendation at the latest update; all items over the updates; indicators."""
    plan = facts.plan
    folder = _folder(plan)
    result = []
    if plan.latest is not None:
        chart = status_by_recommendation(facts, plan.latest, folder, "plan-status", f"{plan.id}--plan-status")
        if chart is not None:
            result.append(chart)
    if len(plan.updates) > 1:
        bars = tuple(_bar(u.period.label, facts.mix(u)) for u in plan.updates)
        result.append(_file(folder, "plan-trend", f"{plan.id}--plan-trend", StatusChart,
                            # Translators: a chart's title; nouns is the plan's own word for what
                            # it counts (e.g. "key milestones").
                            title=_("Status of all %(nouns)s in each update", nouns=_noun(facts)),
                            noun=_noun(facts), bars=bars))
    for indicator in plan.indicators:
        result.append(_file(folder, f"indicator-{indicator.id}", f"{plan.id}--indicator-{indicator.id}", CountChart,
                            title=indicator.title, categories=indicator.categories,
                            readings=tuple((r.label, tuple(r.values.get(c, 0) for c in indicator.categories))
                                           for r in indicator.readings)))
    return result


def charts_by_page(derived: Derived) -> dict[str, list[ChartFile]]:
    """Every chart on the site, keyed by the address of the page that shows it."""
    result: dict[str, list[ChartFile]] = {}
    for facts in derived:
        plan = facts.plan
        result[urls.plan_url(plan)] = plan_charts(facts)
        for rec in plan.recommendations:
            result[urls.recommendation_url(plan, rec)] = recommendation_charts(facts, rec)
        for update in plan.updates:
            # The charts as reported then are on the update's page; its archived recommendation
            # pages show the same numbers as text, which keeps large sites fast to build.
            result[urls.update_url(plan, update.period)] = update_charts(facts, update)
    return result
