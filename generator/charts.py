"""Charts: accessible SVG drawings of status mixes, percentages and published counts.

Each chart comes with one plain-English sentence written from its data (`summary`, used as
alt text) and the table of exactly the numbers drawn (`table`, `csv_bytes`), so nothing is
conveyed by the picture alone. Drawings follow WCAG 2.2 AA: fills >= 3:1 on the white
background with white gaps between segments, labels >= 4.5:1 on their fill, direct labels
and a key in the plan's own status words, and a hatch for `not-reported`.

matplotlib is imported only inside `svg_bytes`, so importing this module stays cheap; the
SVG output is byte-identical across runs (fixed hash salt, no date, real `<text>` elements
in a local font stack, nothing downloaded).
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import multiprocessing
import os
import re
import textwrap
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from generator import palette
from generator.derive import SCALE_LABELS, SCALE_ORDER
from generator.schema import Scale

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType

STYLE_VERSION = "5"
"""Bump whenever the drawing code changes, so cached SVGs are drawn again."""

PARALLEL_THRESHOLD = 8
"""`render_all` uses a process pool only when more charts than this need drawing."""

WIDTH_IN = 5.0
"""Figure width in inches (360 pt); the SVG keeps its viewBox so the page can scale it to its column.

At 320 CSS px wide the 11 pt text is drawn about 9.8 px high; wider drawings shrink text further.
"""

FONT_SIZE = 11.0
"""Font size in points of every piece of text in a chart (never below 10)."""

FONTS = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "sans-serif"]
"""The font stack: fonts found locally, written into the SVG as a CSS family list."""

WRAP = 28
"""Bar labels on the y-axis are wrapped at this many characters."""

_PERIOD = re.compile(r"^\d{4}/\d{2} Q[1-4]$")
_SEVERITY: tuple[Scale, ...] = (
    Scale.off_track,
    Scale.at_risk,
    Scale.not_started,
    Scale.in_progress,
    Scale.on_track,
    Scale.not_reported,
)
_RC: dict[RcKeyType, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "council-plans",
    "font.family": "sans-serif",
    "font.sans-serif": FONTS,
    "font.size": FONT_SIZE,
    "axes.titlesize": FONT_SIZE,
    "axes.labelsize": FONT_SIZE,
    "xtick.labelsize": FONT_SIZE,
    "ytick.labelsize": FONT_SIZE,
    "legend.fontsize": FONT_SIZE,
    "text.color": palette.TEXT,
    "axes.labelcolor": palette.TEXT,
    "axes.edgecolor": palette.TEXT,
    "xtick.color": palette.TEXT,
    "ytick.color": palette.TEXT,
    "figure.facecolor": palette.BACKGROUND,
    "axes.facecolor": palette.BACKGROUND,
    "savefig.facecolor": palette.BACKGROUND,
    "hatch.color": palette.OUTLINE,
    "hatch.linewidth": 1.0,
    "axes.unicode_minus": False,
}


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Segment:
    """One status in a stacked bar: the plan's own word, its place on the common scale, a count."""

    label: str
    scale: Scale
    count: int

    def __post_init__(self) -> None:
        if self.count < 0:
            raise ValueError(f"negative count for {self.label!r}: {self.count}")


@dataclass(frozen=True)
class Bar:
    """One stacked bar (a recommendation or an update); segments in common-scale order, no zeros."""

    label: str
    segments: tuple[Segment, ...]

    @property
    def total(self) -> int:
        """Number of items in the bar."""
        return sum(s.count for s in self.segments)


@dataclass(frozen=True)
class StatusChart:
    """Horizontal stacked bars of statuses: one bar per recommendation or per update.

    `bar_noun` is the plural word for the bars used in the summary ("Across 5 areas, …");
    when empty it is "updates" if every bar label is a period such as `2017/18 Q2`, else "groups".
    """

    slug: str
    title: str
    noun: str
    bars: tuple[Bar, ...]
    bar_noun: str = ""


