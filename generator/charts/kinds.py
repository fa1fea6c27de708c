"""The kinds of chart, as data: stacked bars of statuses, and grouped counts. No drawing here.

A chart carries the language its words are written in: it is drawn in a background process,
which renders in no page's language, and the cache tells a Bengali drawing from an English one
by its data."""

from __future__ import annotations

from dataclasses import dataclass

from generator.i18n import ENGLISH, Language
from generator.schema import Scale


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
    language: Language = ENGLISH
    """The language of the site's words in the chart (its sentence, numbers and table header)."""


@dataclass(frozen=True)
class CountChart:
    """Grouped counts per reading, e.g. KPIs by Green, Amber and Red for each period."""

    slug: str
    title: str
    categories: tuple[str, ...]
    readings: tuple[tuple[str, tuple[int, ...]], ...]
    language: Language = ENGLISH
    """The language of the site's words in the chart (its sentence, numbers and table header)."""

    def __post_init__(self) -> None:
        for label, counts in self.readings:
            if len(counts) != len(self.categories):
                raise ValueError(
                    f"reading {label!r} has {len(counts)} counts for {len(self.categories)} categories"
                )


Chart = StatusChart | CountChart
"""Any chart this module can summarise, tabulate and draw."""
