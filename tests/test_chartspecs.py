"""Which charts each page gets, and that their numbers come from the model."""

from __future__ import annotations

from pathlib import Path

from generator import charts
from generator.chartspecs import charts_by_page, home_chart, plan_charts, recommendation_charts
from generator.pipeline import build_output, read_site
from tests.conftest import FIXTURES

BASIC = FIXTURES / "valid" / "basic" / "plans"
DEMO = FIXTURES / "demo" / "plans"


def test_recommendation_status_chart_counts_match_the_fixture() -> None:
    site, _ = read_site(BASIC)
    plan = site.plans[0]
    status, = [f for f in recommendation_charts(plan, plan.recommendation("r1")) if f.svg_path.endswith("-status.svg")]
    assert isinstance(status.chart, charts.StatusChart)
    bar, = status.chart.bars
    assert [(s.label, s.count) for s in bar.segments] == [("Completed", 1), ("On Target", 1)]
    assert charts.summary(status.chart) == "1 of 2 key milestones Completed, 1 On Target."
    assert status.svg_path == "plans/demo-plan/charts/recommendation-r1-status.svg"


def test_percent_chart_lists_each_milestone_with_its_reported_percent() -> None:
    site, _ = read_site(BASIC)
    plan = site.plans[0]
    percent, = [f for f in recommendation_charts(plan, plan.recommendation("r1")) if "percent" in f.svg_path]
    assert isinstance(percent.chart, charts.PercentChart)
    assert percent.chart.rows == (("Key milestone 1-1", 100), ("Key milestone 1-2", 20))


def test_trend_charts_appear_only_where_a_plan_has_several_updates() -> None:
    basic, _ = read_site(BASIC)
    demo, _ = read_site(DEMO)
    assert not any(f.svg_path.endswith("-trend.svg") for fs in charts_by_page(basic).values() for f in fs)
    trend, = [f for f in plan_charts(demo.plans[0]) if f.svg_path.endswith("plan-trend.svg")]
    assert isinstance(trend.chart, charts.StatusChart)
    assert [b.label for b in trend.chart.bars] == ["2022/23 Q1", "2022/23 Q2", "2022/23 Q3", "2022/23 Q4"]
    assert all(sum(s.count for s in b.segments) == 18 for b in trend.chart.bars)


def test_home_chart_has_one_bar_per_plan_on_the_common_scale() -> None:
    site, _ = read_site(BASIC)
    chart = home_chart(site).chart
    assert isinstance(chart, charts.StatusChart)
    assert [(b.label, [(s.label, s.count) for s in b.segments]) for b in chart.bars] == [
        ("DEMO", [("Complete", 1), ("On track", 1), ("Not reported", 1)])
    ]


def test_a_rebuild_with_unchanged_data_draws_no_chart(tmp_path: Path) -> None:
    first = build_output(DEMO, tmp_path / "cache", workers=1)
    second = build_output(DEMO, tmp_path / "cache", workers=1)
    assert first.charts_drawn > 0
    assert second.charts_drawn == 0 and second.charts_reused == first.charts_drawn + first.charts_reused
    assert [(a.path, a.data()) for a in first.output.assets] == [(a.path, a.data()) for a in second.output.assets]
