"""Chart drawing: lay a chart out by arithmetic, then let matplotlib write the SVG.

Every rectangle, line and piece of text is placed on the figure in points, measured from the
top left. No matplotlib Axes, ticks or legend objects are made: setting those up cost about
two thirds of the time to draw a chart, and a large site draws thousands. The rules the
drawings follow (contrast, direct labels, a key in the plan's own words, hatching for "not
reported") are described in `generator.charts`.

matplotlib is imported only inside `draw`, so importing this module stays cheap.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator import palette
from generator.schema import Scale

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.transforms import Transform
    from matplotlib.typing import RcKeyType

    from generator.charts import Chart, CountChart, PercentChart, StatusChart

WIDTH = 360.0
"""Drawing width in points (5 inches); the SVG keeps its viewBox so the page can scale it to its
column. At 320 CSS px wide the 11 pt text is drawn about 9.8 px high."""

FONT_SIZE = 11.0
"""Font size in points of every piece of text in a chart (never below 10)."""

WRAP = 28
"""Bar labels are wrapped at this many characters."""

CHAR = 0.58 * FONT_SIZE
"""A typical character's width in points, for estimating how much room text needs."""

LINE = 1.2 * FONT_SIZE
"""The height of one line of text in points."""

PAD = 3.5
"""The gap between an axis and its labels, in points."""

FONTS = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "sans-serif"]
"""The font stack: fonts found locally, written into the SVG as a CSS family list."""

RC: dict[RcKeyType, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "council-plans",
    "font.family": "sans-serif",
    "font.sans-serif": FONTS,
    "font.size": FONT_SIZE,
    "text.color": palette.TEXT,
    "figure.facecolor": palette.BACKGROUND,
    "savefig.facecolor": palette.BACKGROUND,
    "hatch.color": palette.OUTLINE,
    "hatch.linewidth": 1.0,
}
"""matplotlib settings for every chart: text kept as text, fixed ids, the palette's colours."""


def wrap(label: str) -> str:
    """A bar label wrapped onto lines of at most `WRAP` characters."""
    return textwrap.fill(label, WRAP, break_long_words=False, break_on_hyphens=True) or " "


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
        # Labels are published text: `$…$` is never read as matplotlib's mathtext.
        self.fig.text(x, self.height - y, text, transform=self.transform, parse_math=False, **style)


@dataclass(frozen=True)
class _Row:
    """One bar (or group of bars): its label and the height of its slot in points."""

    label: str
    slot: float


@dataclass(frozen=True)
class _Frame:
    """Where the bars go: the plot area's edges in points, and the scale of its x axis."""

    left: float
    right: float
    top: float
    bottom: float
    maximum: float

    def x(self, value: float) -> float:
        """The horizontal position of `value` on the axis."""
        return self.left + (self.right - self.left) * value / self.maximum


def _layout(chart: Chart) -> tuple[float, Any]:
    from generator.charts import CountChart, PercentChart, StatusChart

    if isinstance(chart, StatusChart):
        return _status(chart)
    if isinstance(chart, PercentChart):
        return _percent(chart)
    assert isinstance(chart, CountChart)
    return _counts(chart)


def size(chart: Chart) -> tuple[int, int]:
    """The drawing's width and height in CSS pixels (known without drawing it), so a page can
    reserve its room before the image arrives."""
    height, _ = _layout(chart)
    return round(WIDTH * 4 / 3), round(height * 4 / 3)


def draw(chart: Chart) -> bytes:
    """The chart as SVG bytes (before the title and description are added)."""
    import io

    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    with matplotlib.rc_context(RC):
        height, paint = _layout(chart)
        fig = Figure(figsize=(WIDTH / 72, height / 72))
        FigureCanvasSVG(fig)
        paint(_Canvas(fig, height))
        out = io.BytesIO()
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return out.getvalue()


# --------------------------------------------------------------------------- the parts


def _left_margin(labels: Sequence[str]) -> float:
    widest = max((len(line) for label in labels for line in wrap(label).split("\n")), default=4)
    return min(WIDTH / 2, widest * CHAR + 14.4)


def _rows(labels: Sequence[str]) -> list[_Row]:
    """A slot per bar, tall enough for its wrapped label."""
    return [_Row(wrap(label), max(30.2, 13.7 * _line_count(wrap(label)) + 11.5)) for label in labels]