@dataclass(frozen=True)
class PercentChart:
    """Horizontal bars from 0 to 100 percent complete, one per milestone or action.

    `noun` is the plural word for the rows used in the summary, e.g. "key milestones".
    """

    slug: str
    title: str
    rows: tuple[tuple[str, int], ...]
    noun: str = "items"

    def __post_init__(self) -> None:
        for label, percent in self.rows:
            if not 0 <= percent <= 100:
                raise ValueError(f"percent for {label!r} is outside 0-100: {percent}")


@dataclass(frozen=True)
class CountChart:
    """Grouped counts per reading, e.g. KPIs by Green, Amber and Red for each period."""

    slug: str
    title: str
    categories: tuple[str, ...]
    readings: tuple[tuple[str, tuple[int, ...]], ...]

    def __post_init__(self) -> None:
        for label, counts in self.readings:
            if len(counts) != len(self.categories):
                raise ValueError(
                    f"reading {label!r} has {len(counts)} counts for {len(self.categories)} categories"
                )


Chart = StatusChart | PercentChart | CountChart
"""Any chart this module can summarise, tabulate and draw."""


# --------------------------------------------------------------------------- words


def summary(chart: Chart) -> str:
    """One plain-English sentence written from the chart's data, for alt text and beside the chart."""
    if isinstance(chart, StatusChart):
        return _status_summary(chart)
    if isinstance(chart, PercentChart):
        return _percent_summary(chart)
    return _count_summary(chart)


def _status_summary(chart: StatusChart) -> str:
    total = sum(bar.total for bar in chart.bars)
    if not total:
        return f"No {chart.noun} listed."
    if len(chart.bars) == 1:
        first, *rest = (s for s in chart.bars[0].segments if s.count)
        parts = [f"{first.count} of {total} {chart.noun} {first.label}"]
        parts += [f"{s.count} {s.label}" for s in rest]
        return ", ".join(parts) + "."
    done_word = _word(chart, Scale.complete)
    if all(_PERIOD.match(bar.label) for bar in chart.bars):
        worst = _worst(chart, chart.bar_noun or "updates", past=True)
        first_bar, last_bar = chart.bars[0], chart.bars[-1]
        before = f"{_count_of(first_bar, Scale.complete)} of {first_bar.total} ({first_bar.label})"
        after = f"{_count_of(last_bar, Scale.complete)} of {last_bar.total} ({last_bar.label})"
        sentence = f"Over {len(chart.bars)} updates, {done_word} {chart.noun} went from {before} to {after}"
        return sentence + (f"; {worst}." if worst else ".")
    bars_noun = chart.bar_noun or "groups"
    worst = _worst(chart, bars_noun, past=False)
    done = sum(_count_of(bar, Scale.complete) for bar in chart.bars)
    if done == total:
        return f"Across {len(chart.bars)} {bars_noun}, all {total} {chart.noun} are {done_word}."
    amount = f"{done} of" if done else "none of the"
    sentence = f"Across {len(chart.bars)} {bars_noun}, {amount} {total} {chart.noun} are {done_word}"
    return sentence + (f"; {worst}." if worst else ".")


def _count_of(bar: Bar, scale: Scale) -> int:
    return sum(s.count for s in bar.segments if s.scale is scale)


def _word(chart: StatusChart, scale: Scale) -> str:
    """The plan's word for `scale` in this chart, or the common scale's own word."""
    words = {s.label for bar in chart.bars for s in bar.segments if s.scale is scale and s.count}
    return words.pop() if len(words) == 1 else SCALE_LABELS[scale].lower()


def _worst(chart: StatusChart, bars_noun: str, past: bool) -> str:
    """The bar with most of the gravest not-complete status, e.g. "Property has the most Overdue (3)"."""
    scale = next((sc for sc in _SEVERITY if any(_count_of(bar, sc) for bar in chart.bars)), None)
    if scale is None:
        return ""
    word = _word(chart, scale)
    most = max(_count_of(bar, scale) for bar in chart.bars)
    leaders = [bar.label for bar in chart.bars if _count_of(bar, scale) == most]
    if len(leaders) == 1:
        return f"{leaders[0]} {'had' if past else 'has'} the most {word} ({most})"
    verb = "had" if past else "have"
    if len(leaders) <= 3:
        names = ", ".join(leaders[:-1]) + " and " + leaders[-1]
        return f"{names} {verb} the most {word} ({most} each)"
    return f"{len(leaders)} {bars_noun} {verb} the most {word} ({most} each)"


