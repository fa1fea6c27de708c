"""Which charts each page gets, and that their numbers come from the model."""

from __future__ import annotations

from pathlib import Path

from generator.charts import kinds, words
from generator.charts.specs import charts_by_page, plan_charts, recommendation_charts, status_by_recommendation
from generator.pipeline import build_output, read_site
from tests.conftest import FIXTURES, ROOT

BASIC = FIXTURES / "valid" / "basic" / "plans"
DEMO = FIXTURES / "demo" / "plans"


def test_no_chart_repeats_a_sentence_one_update_one_recommendation() -> None:
    derived, _ = read_site(BASIC)
    facts = derived.plans[0]
    assert recommendation_charts(facts, facts.plan.recommendation("r1")) == [], "one bar is a sentence, not a chart"
    assert "" not in charts_by_page(derived), "the home page says each plan's position in words"


def test_a_chart_leaves_out_recommendations_mostly_not_reported_and_says_so() -> None:
    derived, _ = read_site(ROOT / "plans")
    facts = next(f for f in derived if f.plan.id == "transformation-2024")
    assert facts.plan.latest is not None
    chart = status_by_recommendation(facts, facts.plan.latest, "x/", "y", "z")
    assert chart is not None and isinstance(chart.chart, kinds.StatusChart)
    labels = [bar.label for bar in chart.chart.bars]
    assert labels[0] == "Appendix 1, Phase 1: Analyse and stabilise", "phases named with their appendix"
    assert len(labels) == 7
    assert words.summary(chart.chart).endswith(
        "9 phases with no status given for most of their activities and sub-activities are not shown.")
    ip2018 = next(f for f in derived if f.plan.id == "improvement-plan-2018-22")
    assert ip2018.plan.latest is not None
    assert status_by_recommendation(ip2018, ip2018.plan.latest, "x/", "y", "z") is None


def test_trend_charts_appear_only_where_a_plan_has_several_updates() -> None:
    basic, _ = read_site(BASIC)
    demo, _ = read_site(DEMO)
    assert not any(f.svg_path.endswith("-trend.svg") for fs in charts_by_page(basic).values() for f in fs)
    trend, = [f for f in plan_charts(demo.plans[0]) if f.svg_path.endswith("plan-trend.svg")]
    assert isinstance(trend.chart, kinds.StatusChart)
    assert [b.label for b in trend.chart.bars] == ["2022/23 Q1", "2022/23 Q2", "2022/23 Q3", "2022/23 Q4"]
    assert all(sum(s.count for s in b.segments) == 18 for b in trend.chart.bars)


def test_a_rebuild_with_unchanged_data_draws_no_chart(tmp_path: Path) -> None:
    first = build_output(DEMO, tmp_path / "cache", workers=1)
    second = build_output(DEMO, tmp_path / "cache", workers=1)
    assert first.charts_drawn > 0
    assert second.charts_drawn == 0 and second.charts_reused == first.charts_drawn + first.charts_reused
    assert [(a.path, a.data()) for a in first.output.assets] == [(a.path, a.data()) for a in second.output.assets]
