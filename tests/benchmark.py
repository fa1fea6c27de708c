"""Benchmark: prints build figures for the sample (S). Not part of the test suite's pass/fail.

Run with `scripts/benchmark`. Machines are shared and noisy, so compare figures measured in
the same run (ratios), not against fixed numbers.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")


def _timed(label: str, results: dict[str, float], run: Callable[[], T]) -> T:
    start = time.perf_counter()
    value = run()
    results[label] = time.perf_counter() - start
    return value


def stage_times(plans: Path, cache: Path) -> dict[str, float]:
    """Time each pipeline stage in this process (charts cold, then warm)."""
    from generator import charts, chartspecs
    from generator.load import load_plans
    from generator.model import build_model
    from generator.problems import raise_if_errors
    from generator.render import render_site
    from generator.validate import validate

    times: dict[str, float] = {}
    loaded = _timed("load", times, lambda: load_plans(plans))
    validated = _timed("validate", times, lambda: validate(loaded))
    raise_if_errors(list(validated.problems))
    site = _timed("model", times, lambda: build_model(validated))
    by_page = _timed("derive (chart data)", times, lambda: chartspecs.charts_by_page(site))
    specs = [f.chart for fs in by_page.values() for f in fs]
    cold = charts.ChartCache(cache)
    _timed("charts cold", times, lambda: charts.render_all(specs, cold, workers=2))
    warm = charts.ChartCache(cache)
    _timed("charts warm", times, lambda: charts.render_all(specs, warm, workers=2))
    _timed("render", times, lambda: render_site(site, by_page))
    times["charts drawn (cold)"] = cold.rendered
    times["charts reused (warm)"] = warm.reused
    return times


def mkdocs_build(project: Path) -> tuple[float, int]:
    """Seconds and peak memory (KiB) of `mkdocs build --strict` in a child process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c",
         "import resource, sys\nfrom mkdocs.__main__ import cli\n"
         "try:\n    cli(['build', '--strict', '-q'])\nexcept SystemExit as e:\n    code = e.code\n"
         "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\nsys.exit(code)"],
        cwd=project, env=env, capture_output=True, text=True, check=False,
    )
    seconds = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(result.stderr)
    return seconds, int(result.stderr.strip().splitlines()[-1])


def site_figures(site: Path) -> dict[str, float]:
    """Page count and sizes of the built site."""
    pages = [p.stat().st_size for p in site.rglob("*.html")]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return {
        "pages (html)": len(pages),
        "site size (MB)": total / 1e6,
        "median page (KB)": statistics.median(pages) / 1e3,
        "largest page (KB)": max(pages) / 1e3,
        "charts (svg)": len(list(site.rglob("*.svg"))),
    }


def sample_project(where: Path) -> Path:
    """A copy of the sample project with an empty chart cache."""
    project = where / "sample"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    for name in ("content", "theme", "plans"):
        shutil.copytree(ROOT / name, project / name)
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    return project


def main() -> None:
    """Print the figures for size S."""
    with tempfile.TemporaryDirectory() as tmp:
        project = sample_project(Path(tmp))
        print("Size S (the sample)")
        for label, value in stage_times(project / "plans", Path(tmp) / "stage-cache").items():
            print(f"  stage {label:<24} {value:8.3f}" + ("" if "charts " in label and "(" in label else " s"))
        cold, cold_mem = mkdocs_build(project)
        warm, warm_mem = mkdocs_build(project)
        update = project / "plans/bvip-2017-18/updates/2017-18-q2.yaml"
        update.write_text(update.read_text().replace("Initial meetings", "First meetings", 1))
        edit, _ = mkdocs_build(project)
        print(f"  mkdocs build cold            {cold:8.3f} s   peak memory {cold_mem / 1024:.0f} MiB")
        print(f"  mkdocs build warm            {warm:8.3f} s   peak memory {warm_mem / 1024:.0f} MiB")
        print(f"  rebuild after one edit       {edit:8.3f} s")
        for label, value in site_figures(project / "site").items():
            print(f"  {label:<28} {value:8.1f}")


if __name__ == "__main__":
    main()