def _axis_room(xlabel: str, frame_width: float) -> tuple[str, float]:
    """The x-axis title wrapped to the plot's width, and the height below the plot it needs."""
    wrapped = textwrap.fill(xlabel, max(12, int(frame_width / CHAR)))
    return wrapped, PAD * 2 + LINE + 4 + LINE * _line_count(wrapped) + 8


def _axes(canvas: _Canvas, frame: _Frame, ticks: Sequence[tuple[float, str]], xlabel: str) -> None:
    """Grid lines, the axis lines, tick marks and labels, and the axis title."""
    for value, _ in ticks:
        x = frame.x(value)
        canvas.line([x, x], [frame.top, frame.bottom], color=palette.GRID, linewidth=0.8, zorder=1)
    canvas.line([frame.left, frame.left], [frame.top, frame.bottom], color=palette.TEXT, linewidth=0.8, zorder=4)
    canvas.line([frame.left, frame.right], [frame.bottom, frame.bottom], color=palette.TEXT, linewidth=0.8,
                zorder=4)
    for value, text in ticks:
        x = frame.x(value)
        canvas.line([x, x], [frame.bottom, frame.bottom + PAD], color=palette.TEXT, linewidth=0.8, zorder=4)
        canvas.text(x, frame.bottom + PAD * 2, text, ha="center", va="top")
    canvas.text((frame.left + frame.right) / 2, frame.bottom + PAD * 2 + LINE + 4, xlabel, ha="center", va="top",
                multialignment="center")


def _integer_ticks(maximum: float) -> list[tuple[float, str]]:
    from matplotlib.ticker import MaxNLocator

    values = MaxNLocator(integer=True, nbins=6).tick_values(0, maximum)
    return [(float(v), str(int(v))) for v in values if 0 <= v <= maximum]


def _row_labels(canvas: _Canvas, frame: _Frame, rows: Sequence[_Row]) -> list[float]:
    """Each row's label left of the axis; returns the centre of each row."""
    centres = []
    top = frame.top
    for row in rows:
        centre = top + row.slot / 2
        centres.append(centre)
        canvas.text(frame.left - PAD, centre, row.label, ha="right", va="center")
        top += row.slot
    return centres


def _empty(message: str) -> tuple[float, Any]:
    def paint(canvas: _Canvas) -> None:
        canvas.text(WIDTH / 2, 64.8 / 2, message, ha="center", va="center")

    return 64.8, paint


# --------------------------------------------------------------------------- status


