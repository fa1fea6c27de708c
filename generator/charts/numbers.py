"""The table of exactly the numbers a chart draws, for an HTML table and the CSV download."""

from __future__ import annotations

import io

from generator import csvsafe, scale
from generator.charts.kinds import Chart, StatusChart
from generator.schema import Scale


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
    order = list(found)
    return sorted(found, key=lambda label: (scale.position(found[label]), order.index(label)))


def csv_bytes(chart: Chart) -> bytes:
    """The chart's table as CSV: UTF-8, `\\n` line ends, header row first."""
    header, rows = table(chart)
    out = io.StringIO()
    writer = csvsafe.Writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")