def _percent_summary(chart: PercentChart) -> str:
    if not chart.rows:
        return f"No {chart.noun} listed."
    if len(chart.rows) == 1:
        label, percent = chart.rows[0]
        return f"{label}: {percent}% complete."
    values = [p for _, p in chart.rows]
    n = len(values)
    average = (2 * sum(values) + n) // (2 * n)  # rounded half up
    full = sum(1 for p in values if p == 100)
    at_full = "all at 100%" if full == n else f"{full} at 100%" if full else "none at 100%"
    return f"Average {average}% complete across {n} {chart.noun}; {at_full}."


def _count_summary(chart: CountChart) -> str:
    if not chart.readings:
        return f"{chart.title}: no figures published."
    if len(chart.categories) == 1:
        total = sum(counts[0] for _, counts in chart.readings)
        parts = [f"{label} {counts[0]}" for label, counts in chart.readings if counts[0]]
        return f"{chart.title}: {total} in all (" + "; ".join(parts) + ")."
    parts = [
        f"{label} " + ", ".join(f"{n} {category}" for category, n in zip(chart.categories, counts, strict=True))
        for label, counts in chart.readings
    ]
    return f"{chart.title}: " + "; ".join(parts) + "."


# --------------------------------------------------------------------------- numbers


def table(chart: Chart) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The header row and body rows holding exactly the numbers drawn, for an HTML table and the CSV."""
    if isinstance(chart, StatusChart):
        labels = _status_labels(chart)
        header = ("", *labels, "Total")
        rows = []
        for bar in chart.bars:
            counts = {label: 0 for label in labels}
            for s in bar.segments:
                counts[s.label] += s.count
            rows.append((bar.label, *(str(counts[label]) for label in labels), str(bar.total)))
        return header, tuple(rows)
    if isinstance(chart, PercentChart):
        return ("", "Percent complete"), tuple((label, str(p)) for label, p in chart.rows)
    return ("", *chart.categories), tuple((label, *map(str, counts)) for label, counts in chart.readings)


def _status_labels(chart: StatusChart) -> list[str]:
    """Every status word with a count in the chart, in common-scale order (then order of appearance)."""
    found: dict[str, Scale] = {}
    for bar in chart.bars:
        for s in bar.segments:
            if s.count:
                found.setdefault(s.label, s.scale)
    rank = {scale: i for i, scale in enumerate(SCALE_ORDER)}
    order = list(found)
    return sorted(found, key=lambda label: (rank[found[label]], order.index(label)))


def csv_bytes(chart: Chart) -> bytes:
    """The chart's table as CSV: UTF-8, `\\n` line ends, header row first."""
    header, rows = table(chart)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


# --------------------------------------------------------------------------- drawing


def svg_bytes(chart: Chart) -> bytes:
    """Draw the chart as a scalable, byte-for-byte reproducible SVG with real `<text>` elements."""
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_RC):
        height = _height(chart)
        fig = Figure(figsize=(WIDTH_IN, height))
        FigureCanvasSVG(fig)
        ax = fig.add_subplot()
        if isinstance(chart, StatusChart):
            _draw_status(fig, ax, chart)
        elif isinstance(chart, PercentChart):
            _draw_percent(ax, chart)
        else:
            _draw_counts(ax, chart)
        _place(fig, ax, chart, height)
        out = io.BytesIO()
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    svg = out.getvalue().decode("utf-8")
    head, sep, rest = svg.partition(">\n <metadata>")
    labelled = head.replace("<svg ", '<svg role="img" ', 1)
    extra = f"<title>{escape(chart.title)}</title>\n <desc>{escape(summary(chart))}</desc>\n"
    if sep:
        svg = f"{labelled}>\n {extra} <metadata>{rest}"
    return svg.encode("utf-8")


