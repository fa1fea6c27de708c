"""Benchmark: prints build figures for the sample (S). Not part of the test suite's pass/fail.

Run with `scripts/benchmark`. Machines are shared and noisy, so compare figures measured in
the same run (ratios), not against fixed numbers.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")


def _timed(label: str, results: dict[str, float], run: Callable[[], T]) -> T:
    start = time.perf_counter()
    value = run()
    results[label] = time.perf_counter() - start
    return value


def stage_times(plans: Path, cache: Path) -> dict[str, float]:
    """Time each pipeline stage in this process (charts cold, then warm)."""
    from generator.charts.cache import ChartCache
    from generator.charts.jobs import render_all
    from generator.charts.specs import charts_by_page
    from generator.derived import derive_site
    from generator.load import load_plans
    from generator.model import build_model
    from generator.problems import raise_if_errors
    from generator.render.site import render_site
    from generator.validate import validate

    times: dict[str, float] = {}
    loaded = _timed("load", times, lambda: load_plans(plans))
    validated = _timed("validate", times, lambda: validate(loaded))
    raise_if_errors(list(validated.problems))
    site = _timed("model", times, lambda: build_model(validated))
    derived = _timed("derive", times, lambda: derive_site(site))
    by_page = _timed("charts (which, with what data)", times, lambda: charts_by_page(derived))
    specs = [f.chart for fs in by_page.values() for f in fs]
    cold = ChartCache(cache)
    _timed("charts cold", times, lambda: render_all(specs, cold, workers=2))
    warm = ChartCache(cache)
    _timed("charts warm", times, lambda: render_all(specs, warm, workers=2))
    _timed("render", times, lambda: render_site(derived, by_page, workers=2))
    times["charts drawn (cold)"] = cold.rendered
    times["charts reused (warm)"] = warm.reused
    return times


def mkdocs_build(project: Path, config: str = "mkdocs.yml") -> tuple[float, int, str]:
    """Seconds, peak memory (KiB, the build or its chart workers, whichever is larger) and the
    log of `mkdocs build --strict` in a child process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c",
         "import resource, sys\nfrom mkdocs.__main__ import cli\n"
         f"try:\n    cli(['build', '--strict', '-f', {config!r}])\nexcept SystemExit as e:\n    code = e.code\n"
         "peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
         " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
         "print('PEAK', peak, file=sys.stderr)\nsys.exit(code)"],
        cwd=project, env=env, capture_output=True, text=True, check=False,
    )
    seconds = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(result.stderr[-3000:])
    peak = int(next(line.split()[1] for line in result.stderr.splitlines() if line.startswith("PEAK")))
    return seconds, peak, result.stderr


def plain_mkdocs(project: Path) -> float:
    """Seconds for a plain MkDocs build (same theme, no plans plugin) of the generated Markdown."""
    plain = project / "plain"
    docs = plain / "docs"
    subprocess.run([sys.executable, "-m", "generator", "pages", "--plans", str(project / "plans"),
                    str(docs)], check=True, capture_output=True)
    shutil.copytree(project / "content", docs, dirs_exist_ok=True)
    shutil.copytree(project / ".cache", plain / ".cache", dirs_exist_ok=True)
    (plain / "mkdocs.yml").write_text(
        "site_name: Plain\nsite_url: https://plans.example.org/\ndocs_dir: docs\nsite_dir: site\n"
        "theme:\n  name: material\n  font: false\n  custom_dir: ../theme\nplugins: []\n"
        "not_in_nav: |\n  /plans/**\n  /corrections/**\nvalidation:\n  links:\n    not_found: info\n"
        "    anchors: info\n  nav:\n    omitted_files: info\n",
        encoding="utf-8",
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=plain, env=env, check=True,
                   capture_output=True)
    return time.perf_counter() - start


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


