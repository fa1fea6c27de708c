"""Drawings kept on disk, keyed by a hash of the chart's data and the drawing style, so an
unchanged chart is never drawn twice (identical charts on two pages are drawn once)."""

from __future__ import annotations

import dataclasses
import hashlib
from importlib import metadata
from pathlib import Path

from generator.charts.kinds import Chart
from generator.files import write_atomic

STYLE_VERSION = "8"
"""Bump whenever the drawing code changes, so cached SVGs are drawn again."""


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
        and the matplotlib version. Identical charts on two pages are drawn once. The data holds
        the chart's language, so a chart drawn with Bengali words is not taken for the English one."""
        drawn = dataclasses.replace(chart, slug="")
        return hashlib.sha256((repr(drawn) + "\n" + self._salt).encode("utf-8")).hexdigest()

    def path(self, chart: Chart) -> Path:
        """Where the chart's SVG is (or will be) stored."""
        return self.folder / f"{self.key(chart)}.svg"


def store(path: Path, svg: bytes) -> None:
    """Put a drawing in the cache folder, whole (a worker killed half-way leaves no half drawing)."""
    write_atomic(path, svg)