def _row_labels(chart: Chart) -> list[str]:
    if isinstance(chart, StatusChart):
        return [bar.label for bar in chart.bars]
    if isinstance(chart, PercentChart):
        return [label for label, _ in chart.rows]
    return [label for label, _ in chart.readings]


def _place(fig: Figure, ax: Axes, chart: Chart, height: float) -> None:
    """Set the margins by arithmetic from the text they must hold. (matplotlib's constrained
    layout measures every label instead, which made each chart a third slower to draw.)"""
    char = 0.58 * FONT_SIZE / 72  # a typical character's width in inches
    widest = max((len(line) for label in _row_labels(chart) for line in _lines(label).split("\n")), default=4)
    left = min(0.5, (widest * char + 0.2) / WIDTH_IN)
    right_room = 0.5 if isinstance(chart, PercentChart) else 0.55 if isinstance(chart, CountChart) else 0.15
    top_room = 0.12
    if isinstance(chart, StatusChart):
        top_room += 0.3 * ((len(_status_labels(chart)) + 2) // 3) + 0.1
    axes_width = WIDTH_IN * (1 - left) - right_room
    xlabel = textwrap.fill(ax.get_xlabel(), max(12, int(axes_width / char)))
    ax.set_xlabel(xlabel)
    bottom_room = 0.62 + 0.2 * xlabel.count("\n")
    fig.subplots_adjust(left=left, right=1 - right_room / WIDTH_IN, top=1 - top_room / height,
                        bottom=bottom_room / height)


def _lines(label: str) -> str:
    return textwrap.fill(label, WRAP, break_long_words=False, break_on_hyphens=True) or " "


def _height(chart: Chart) -> float:
    """Figure height in inches: room for the axis and key, plus a slot per bar that fits its label."""
    if isinstance(chart, StatusChart):
        labels = [bar.label for bar in chart.bars]
        base = 1.3 + 0.3 * ((len(_status_labels(chart)) + 2) // 3)
    elif isinstance(chart, PercentChart):
        labels = [label for label, _ in chart.rows]
        base = 0.9
    else:
        k = max(1, len(chart.categories))
        base = 0.9
        slots = sum(max(0.28 * k + 0.3, 0.2 * _lines(label).count("\n") + 0.5) for label, _ in chart.readings)
        return base + max(slots, 0.6)
    slots = sum(max(0.42, 0.19 * (_lines(label).count("\n") + 1) + 0.16) for label in labels)
    return base + max(slots, 0.6)


def _style_axes(ax: Axes, xlabel: str) -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_axisbelow(True)
    ax.grid(axis="x", color=palette.GRID, linewidth=0.8)
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel(xlabel)
    ax.invert_yaxis()


def _label_rows(ax: Axes, positions: Sequence[float], labels: Sequence[str]) -> None:
    """Write each bar's label to the left of the axes, where tick labels would go. (Drawn as plain
    text: matplotlib's tick objects made up a third of the time to draw a chart.)"""
    ax.set_yticks([])
    beside = ax.get_yaxis_transform()
    for y, label in zip(positions, labels, strict=True):
        ax.annotate(_lines(label), (0, y), xycoords=beside, xytext=(-3.5, 0), textcoords="offset points",
                    ha="right", va="center")


def _empty(ax: Axes, message: str) -> None:
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)


def _draw_status(fig: Figure, ax: Axes, chart: StatusChart) -> None:
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator

    if not sum(bar.total for bar in chart.bars):
        _empty(ax, f"No {chart.noun} to show.")
        return
    labels = _status_labels(chart)
    scale_of = {s.label: s.scale for bar in chart.bars for s in bar.segments}
    widest = max(bar.total for bar in chart.bars) * 1.02
    # Count labels only where they fit inside their segment with room to spare. Widths are
    # estimated from the font size rather than measured: measuring means laying the figure out
    # twice, which doubled the time to draw a chart.
    label_room = max(len(_lines(bar.label).split("\n")[0]) for bar in chart.bars) * 0.6 * FONT_SIZE + 12
    points_per_unit = (WIDTH_IN * 72 - label_room - 14) / widest
    runs: dict[Scale, tuple[list[int], list[int], list[int]]] = {}
    for y, bar in enumerate(chart.bars):
        left = 0
        for s in bar.segments:
            if not s.count:
                continue
            ys, widths, lefts = runs.setdefault(s.scale, ([], [], []))
            ys.append(y)
            widths.append(s.count)
            lefts.append(left)
            if len(str(s.count)) * 0.62 * FONT_SIZE + 8 > s.count * points_per_unit:
                left += s.count
                continue
            ax.text(
                left + s.count / 2,
                y,
                str(s.count),
                ha="center",
                va="center",
                color=palette.LABEL[s.scale],
                fontweight="bold",
                bbox=_label_box(s.scale),
                zorder=4,
            )
            left += s.count
    for scale, (ys, widths, lefts) in runs.items():  # one call per status: far fewer objects to set up
        ax.barh(ys, widths, left=lefts, height=0.62, **_segment_style(scale))
    _style_axes(ax, f"Number of {chart.noun}")
    _label_rows(ax, range(len(chart.bars)), [bar.label for bar in chart.bars])
    ax.set_xlim(0, widest)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
    handles = [Patch(label=label, **_segment_style(scale_of[label], legend=True)) for label in labels]
    columns = min(len(handles), 3)
    fig.legend(
        # matplotlib fills a legend column by column; reorder so it reads left to right, row by row.
        handles=[h for column in range(columns) for h in handles[column::columns]],
        loc="upper left",
        bbox_to_anchor=(0.0, 1.0),
        ncols=columns,
        frameon=False,
        handlelength=1.6,
        handleheight=1.1,
        columnspacing=1.2,
    )


def _segment_style(scale: Scale, legend: bool = False) -> dict[str, Any]:
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
    if not legend:
        style |= {"edgecolor": palette.BACKGROUND, "linewidth": 2}
    return style


def _label_box(scale: Scale) -> dict[str, Any] | None:
    """A background-coloured box behind labels on hatched segments, so the hatch never crosses the text."""
    if scale in palette.HATCH:
        return {"facecolor": palette.BACKGROUND, "edgecolor": "none", "pad": 1.0}
    return None


def _draw_percent(ax: Axes, chart: PercentChart) -> None:
    if not chart.rows:
        _empty(ax, f"No {chart.noun} to show.")
        return
    fill = palette.FILL[Scale.on_track]
    for y, (_, percent) in enumerate(chart.rows):
        ax.barh(y, percent, height=0.62, facecolor=fill, zorder=2)
        ax.annotate(f"{percent}%", (percent, y), xytext=(4, 0), textcoords="offset points", va="center")
    _style_axes(ax, "Percent complete")
    _label_rows(ax, range(len(chart.rows)), [label for label, _ in chart.rows])
    ax.set_xlim(0, 100)
    ax.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])