def _counting_server(site: Path) -> tuple[Any, str, list[tuple[str, int]]]:
    """Serve `site` gzipped, as static hosts do, noting each file sent and its bytes on the wire
    (the browser's own log misses what Pagefind's Web Worker fetches)."""
    import functools
    import gzip
    import http.server
    import threading

    from tests.lighthouse_scores import COMPRESSED

    sent: list[tuple[str, int]] = []

    class Counting(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            path = Path(self.translate_path(self.path))
            path = path / "index.html" if path.is_dir() else path
            if not path.is_file():
                self.send_error(404)
                return
            body = path.read_bytes()
            gzipped = path.suffix in COMPRESSED  # Pagefind's own files (.pf_*, wasm) come gzipped already
            if gzipped:
                body = gzip.compress(body, 6)
            sent.append((self.path, len(body)))
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            if gzipped:
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Counting, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/", sent


def _network_bytes(site: Path, path: str, query: str) -> tuple[int, int, int]:
    """Bytes a first visit to `path` downloads, how many of them were search files, and the
    bytes one search for `query` in the header box adds (each file once: the browser caches)."""
    from playwright.sync_api import sync_playwright

    from tests.browser import ARGS, CHROMIUM

    server, base, sent = _counting_server(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.goto(base + path, wait_until="networkidle")
            page.wait_for_timeout(500)
            first = list(sent)
            page.click("#cp-search-box")
            page.keyboard.type(query)
            page.wait_for_function("() => document.querySelector('.cp-search .cp-search__count').textContent !== ''")
            page.wait_for_timeout(500)
            browser.close()
    finally:
        server.shutdown()
    search_files = sum(size for url, size in first if "/pagefind/" in url)
    return sum(size for _, size in first), search_files, sum(size for _, size in sent[len(first):])


def search_figures(project: Path, log: str) -> dict[str, float]:
    """Search (Pagefind): index time and size, and what a visitor downloads before and for a search."""
    import re

    site = project / "site"
    index = site / "pagefind"
    seconds = re.search(r"Search: \d+ pages indexed, [\d.]+ MB, in ([\d.]+) s", log)
    figures = {
        "search index time (s)": float(seconds.group(1)) if seconds else float("nan"),
        "search index on disk (KB)": sum(f.stat().st_size for f in index.rglob("*") if f.is_file()) / 1e3,
        "search index files": len([f for f in index.rglob("*") if f.is_file()]),
    }
    plan = sorted(p.name for p in (project / "plans").iterdir() if p.is_dir())[0]
    rec = sorted((site / "plans" / plan / "recommendations").iterdir())[0].name
    for label, path in (("home", ""), ("recommendation", f"plans/{plan}/recommendations/{rec}/")):
        for query in ("19-5", "1-4"):
            first, search_part, search = _network_bytes(site, path, query)
            if query == "19-5":
                figures[f"first visit, {label} (KB gz)"] = first / 1e3
                figures[f"first visit, {label}: of it search files (KB)"] = search_part / 1e3
            figures[f"one search for {query} from {label} (KB gz)"] = search / 1e3
    return figures


def make_project(where: Path, size: str) -> Path:
    """A project of the given size: the sample (S) or synthetic plans (M, L), with an empty cache."""
    from tests.synthetic import SIZES, write_plans

    project = where / size
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    for name in ("content", "theme"):
        shutil.copytree(ROOT / name, project / name)
    if size == "S":
        shutil.copytree(ROOT / "plans", project / "plans")
    else:
        write_plans(project / "plans", SIZES[size])
    return project


def _charts_line(log: str) -> str:
    lines = [line for line in log.splitlines() if "reused from the cache" in line or "Pages:" in line]
    return "; ".join(line.split("-  ", 1)[-1] for line in lines)


def run_size(size: str, where: Path) -> None:
    """Print every figure for one size."""
    project = make_project(where, size)
    print(f"Size {size}", flush=True)
    for label, value in stage_times(project / "plans", where / f"stage-cache-{size}").items():
        unit = "" if "charts " in label and "(" in label else " s"
        print(f"  stage {label:<24} {value:9.3f}{unit}", flush=True)
    cold, cold_mem, cold_log = mkdocs_build(project)
    print(f"  mkdocs build cold            {cold:9.3f} s   peak memory {cold_mem / 1024:.0f} MiB", flush=True)
    print(f"    {_charts_line(cold_log)}", flush=True)
    warm, warm_mem, warm_log = mkdocs_build(project)
    print(f"  mkdocs build warm            {warm:9.3f} s   peak memory {warm_mem / 1024:.0f} MiB", flush=True)
    print(f"    {_charts_line(warm_log)}", flush=True)
    for label, value in search_figures(project, warm_log).items():
        print(f"  {label:<40} {value:9.1f}", flush=True)
    update = sorted((project / "plans").glob("*/updates/*.yaml"))[0]
    update.write_text(update.read_text().replace("commentary:", "commentary: Edited.", 1), encoding="utf-8")
    edit, _, edit_log = mkdocs_build(project)
    print(f"  rebuild after one edit       {edit:9.3f} s   ({_charts_line(edit_log)})", flush=True)
    if size == "S":
        from tests.conftest import make_project as sample_copy
        from tests.test_serve import seconds_until_an_edit_shows

        shown = seconds_until_an_edit_shows(sample_copy(where / "serve"))
        print(f"  mkdocs serve: an edit shows  {shown:9.3f} s", flush=True)
    plain = plain_mkdocs(project)
    print(f"  plain MkDocs, same Markdown  {plain:9.3f} s   ratio ours/plain: cold {cold / plain:.2f}, "
          f"warm {warm / plain:.2f}", flush=True)
    for label, value in site_figures(project / "site").items():
        print(f"  {label:<28} {value:9.1f}", flush=True)
    shutil.rmtree(project)


def run_languages(where: Path) -> None:
    """Print the sample's build times in its council's language alone and in all three (the
    generated pages, charts and feeds are made once per language: time should grow no more
    than linearly)."""
    print("Languages (sample site)", flush=True)
    times: dict[int, tuple[float, float]] = {}
    for count, setting in ((1, "languages: [en]"), (3, "languages: [en, bn, cy]")):
        project = _sample_copy(where, f"lang{count}")
        config = project / "mkdocs.yml"
        config.write_text(re.sub(r"languages: \[[^\]]*\]", setting, config.read_text(encoding="utf-8")),
                          encoding="utf-8")
        cold, cold_mem, _ = mkdocs_build(project)
        warm, _, _ = mkdocs_build(project)
        pages = sum(1 for _ in (project / "site").rglob("index.html"))
        times[count] = (cold, warm)
        print(f"  {count} language(s): cold {cold:7.3f} s, warm {warm:7.3f} s, peak memory "
              f"{cold_mem / 1024:.0f} MiB, {pages} pages", flush=True)
        shutil.rmtree(project)
    print(f"  ratio 3/1: cold {times[3][0] / times[1][0]:.2f}, warm {times[3][1] / times[1][1]:.2f} "
          "(3.00 would be linear)", flush=True)


def _sample_copy(where: Path, name: str) -> Path:
    folder = where / name
    folder.mkdir()
    return make_project(folder, "S")


def run_lighthouse(where: Path) -> None:
    """Print Lighthouse's mobile performance figures for the sample's home, a plan and a recommendation."""
    from tests.lighthouse_scores import scores

    site = where / "lighthouse-site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    print("Lighthouse, mobile (sample site)", flush=True)
    for page, figures in scores(site).items():
        print(f"  {page:<16} " + ", ".join(f"{label} {value:.0f}" if label != "cumulative layout shift"
                                           else f"{label} {value:.3f}" for label, value in figures.items()),
              flush=True)


def main() -> None:
    """Print the figures for each size asked for (default S and M; L takes many minutes), and
    Lighthouse's when `lighthouse` is among them, and the build times in one and three languages
    with `languages`, e.g. `S,M,L,lighthouse,languages`."""
    sizes = sys.argv[1].split(",") if len(sys.argv) > 1 else ["S", "M"]
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            if size == "lighthouse":
                run_lighthouse(Path(tmp))
            elif size == "languages":
                run_languages(Path(tmp))
            else:
                run_size(size, Path(tmp))


if __name__ == "__main__":
    main()
