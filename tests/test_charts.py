"""Charts: sentences, tables, WCAG contrast of the palette, reproducible SVG, the cache and lazy import."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator import palette
from generator.charts.cache import ChartCache
from generator.charts.jobs import render_all
from generator.charts.kinds import Bar, Chart, CountChart, Segment, StatusChart
from generator.charts.numbers import csv_bytes, table
from generator.charts.svg import svg_bytes
from generator.charts.words import summary
from generator.schema import Scale

ROOT = Path(__file__).resolve().parent.parent


def seg(label: str, scale: Scale, count: int) -> Segment:
    return Segment(label, scale, count)


def done(n: int) -> Segment:
    return seg("Completed", Scale.complete, n)


def on(n: int) -> Segment:
    return seg("On Target", Scale.on_track, n)


def late(n: int) -> Segment:
    return seg("Overdue", Scale.off_track, n)


def delayed(n: int) -> Segment:
    return seg("Delayed", Scale.at_risk, n)


def silent(n: int) -> Segment:
    return seg("Not reported", Scale.not_reported, n)


SINGLE = StatusChart(
    "bvip-2017-18--elections--status",
    "Elections: key milestones by status",
    "key milestones",
    (Bar("Elections", (done(9), on(3), late(2))),),
)
AREAS = StatusChart(
    "bvip-2017-18--status",
    "Key milestones by area",
    "key milestones",
    (
        Bar("Elections", (done(9), on(3), late(2))),
        Bar("Grants", (done(8), on(12), delayed(1))),
        Bar("Property", (done(5), on(10), late(3))),
        Bar("Governance and partnership working across the council", (done(10), on(20), delayed(2), silent(3))),
        Bar("Communications", (done(7), on(17), late(1), silent(2))),
    ),
    bar_noun="areas",
)
UPDATES = StatusChart(
    "bvip-2017-18--updates",
    "Key milestones by update",
    "key milestones",
    (
        Bar("2017/18 Q2", (done(5), on(100), delayed(4), silent(6))),
        Bar("2017/18 Q3", (done(20), on(80), late(3), silent(12))),
        Bar("2018/19 Q1", (done(39), on(70), late(6))),
    ),
)
COUNTS = CountChart(
    "cpc-2023--kpi",
    "Q3 KPI position",
    ("Green", "Amber", "Red"),
    (("Previous", (21, 5, 9)), ("Now", (24, 4, 7))),
)
CHARTS: tuple[Chart, ...] = (SINGLE, AREAS, UPDATES, COUNTS)


# --------------------------------------------------------------------------- summary


@pytest.mark.parametrize(
    ("chart", "sentence"),
    [
        (SINGLE, "9 of 14 key milestones Completed, 3 On Target, 2 Overdue."),
        (AREAS, "Across 5 areas, 39 of 115 key milestones are Completed; Property has the most Overdue (3)."),
        (
            UPDATES,
            "Over 3 updates, Completed key milestones went from 5 of 115 (2017/18 Q2) to 39 of 115 (2018/19 Q1);"
            " 2018/19 Q1 had the most Overdue (6).",
        ),
        (COUNTS, "Q3 KPI position: Previous 21 Green, 5 Amber, 9 Red; Now 24 Green, 4 Amber, 7 Red."),
        (StatusChart("s", "t", "actions", ()), "No actions listed."),
        (
            StatusChart("s", "t", "actions", (Bar("A", (done(2),)), Bar("B", (done(3),))), bar_noun="phases"),
            "Across 2 phases, all 5 actions are Completed.",
        ),
        (
            StatusChart("s", "t", "actions", (Bar("A", (on(2), late(1))), Bar("B", (on(3), late(1))))),
            "Across 2 groups, none of the 7 actions are complete; A and B have the most Overdue (1 each).",
        ),
        (
            StatusChart("s", "t", "actions", tuple(Bar(f"202{i}/2{i + 1} Q1", (done(i), late(1))) for i in range(4))),
            "Over 4 updates, Completed actions went from 0 of 1 (2020/21 Q1) to 3 of 4 (2023/24 Q1);"
            " 4 updates had the most Overdue (1 each).",
        ),
        (
            StatusChart("s", "t", "actions", (Bar("A", (done(2),)), Bar("B", (done(3),))), bar_noun="phases",
                        note="1 phase with no status given is not shown."),
            "Across 2 phases, all 5 actions are Completed. 1 phase with no status given is not shown.",
        ),
    ],
)
def test_summary_sentences(chart: Chart, sentence: str) -> None:
    assert summary(chart) == sentence


# --------------------------------------------------------------------------- table and CSV


def test_status_table_holds_the_drawn_numbers() -> None:
    header, rows = table(AREAS)
    assert header == ("", "Completed", "On Target", "Delayed", "Overdue", "Not reported", "Total")
    assert rows[0] == ("Elections", "9", "3", "0", "2", "0", "14")
    for bar, row in zip(AREAS.bars, rows, strict=True):
        assert row[0] == bar.label
        counts = dict(zip(header[1:-1], map(int, row[1:-1]), strict=True))
        assert {s.label: s.count for s in bar.segments} == {k: v for k, v in counts.items() if v}
        assert int(row[-1]) == bar.total
    assert sum(int(row[-1]) for row in rows) == 115


def test_count_table() -> None:
    header, rows = table(COUNTS)
    assert header == ("", "Green", "Amber", "Red")
    assert rows == (("Previous", "21", "5", "9"), ("Now", "24", "4", "7"))


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.slug)
def test_csv_parses_back_to_the_table(chart: Chart) -> None:
    data = csv_bytes(chart)
    assert b"\r" not in data and data.endswith(b"\n")
    header, rows = table(chart)
    parsed = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert parsed == [list(header), *map(list, rows)]


def test_invalid_data_is_refused() -> None:
    with pytest.raises(ValueError, match="3 categories"):
        CountChart("c", "t", ("Green", "Amber", "Red"), (("Now", (1, 2)),))
    with pytest.raises(ValueError, match="negative"):
        Segment("Completed", Scale.complete, -1)


# --------------------------------------------------------------------------- palette


def test_contrast_function_matches_known_ratios() -> None:
    assert palette.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert palette.contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert palette.contrast("#767676", "#fff") == pytest.approx(4.54, abs=0.01)
    assert palette.contrast("#1d70b8", "#ffffff") == palette.contrast("#ffffff", "#1d70b8")


def test_palette_matches_the_stylesheet() -> None:
    css = (ROOT / "theme" / "assets" / "stylesheets" / "plans.css").read_text(encoding="utf-8")
    declared = dict(re.findall(r"--cp-([a-z-]+):\s*(#[0-9a-fA-F]{6})", css))
    assert {scale.value: fill for scale, fill in palette.FILL.items()} == {
        name: fill for name, fill in declared.items() if name in {scale.value for scale in Scale}}


def test_every_status_fill_and_label_passes_wcag_aa() -> None:
    ratios = {
        scale.value: (
            round(palette.contrast(palette.boundary(scale), palette.BACKGROUND), 2),
            round(palette.contrast(palette.LABEL[scale], palette.FILL[scale]), 2),
        )
        for scale in Scale
    }
    report = "; ".join(f"{name}: boundary {b}:1 on white, label {t}:1 on fill" for name, (b, t) in ratios.items())
    assert all(b >= 3.0 for b, _ in ratios.values()), report
    assert all(t >= 4.5 for _, t in ratios.values()), report
    # The one white fill relies on its outline and hatch.
    assert palette.FILL[Scale.not_reported] == palette.BACKGROUND
    assert Scale.not_reported in palette.PATTERN and Scale.not_reported in palette.DASHED
    assert palette.boundary(Scale.not_reported) == palette.OUTLINE


def test_axis_text_and_category_fills_pass_wcag_aa() -> None:
    text = palette.contrast(palette.TEXT, palette.BACKGROUND)
    assert text >= 4.5, f"axis text {text:.2f}:1 on white"
    named = {**palette.CATEGORY_FILL, **{f"other {i}": f for i, f in enumerate(palette.OTHER_FILLS)}}
    fills = {name: round(palette.contrast(fill, palette.BACKGROUND), 2) for name, fill in named.items()}
    assert all(r >= 3.0 for r in fills.values()), f"category fills on white: {fills}"


# --------------------------------------------------------------------------- drawing


@pytest.fixture(scope="module")
def drawn() -> dict[str, bytes]:
    """Every sample chart drawn once (the first draw pays for importing matplotlib)."""
    return {chart.slug: svg_bytes(chart) for chart in CHARTS}


def texts(svg: bytes) -> list[str]:
    return re.findall(r"<text\b[^>]*>([^<]*)</text>", svg.decode("utf-8"))


def test_svg_is_reproducible(drawn: dict[str, bytes]) -> None:
    assert svg_bytes(AREAS) == drawn[AREAS.slug]
    assert svg_bytes(COUNTS) == drawn[COUNTS.slug]


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.slug)
def test_svg_is_scalable_text_with_no_date_image_or_download(chart: Chart, drawn: dict[str, bytes]) -> None:
    svg = drawn[chart.slug].decode("utf-8")
    assert re.search(r'<svg [^>]*viewBox="0 0 [\d.]+ [\d.]+"', svg)
    assert texts(drawn[chart.slug]), "labels must be real <text> elements"
    for forbidden in ("<image", "Date", "dc:date", "@font-face", "@import", "url(http", "matplotlib.org", "dc:creator"):
        assert forbidden not in svg, forbidden
    assert f"<title>{chart.title}</title>" in svg
    sizes = [float(px) for px in re.findall(r"font-size: ([\d.]+)px", svg)]
    width = float(re.search(r'<svg [^>]*width="([\d.]+)pt"', svg).group(1))  # type: ignore[union-attr]
    # Pages show charts at their own width (352 CSS px): 12 pt text is 16 px, the body text size.
    assert sizes and min(sizes) >= 12 and width == 264, (sizes, width)
    assert "font-family: 'DejaVu Sans'" in svg


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.slug)
def test_svg_uses_only_palette_colours(chart: Chart, drawn: dict[str, bytes]) -> None:
    allowed = {*palette.FILL.values(), *palette.CATEGORY_FILL.values(), *palette.OTHER_FILLS}
    allowed |= {palette.TEXT, palette.BACKGROUND, palette.OUTLINE}
    used = set(re.findall(r"(?:fill|stroke): (#[0-9a-f]{6})", drawn[chart.slug].decode("utf-8")))
    assert used <= allowed, used - allowed
    text_colours = set(re.findall(r"<text [^>]*fill: (#[0-9a-f]{6})", drawn[chart.slug].decode("utf-8")))
    assert text_colours <= {palette.TEXT, "#ffffff"}, text_colours


def test_status_chart_labels_segments_and_names_every_status(drawn: dict[str, bytes]) -> None:
    words = texts(drawn[SINGLE.slug])
    assert {"9", "3", "2", "Completed", "On Target", "Overdue", "Elections (14)"} <= set(words)
    words = texts(drawn[AREAS.slug])
    assert {"Completed", "On Target", "Delayed", "Overdue", "Not reported"} <= set(words)
    counts = [str(s.count) for bar in AREAS.bars for s in bar.segments]
    assert sorted(w for w in words if w.isdigit()) == sorted(counts), "every segment carries its number"
    svg = drawn[AREAS.slug].decode("utf-8")
    assert svg.count("<pattern") >= 4, "every status but Complete has a pattern"
    assert "stroke-dasharray" in svg, "not reported has a dashed outline"
    assert "stroke: #ffffff; stroke-width: 1.5" in svg, "segments are separated by white gaps"
    assert svg.count('<g id="segment-') == len(counts)


def test_count_charts_print_their_values(drawn: dict[str, bytes]) -> None:
    words = texts(drawn[COUNTS.slug])
    assert {"21 Green", "5 Amber", "9 Red", "24 Green", "4 Amber", "7 Red", "Previous", "Now"} <= set(words)


def test_long_bar_labels_are_wrapped_whole_never_cut(drawn: dict[str, bytes]) -> None:
    words = texts(drawn[AREAS.slug])
    label = [w for w in words if w.startswith("Governance")]
    assert label and "…" not in "".join(words)
    svg = drawn[AREAS.slug].decode("utf-8")
    assert "council (35)" in svg, "the whole label is drawn, with the bar's total"


def test_dollar_signs_are_text_not_mathematics() -> None:
    chart = StatusChart("m", "t", "actions", (Bar("Save $5m by $2025$", (done(1),)), Bar("B", (on(1),))))
    assert "Save $5m by $2025$ (1)" in texts(svg_bytes(chart))


def test_empty_charts_still_draw() -> None:
    for chart in (StatusChart("s", "t", "actions", ()), CountChart("c", "t", (), ())):
        assert b"<text" in svg_bytes(chart)


# --------------------------------------------------------------------------- cache


def test_cache_draws_once_then_reuses(tmp_path: Path, drawn: dict[str, bytes]) -> None:
    cache = ChartCache(tmp_path / "charts")
    first = render_all([SINGLE], cache)[SINGLE.slug].read_bytes()
    second = render_all([SINGLE], cache)[SINGLE.slug].read_bytes()
    assert first == second == drawn[SINGLE.slug]
    assert (cache.rendered, cache.reused) == (1, 1)
    assert cache.path(SINGLE).read_bytes() == first
    changed = StatusChart(SINGLE.slug, SINGLE.title, SINGLE.noun, (Bar("Elections", (done(9), on(3), late(3))),))
    assert cache.key(changed) != cache.key(SINGLE)
    assert cache.key(SINGLE) == ChartCache(tmp_path / "other").key(SINGLE)
    assert len(cache.key(SINGLE)) == 64


def test_render_all_in_process_uses_the_cache(tmp_path: Path) -> None:
    cache = ChartCache(tmp_path)
    render_all([COUNTS], cache)
    result = render_all([COUNTS, SINGLE, SINGLE], cache, workers=4)
    assert set(result) == {COUNTS.slug, SINGLE.slug}
    assert (cache.rendered, cache.reused) == (2, 1)
    assert result[SINGLE.slug] == cache.path(SINGLE)
    with pytest.raises(ValueError, match="share the slug"):
        render_all([SINGLE, StatusChart(SINGLE.slug, "other", "actions", ())], cache)


def test_render_all_draws_many_charts_in_a_process_pool(tmp_path: Path) -> None:
    charts = [StatusChart(f"p{i}", f"Chart {i}", "actions", (Bar("a", (done(i + 1),)),)) for i in range(10)]
    cache = ChartCache(tmp_path)
    result = render_all(charts, cache, workers=2)
    assert (cache.rendered, cache.reused) == (10, 0)
    assert result["p3"].read_bytes() == svg_bytes(charts[3])
    assert len(list(tmp_path.glob("*.svg"))) == 10
    assert render_all(charts, ChartCache(tmp_path), workers=2) == result


# --------------------------------------------------------------------------- import cost


def test_importing_charts_does_not_import_matplotlib() -> None:
    code = ("import generator.charts.specs, generator.charts.cache, generator.charts.jobs, sys; "
            "print('matplotlib' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
