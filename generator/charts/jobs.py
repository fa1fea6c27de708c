"""Charts: draw draw the charts the cache lacks, in background processes.

Drawing is the slowest part of a first build (thousands of charts on a large site), and pages
do not need the drawings, only the charts' data. So `start` hands the missing drawings to
worker processes and returns at once; the pages are rendered and built meanwhile, and the
writer calls `Drawing.wait` before copying the drawings into the site.

Workers fork from a server process that has imported matplotlib once (about half a second
saved per worker). The parent starts no threads, so it can still fork its own workers later.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from multiprocessing.process import BaseProcess
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path

from generator import forked
from generator.charts.cache import ChartCache, store
from generator.charts.kinds import Chart
from generator.charts.svg import svg_bytes

BACKGROUND_FROM = 9
"""Fewer missing drawings than this are drawn at once, in this process (starting workers would
cost more)."""

_PRELOAD = ["generator.charts.svg", "generator.charts.drawing", "matplotlib.figure", "matplotlib.backends.backend_svg",
            "matplotlib.patches", "matplotlib.ticker"]


class Drawing:
    """The charts of one build: where each one's SVG is, and the drawings still being made."""

    def __init__(self, paths: dict[str, Path], to_draw: int, reused: int,
                 processes: Sequence[BaseProcess] = (), done: Synchronized[int] | None = None) -> None:
        self.paths = paths
        """Slug -> the chart's SVG file in the cache (present once `wait` has returned)."""
        self.to_draw = to_draw
        """How many drawings the cache lacked (identical charts are drawn once)."""
        self.reused = reused
        """How many charts needed no new drawing: already in the cache, or identical to another."""
        self._processes = list(processes)
        self._done = done

    @property
    def drawn(self) -> int:
        """How many of the missing drawings are finished so far."""
        if self._done is None:
            return self.to_draw
        return int(self._done.value)

    def wait(self) -> None:
        """Return once every drawing is in the cache; raise `RuntimeError` if a worker failed."""
        for process in self._processes:
            process.join()
        failed = [p for p in self._processes if p.exitcode != 0]
        self._processes = []
        if failed:
            raise RuntimeError(f"{len(failed)} chart drawing worker(s) failed; see the messages above")

    def stop(self) -> None:
        """Abandon the drawings still being made (the build is being abandoned)."""
        for process in self._processes:
            process.terminate()
            process.join()
        self._processes = []


def start(charts: Sequence[Chart], cache: ChartCache, workers: int = 1) -> Drawing:
    """Start drawing every chart the cache lacks; a handful are drawn before returning."""
    by_slug: dict[str, Chart] = {}
    pending: dict[Path, Chart] = {}
    for chart in charts:
        if by_slug.setdefault(chart.slug, chart) != chart:
            raise ValueError(f"two different charts share the slug {chart.slug!r}")
        path = cache.path(chart)
        if not path.is_file():
            pending.setdefault(path, chart)
    paths = {slug: cache.path(chart) for slug, chart in by_slug.items()}
    reused = len(paths) - len(pending)
    cache.reused += reused
    cache.rendered += len(pending)
    jobs = list(pending.items())
    if len(jobs) < BACKGROUND_FROM or workers < 2:
        _draw(jobs)
        return Drawing(paths, len(jobs), reused)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload(_PRELOAD)
    done = context.Value("i", 0)
    processes = [context.Process(target=_draw, args=(jobs[i::workers], done), daemon=True)  # type: ignore[attr-defined]
                 for i in range(min(workers, len(jobs)))]
    for process in processes:
        process.start()
    return Drawing(paths, len(jobs), reused, processes, done)


def render_all(charts: Sequence[Chart], cache: ChartCache, workers: int = 1) -> dict[str, Path]:
    """Slug -> the SVG file in the cache for every chart, drawing what the cache lacks first."""
    drawing = start(charts, cache, workers)
    drawing.wait()
    return drawing.paths


def _draw(jobs: Sequence[tuple[Path, Chart]], done: Synchronized[int] | None = None) -> None:
    if done is not None:
        forked.exit_with_parent()  # a killed build leaves no worker drawing on
    if done is not None and hasattr(os, "nice"):
        # A background worker yields to the build: while pages are rendered on both cores it
        # waits, and it draws on the core MkDocs leaves idle while it builds pages one by one.
        os.nice(10)
    for path, chart in jobs:
        store(path, svg_bytes(chart))
        if done is not None:
            with done.get_lock():
                done.value += 1