def _draw_counts(ax: Axes, chart: CountChart) -> None:
    from matplotlib.ticker import MaxNLocator

    if not chart.readings or not chart.categories:
        _empty(ax, "No figures to show.")
        return
    k = len(chart.categories)
    centres = []
    for i, (_, values) in enumerate(chart.readings):
        top = i * (k + 1)
        centres.append(top + (k - 1) / 2)
        for j, (category, n) in enumerate(zip(chart.categories, values, strict=True)):
            ax.barh(top + j, n, height=0.8, facecolor=palette.category_fill(category, j), zorder=2)
            # One category: the axis names it, so the bar carries only its number.
            text = f"{n}" if k == 1 else f"{n} {category}"
            ax.annotate(text, (n, top + j), xytext=(4, 0), textcoords="offset points", va="center")
    _style_axes(ax, chart.categories[0] if k == 1 else "Number")
    _label_rows(ax, centres, [label for label, _ in chart.readings])
    ax.set_ylim(len(chart.readings) * (k + 1) - 1.3, -0.7)
    ax.set_xlim(0, max(1, *(n for _, values in chart.readings for n in values)) * 1.15)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))


# --------------------------------------------------------------------------- cache


def _matplotlib_version() -> str:
    try:
        return metadata.version("matplotlib")
    except metadata.PackageNotFoundError:
        return "unknown"


