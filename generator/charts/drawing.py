"""Chart drawing: lay a chart out by arithmetic, then let matplotlib write the SVG.

Every rectangle, line and piece of text is placed on the figure in points, measured from the
top left. No matplotlib Axes, ticks or legend objects are made: setting those up cost about
two thirds of the time to draw a chart, and a large site draws thousands.

Charts are drawn for a phone's column: `WIDTH` is 352 CSS pixels with 16 px text (the body
text size), and pages show them at that size, never enlarged or shrunk on a 390 px screen.
Each bar's label is written in full above it, across the chart's whole width. Every segment
carries its number (inside it, or just below the bar where it is too narrow) and every status
but Complete a pattern, so nothing depends on colour. matplotlib is imported only inside
`draw`, so importing this module stays cheap.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator import palette
from generator.i18n import _, use
from generator.i18n.formats import number
from generator.i18n.languages import Language
from generator.schema import Scale

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.transforms import Transform
    from matplotlib.typing import RcKeyType

    from generator.charts.kinds import Chart, CountChart, StatusChart

WIDTH = 264.0
"""Drawing width in points: 352 CSS pixels, the text column of a 390 px phone."""

FONT_SIZE = 12.0
"""Font size in points of every piece of text in a chart: 16 CSS pixels, the body text size."""

CHAR = 0.6 * FONT_SIZE
"""A typical character's width in points (generous), for estimating how much room text needs."""

LINE = 1.25 * FONT_SIZE
"""The height of one line of text in points."""

EDGE = 3.0
"""The margin left and right of everything drawn, in points."""

BAR = 21.0
"""The thickness of a bar in points."""

GAP = 13.5
"""The space between one bar and the next bar's label, in points."""

FONTS = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "sans-serif"]
"""The font stack: fonts found locally, written into the SVG as a CSS family list."""

def fonts(language: Language) -> list[str]:
    """The font stack of a chart in `language`: the Latin fonts, then the system fonts that hold
    the language's script (Bengali), whose names go into the SVG as they go into the pages' CSS.
    matplotlib takes each letter from the first font that has it, as browsers do."""
    return [*FONTS[:-1], *language.fonts, FONTS[-1]]


RC: dict[RcKeyType, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "council-plans",
    "font.family": "sans-serif",
    "font.sans-serif": FONTS,
    "font.size": FONT_SIZE,
    "text.color": palette.TEXT,
    "figure.facecolor": palette.BACKGROUND,
    "savefig.facecolor": palette.BACKGROUND,
    "hatch.linewidth": 1.2,
}
"""matplotlib settings for every chart: text kept as text, fixed ids, the palette's colours."""


def wrap(label: str, width: float = WIDTH - 2 * EDGE) -> str:
    """`label` wrapped onto lines that fit `width` points."""
    return textwrap.fill(label, max(8, int(width / CHAR)), break_long_words=False, break_on_hyphens=True) or " "


def text_width(text: str) -> float:
    """An estimate of the width of one line of `text` in points."""
    return len(text) * CHAR


def _line_count(text: str) -> int:
    return text.count("\n") + 1


class _Canvas:
    """A figure addressed in points from its top left corner."""

    def __init__(self, fig: Figure, height: float) -> None:
        from matplotlib.transforms import Affine2D

        self.fig = fig
        self.height = height
        self.transform: Transform = Affine2D().scale(1 / 72) + fig.dpi_scale_trans

    def rect(self, x: float, top: float, width: float, height: float, **style: Any) -> None:
        from matplotlib.patches import Rectangle

        self.fig.add_artist(Rectangle((x, self.height - top - height), width, height,
                                      transform=self.transform, **style))

    def line(self, xs: Sequence[float], ys: Sequence[float], **style: Any) -> None:
        from matplotlib.lines import Line2D

        self.fig.add_artist(Line2D(xs, [self.height - y for y in ys], transform=self.transform, **style))

    def text(self, x: float, y: float, text: str, **style: Any) -> None:
        # Text from the plans is text, never matplotlib's mathematical notation ("$…$").
        self.fig.text(x, self.height - y, text, transform=self.transform, parse_math=False, **style)