def _status(chart: StatusChart) -> tuple[float, Any]:
    from generator.charts import status_labels

    if not sum(bar.total for bar in chart.bars):
        return _empty(f"No {chart.noun} to show.")
    labels = status_labels(chart)
    scale_of = {s.label: s.scale for bar in chart.bars for s in bar.segments}
    key_width = 17.6 + 8.8 + max(len(label) for label in labels) * CHAR + 13.2
    columns = max(1, min(3, len(labels), int((WIDTH - 8) // key_width)))
    key_rows = (len(labels) + columns - 1) // columns
    rows = _rows([bar.label for bar in chart.bars])
    left = _left_margin([bar.label for bar in chart.bars])
    top = 8.6 + 21.6 * key_rows + 7.2
    bottom = top + sum(row.slot for row in rows)
    xlabel, below = _axis_room(f"Number of {chart.noun}", WIDTH - 10.8 - left)
    frame = _Frame(left, WIDTH - 10.8, top, bottom, max(bar.total for bar in chart.bars) * 1.02)

    def paint(canvas: _Canvas) -> None:
        for i, label in enumerate(labels):  # the key, read left to right, row by row
            x, y = 4 + (i % columns) * key_width, 8.6 + 21.6 * (i // columns)
            canvas.rect(x, y + 2, 17.6, 12.1, **_segment_style(scale_of[label], key=True))
            canvas.text(x + 17.6 + 8.8, y + 8, label, va="center")
        _axes(canvas, frame, _integer_ticks(frame.maximum), xlabel)
        per_unit = (frame.right - frame.left) / frame.maximum
        for centre, bar in zip(_row_labels(canvas, frame, rows), chart.bars, strict=True):
            thickness = 0.62 * min(row.slot for row in rows)
            start = 0
            for s in bar.segments:
                if not s.count:
                    continue
                canvas.rect(frame.x(start), centre - thickness / 2, s.count * per_unit, thickness,
                            **_segment_style(s.scale))
                if len(str(s.count)) * 0.62 * FONT_SIZE + 8 <= s.count * per_unit:
                    canvas.text(frame.x(start + s.count / 2), centre, str(s.count), ha="center", va="center",
                                color=palette.LABEL[s.scale], fontweight="bold", bbox=_label_box(s.scale),
                                zorder=5)
                start += s.count

    return bottom + below, paint


def _segment_style(scale: Scale, key: bool = False) -> dict[str, Any]:
    if scale in palette.HATCH:
        return {
            "facecolor": palette.FILL[scale],
            "edgecolor": palette.OUTLINE,
            "linestyle": (0, (3, 2)),
            "linewidth": 1.5,
            "hatch": palette.HATCH[scale],
            "zorder": 3,
        }
    style: dict[str, Any] = {"facecolor": palette.FILL[scale], "zorder": 2}
    if not key:
        style |= {"edgecolor": palette.BACKGROUND, "linewidth": 2}
    else:
        style |= {"edgecolor": "none"}
    return style


def _label_box(scale: Scale) -> dict[str, Any] | None:
    """A background-coloured box behind labels on hatched segments, so the hatch never crosses the text."""
    if scale in palette.HATCH:
        return {"facecolor": palette.BACKGROUND, "edgecolor": "none", "pad": 1.0}
    return None


# --------------------------------------------------------------------------- percent


def _percent(chart: PercentChart) -> tuple[float, Any]:
    if not chart.rows:
        return _empty(f"No {chart.noun} to show.")
    rows = _rows([label for label, _ in chart.rows])
    left = _left_margin([label for label, _ in chart.rows])
    top = 8.6
    bottom = top + sum(row.slot for row in rows)
    xlabel, below = _axis_room("Percent complete", WIDTH - 36 - left)
    frame = _Frame(left, WIDTH - 36, top, bottom, 100)
    ticks = [(float(v), f"{v}%") for v in (0, 25, 50, 75, 100)]

    def paint(canvas: _Canvas) -> None:
        _axes(canvas, frame, ticks, xlabel)
        thickness = 0.62 * min(row.slot for row in rows)
        for centre, (_, percent) in zip(_row_labels(canvas, frame, rows), chart.rows, strict=True):
            canvas.rect(frame.left, centre - thickness / 2, frame.x(percent) - frame.left, thickness,
                        facecolor=palette.FILL[Scale.on_track], edgecolor="none", zorder=2)
            canvas.text(frame.x(percent) + 4, centre, f"{percent}%", va="center")

    return bottom + below, paint


# --------------------------------------------------------------------------- counts


def _counts(chart: CountChart) -> tuple[float, Any]:
    if not chart.readings or not chart.categories:
        return _empty("No figures to show.")
    k = len(chart.categories)
    rows = [_Row(wrap(label), max(20.2 * k + 21.6, 14.4 * (_line_count(wrap(label)) - 1) + 36))
            for label, _ in chart.readings]
    left = _left_margin([label for label, _ in chart.readings])
    top = 8.6
    bottom = top + sum(row.slot for row in rows)
    xlabel, below = _axis_room(chart.categories[0] if k == 1 else "Number", WIDTH - 39.6 - left)
    frame = _Frame(left, WIDTH - 39.6, top, bottom,
                   max(1, *(n for _, values in chart.readings for n in values)) * 1.15)

    def paint(canvas: _Canvas) -> None:
        _axes(canvas, frame, _integer_ticks(frame.maximum), xlabel)
        for centre, (_, values) in zip(_row_labels(canvas, frame, rows), chart.readings, strict=True):
            first = centre - 20.2 * (k - 1) / 2
            for j, (category, n) in enumerate(zip(chart.categories, values, strict=True)):
                y = first + 20.2 * j
                canvas.rect(frame.left, y - 8.1, frame.x(n) - frame.left, 16.2,
                            facecolor=palette.category_fill(category, j), edgecolor="none", zorder=2)
                # One category: the axis names it, so the bar carries only its number.
                canvas.text(frame.x(n) + 4, y, f"{n}" if k == 1 else f"{n} {category}", va="center")

    return bottom + below, paint
