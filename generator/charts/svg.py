"""A chart as a reproducible SVG file, named by its title and described by its sentence."""

from __future__ import annotations

from xml.sax.saxutils import escape

from generator.charts import drawing
from generator.charts.kinds import Chart
from generator.charts.words import summary


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