def _layout(chart: Chart) -> tuple[float, Any]:
    from generator.charts.kinds import CountChart, StatusChart

    if isinstance(chart, StatusChart):
        return _status(chart)
    assert isinstance(chart, CountChart)
    return _counts(chart)


def size(chart: Chart) -> tuple[int, int]:
    """The drawing's width and height in CSS pixels (known without drawing it), so a page can
    reserve its room before the image arrives."""
    with use(chart.language):
        height, _paint = _layout(chart)
    return round(WIDTH * 4 / 3), round(height * 4 / 3)


def draw(chart: Chart) -> bytes:
    """The chart as SVG bytes (before the title and description are added)."""
    import io

    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    with matplotlib.rc_context({**RC, "font.sans-serif": fonts(chart.language)}), use(chart.language):
        height, paint = _layout(chart)
        fig = Figure(figsize=(WIDTH / 72, height / 72))
        FigureCanvasSVG(fig)
        paint(_Canvas(fig, height))
        out = io.BytesIO()
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return out.getvalue()


def _empty(message: str) -> tuple[float, Any]:
    def paint(canvas: _Canvas) -> None:
        canvas.text(WIDTH / 2, 2 * LINE, message, ha="center", va="center")

    return 4 * LINE, paint


@dataclass(frozen=True)
class _Scale:
    """The horizontal scale shared by every bar of a chart, so bars can be compared."""

    left: float
    right: float
    maximum: float

    def x(self, value: float) -> float:
        """The horizontal position of `value`."""
        return self.left + (self.right - self.left) * value / self.maximum

    def width(self, value: float) -> float:
        """The length of a bar of `value`."""
        return (self.right - self.left) * value / self.maximum


# --------------------------------------------------------------------------- status


@dataclass(frozen=True)
class _KeyEntry:
    label: str
    scale: Scale
    x: float
    y: float


def _key(labels: Sequence[str], scale_of: dict[str, Scale]) -> tuple[list[_KeyEntry], float]:
    """The key's swatches flowed left to right, row by row; returns them and the key's height."""
    entries, x, y = [], EDGE, 4.0
    for label in labels:
        width = 18 + 6 + text_width(label)
        if x > EDGE and x + width > WIDTH - EDGE:
            x, y = EDGE, y + LINE + 7
        entries.append(_KeyEntry(label, scale_of[label], x, y))
        x += width + 14
    return entries, y + LINE + 7


def _fits_inside(count: int, width: float) -> bool:
    return text_width(number(count)) + 7 <= width


def _status(chart: StatusChart) -> tuple[float, Any]:
    from generator.charts.numbers import status_labels

    if not sum(bar.total for bar in chart.bars):
        # Translators: drawn in place of a chart with nothing to count; nouns is the plan's own word
        # for what it counts (e.g. "key milestones").
        return _empty(_("No %(nouns)s to show.", nouns=chart.noun))
    labels = status_labels(chart)
    scale_of = {s.label: s.scale for bar in chart.bars for s in bar.segments}
    key, top = _key(labels, scale_of)
    scale = _Scale(EDGE + 1, WIDTH - EDGE, max(bar.total for bar in chart.bars))
    rows = []
    y = top + 6
    for bar in chart.bars:
        label = wrap(f"{bar.label} ({number(bar.total)})")
        bar_top = y + LINE * _line_count(label) + 3
        below = any(s.count and not _fits_inside(s.count, scale.width(s.count)) for s in bar.segments)
        rows.append((label, y, bar_top, bar))
        y = bar_top + BAR + (LINE + 5 if below else 0) + GAP

    def paint(canvas: _Canvas) -> None:
        for entry in key:
            canvas.rect(entry.x, entry.y + 1.5, 18, 12, **_segment_style(entry.scale, key=True))
            canvas.text(entry.x + 24, entry.y + 7.5, entry.label, va="center")
        for index, (label, label_top, bar_top, bar) in enumerate(rows):
            canvas.text(EDGE, label_top, label, va="top", linespacing=1.1)
            canvas.line([EDGE + 0.5, EDGE + 0.5], [bar_top - 2, bar_top + BAR + 2], color=palette.TEXT,
                        linewidth=1, zorder=4)
            _segments(canvas, scale, bar_top, index, bar)

    return y - GAP + 6, paint


