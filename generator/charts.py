"""Charts: accessible SVG drawings of status mixes, percentages and published counts.

Each chart comes with one plain-English sentence written from its data (`summary`, used as
alt text) and the table of exactly the numbers drawn (`table`, `csv_bytes`), so nothing is
conveyed by the picture alone. Drawings follow WCAG 2.2 AA: fills >= 3:1 on the white
background with white gaps between segments, labels >= 4.5:1 on their fill, direct labels
and a key in the plan's own status words, and a hatch for `not-reported`.

matplotlib is imported only when a chart is drawn (`generator.drawing`), so importing this module stays cheap; the
SVG output is byte-identical across runs (fixed hash salt, no date, real `<text>` elements
in a local font stack, nothing downloaded).
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from xml.sax.saxutils import escape

from generator import csvsafe, drawing
from generator.derive import SCALE_LABELS, SCALE_ORDER
from generator.schema import Scale

STYLE_VERSION = "7"
"""Bump whenever the drawing code changes, so cached SVGs are drawn again."""

_PERIOD = re.compile(r"^\d{4}/\d{2} Q[1-4]$")
_SEVERITY: tuple[Scale, ...] = (
    Scale.off_track,
    Scale.at_risk,
    Scale.not_started,
    Scale.in_progress,
    Scale.on_track,
    Scale.not_reported,
)


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
    note: str = ""
    """A sentence added to the summary, e.g. saying which bars were left out and why."""


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


Chart = StatusChart | CountChart
"""Any chart this module can summarise, tabulate and draw."""


# --------------------------------------------------------------------------- words


def summary(chart: Chart) -> str:
    """One plain-English sentence written from the chart's data, for alt text and beside the chart."""
    if isinstance(chart, StatusChart):
        return " ".join(filter(None, (_status_summary(chart), chart.note)))
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
        labels = status_labels(chart)
        header = ("", *labels, "Total")
        rows = []
        for bar in chart.bars:
            counts = {label: 0 for label in labels}
            for s in bar.segments:
                counts[s.label] += s.count
            rows.append((bar.label, *(str(counts[label]) for label in labels), str(bar.total)))
        return header, tuple(rows)
    return ("", *chart.categories), tuple((label, *map(str, counts)) for label, counts in chart.readings)


def status_labels(chart: StatusChart) -> list[str]:
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
    writer = csvsafe.Writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


# --------------------------------------------------------------------------- drawing


def svg_bytes(chart: Chart) -> bytes:
    """Draw the chart as a scalable, byte-for-byte reproducible SVG with real `<text>` elements,
    named by its title and described by its summary sentence."""
    svg = drawing.draw(chart).decode("utf-8")
    head, sep, rest = svg.partition(">\n <metadata>")
    labelled = head.replace("<svg ", '<svg role="img" ', 1)
    extra = f"<title>{escape(chart.title)}</title>\n <desc>{escape(summary(chart))}</desc>\n"
    if sep:
        svg = f"{labelled}>\n {extra} <metadata>{rest}"
    return svg.encode("utf-8")


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
        store(path, svg)


def store(path: Path, svg: bytes) -> None:
    """Put a drawing in the cache folder, whole (written aside, then renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp")
    tmp.write_bytes(svg)
    os.replace(tmp, path)
