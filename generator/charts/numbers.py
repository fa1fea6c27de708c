"""The table of exactly the numbers a chart draws, for an HTML table and the CSV download."""

from __future__ import annotations

import io
from collections.abc import Callable

from generator import csvsafe, scale
from generator.charts.kinds import Chart, StatusChart
from generator.i18n import _, use
from generator.i18n.formats import number
from generator.schema import Scale


def table(chart: Chart) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The header row and body rows holding exactly the numbers drawn, for an HTML table, in the
    chart's language (its digits too)."""
    with use(chart.language):
        return _table(chart, number)


def _table(chart: Chart, figure: Callable[[int], str]) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    if isinstance(chart, StatusChart):
        labels = status_labels(chart)
        # Translators: the last column's heading in a chart's table of numbers (and its CSV).
        header = ("", *labels, _("Total"))
        rows = []
        for bar in chart.bars:
            counts = {label: 0 for label in labels}
            for s in bar.segments:
                counts[s.label] += s.count
            rows.append((bar.label, *(figure(counts[label]) for label in labels), figure(bar.total)))
        return header, tuple(rows)
    return ("", *chart.categories), tuple((label, *map(figure, counts)) for label, counts in chart.readings)


def status_labels(chart: StatusChart) -> list[str]:
    """Every status word with a count in the chart, in common-scale order (then order of appearance)."""
    found: dict[str, Scale] = {}
    for bar in chart.bars:
        for s in bar.segments:
            if s.count:
                found.setdefault(s.label, s.scale)
    order = list(found)
    return sorted(found, key=lambda label: (scale.position(found[label]), order.index(label)))


def csv_bytes(chart: Chart) -> bytes:
    """The chart's table as CSV: UTF-8, `\\n` line ends, header row first (in the chart's
    language, its figures in digits 0-9 for any program to read)."""
    with use(chart.language):
        header, rows = _table(chart, str)
    out = io.StringIO()
    writer = csvsafe.Writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")