class ChartCache:
    """SVGs on disk keyed by the chart's data and the drawing style, so unchanged charts are not redrawn."""

    def __init__(self, folder: Path) -> None:
        """Keep drawings in `folder` (created when the first chart is stored)."""
        self.folder = folder
        self.rendered = 0
        """How many charts were drawn in this process (or in its worker pool)."""
        self.reused = 0
        """How many charts came from the cache."""
        self._salt = STYLE_VERSION + "\n" + _matplotlib_version()

    def key(self, chart: Chart) -> str:
        """The cache key: sha256 of the chart's data (not its slug, which is not drawn), STYLE_VERSION
        and the matplotlib version. Identical charts on two pages are drawn once."""
        drawn = dataclasses.replace(chart, slug="")
        return hashlib.sha256((repr(drawn) + "\n" + self._salt).encode("utf-8")).hexdigest()

    def path(self, chart: Chart) -> Path:
        """Where the chart's SVG is (or will be) stored."""
        return self.folder / f"{self.key(chart)}.svg"

    def get_or_render(self, chart: Chart) -> bytes:
        """The chart's SVG: from the cache when present, otherwise drawn now and stored."""
        path = self.path(chart)
        if path.is_file():
            self.reused += 1
            return path.read_bytes()
        svg = svg_bytes(chart)
        self.rendered += 1
        self._store(path, svg)
        return svg

    def ensure(self, chart: Chart) -> Path:
        """The path of the chart's SVG in the cache, drawing it first if it is not there."""
        path = self.path(chart)
        if path.is_file():
            self.reused += 1
        else:
            self._store(path, svg_bytes(chart))
            self.rendered += 1
        return path

    def _store(self, path: Path, svg: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp")
        tmp.write_bytes(svg)
        os.replace(tmp, path)


def render_all(charts: Sequence[Chart], cache: ChartCache, workers: int = 1,
               progress: Callable[[int, int], None] | None = None) -> dict[str, Path]:
    """Slug -> the SVG file in the cache for every chart, drawing only what the cache lacks (in a
    process pool when many). Drawings are not kept in memory: a large site has thousands."""
    by_slug: dict[str, Chart] = {}
    pending: dict[Path, Chart] = {}
    for chart in charts:
        if by_slug.setdefault(chart.slug, chart) != chart:
            raise ValueError(f"two different charts share the slug {chart.slug!r}")
        path = cache.path(chart)
        if not path.is_file():
            pending.setdefault(path, chart)
    drawn: set[Path] = set()
    if len(pending) > PARALLEL_THRESHOLD and workers > 1:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        if context.get_start_method() == "forkserver":
            # Workers fork from a server that has imported matplotlib once, rather than each
            # importing it (about half a second apiece).
            context.set_forkserver_preload(["generator.charts", "matplotlib.figure",
                                            "matplotlib.backends.backend_svg"])
        jobs = list(pending.values())
        size = min(workers, len(jobs))
        with ProcessPoolExecutor(max_workers=size, mp_context=context) as pool:
            results = pool.map(svg_bytes, jobs, chunksize=max(1, min(16, len(jobs) // (size * 4))))
            step = max(1, len(jobs) // 10)
            for done, (path, svg) in enumerate(zip(pending, results, strict=True), start=1):
                cache._store(path, svg)
                cache.rendered += 1
                drawn.add(path)
                if progress is not None and (done % step == 0 or done == len(jobs)):
                    progress(done, len(jobs))
    result: dict[str, Path] = {}
    for slug, chart in by_slug.items():
        path = cache.path(chart)
        result[slug] = path if path in drawn else cache.ensure(chart)
    return result
