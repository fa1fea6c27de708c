"""Real headless Chromium for the browser tests (Debian's `chromium`, driven by Playwright)."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, public_pages

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
INSTALL_HINT = ("Install the browser checks with `sudo apt-get install chromium default-jre-headless` and "
                "`npm ci` (scripts/test does the npm part).")


def require(*paths: Path | str) -> None:
    """Skip (or under CI=true fail) when a browser-check tool is missing, saying how to install it."""
    missing = [str(p) for p in paths if not (Path(p).exists() or shutil.which(str(p)))]
    if not missing:
        return
    message = f"Missing {', '.join(missing)}. {INSTALL_HINT}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def chromium(*needs: Path | str) -> Iterator[Any]:
    """Headless Chromium (the Debian package, driven by Playwright) for the duration of the block;
    the test is skipped, or fails on CI, when it or one of `needs` is missing."""
    require(CHROMIUM, *needs)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 (a free port) for the duration of the block."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def pagefind_search(site: Path, queries: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Each query run on the site's search index by Pagefind's own script in Chromium: every page
    found, best first, with its address, title, plan, kind, filters and sub-results (title,
    address, plain-text snippet)."""
    found: dict[str, list[dict[str, Any]]] = {}
    with serve(site) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(base + "pagefind/pagefind-entry.json")
        for query in queries:
            found[query] = page.evaluate("""async query => {
                const pagefind = await import('/pagefind/pagefind.js');
                const search = await pagefind.search(query);
                return Promise.all(search.results.map(async result => {
                    const d = await result.data();
                    return {url: d.url, title: d.meta.title, plan: d.meta.plan || '', excerpt: d.plain_excerpt,
                            kind: Object.keys(d.filters).filter(k => k.startsWith('kind ')).map(k => k.slice(5))[0],
                            filters: d.filters,
                            sub_results: d.sub_results.map(
                                s => ({url: s.url, title: s.title, excerpt: s.plain_excerpt}))};
                }));
            }""", query)
        browser.close()
    return found


def page_urls(site: Path) -> list[str]:
    """Every public HTML page of the site as a URL path (directory style)."""
    paths = []
    for page in public_pages(site):
        rel = page.relative_to(site).as_posix()
        paths.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return paths