def _segments(canvas: _Canvas, scale: _Scale, top: float, index: int, bar: Any) -> None:
    """A bar's segments, each with its number inside it or, where too narrow, just below it."""
    start = 0
    next_free = scale.left
    for nth, s in enumerate(seg for seg in bar.segments if seg.count):
        x, width = scale.x(start), scale.width(s.count)
        canvas.rect(x, top, width, BAR, gid=f"segment-{index}-{nth}", **_segment_style(s.scale))
        centre = x + width / 2
        if _fits_inside(s.count, width):
            canvas.text(centre, top + BAR / 2, number(s.count), ha="center", va="center",
                        color=palette.LABEL[s.scale], fontweight="bold", bbox=_label_box(s.scale), zorder=5)
        else:
            half = text_width(number(s.count)) / 2
            place = max(centre, next_free + half)
            canvas.line([centre, place], [top + BAR + 1, top + BAR + 4], color=palette.TEXT, linewidth=1, zorder=4)
            canvas.text(place, top + BAR + 4, number(s.count), ha="center", va="top", fontweight="bold", zorder=5)
            next_free = place + half + 4
        start += s.count


def _segment_style(scale: Scale, key: bool = False) -> dict[str, Any]:
    style: dict[str, Any] = {"facecolor": palette.FILL[scale], "zorder": 2}
    if scale in palette.PATTERN:
        style |= {"hatch": palette.PATTERN[scale], "hatchcolor": palette.PATTERN_COLOUR[scale]}
    if scale in palette.DASHED:
        return style | {"edgecolor": palette.OUTLINE, "linestyle": (0, (3, 2)), "linewidth": 1.5, "zorder": 3}
    if key:
        return style | {"edgecolor": "none"}
    return style | {"edgecolor": palette.BACKGROUND, "linewidth": 1.5}


def _label_box(scale: Scale) -> dict[str, Any]:
    """A box in the segment's own fill behind its number, so the pattern never crosses the text."""
    return {"facecolor": palette.FILL[scale], "edgecolor": "none", "pad": 1.5}


# --------------------------------------------------------------------------- counts


def _counts(chart: CountChart) -> tuple[float, Any]:
    from generator.charts.words import category_count

    if not chart.readings or not chart.categories:
        # Translators: drawn in place of an indicator's chart that has no figures.
        return _empty(_("No figures to show."))
    k = len(chart.categories)
    widest = max(text_width(category_count(c, n))
                 for _reading, values in chart.readings for c, n in zip(chart.categories, values, strict=True))
    scale = _Scale(EDGE + 1, WIDTH - EDGE - widest - 6,
                   max(1, *(n for _reading, values in chart.readings for n in values)))
    rows = []
    y = 6.0
    for label, values in chart.readings:
        wrapped = wrap(label)
        bars_top = y + LINE * _line_count(wrapped) + 3
        rows.append((wrapped, y, bars_top, values))
        y = bars_top + k * (BAR * 0.8 + 3) + GAP

    def paint(canvas: _Canvas) -> None:
        for label, label_top, bars_top, values in rows:
            canvas.text(EDGE, label_top, label, va="top", fontweight="bold", linespacing=1.1)
            for j, (category, n) in enumerate(zip(chart.categories, values, strict=True)):
                top = bars_top + j * (BAR * 0.8 + 3)
                canvas.rect(scale.left, top, scale.width(n), BAR * 0.8,
                            facecolor=palette.category_fill(category, j), edgecolor="none", zorder=2)
                canvas.text(scale.x(n) + 4, top + BAR * 0.4, category_count(category, n), va="center")
            canvas.line([EDGE + 0.5, EDGE + 0.5], [bars_top - 2, bars_top + k * (BAR * 0.8 + 3) - 1],
                        color=palette.TEXT, linewidth=1, zorder=4)

    return y - GAP + 6, paint
