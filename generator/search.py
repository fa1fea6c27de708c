"""Search: index a folder of written HTML pages with Pagefind.

Engine-neutral: it reads only the finished site, so any builder that writes HTML (MkDocs today)
calls `index_site` once its pages are on disk. Pagefind splits the index into small fragments a
visitor's browser fetches only for the words searched, so what a search downloads stays about
the same however large the site grows (Material's built-in search sent every visitor the whole
index, 20 MB on a 40-plan site).

What is indexed is marked in the pages themselves with Pagefind's attributes: the page body
(`data-pagefind-body`, left out on pages that repeat others, such as meeting packs), its weight,
its filters (plan, status, kind of page) and metadata; see `theme/main.html` and the item
tables in `generator/templates/_macros.html` (an action with milestones has a heading id ending
in `-heading`, as Pagefind links only to headings). The parts of a page no reader searches for
are listed once, here, in `NOT_INDEXED`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

INDEX_FOLDER = "pagefind"
"""Where the index and Pagefind's search script are written, inside the site (`/pagefind/`)."""

NOT_INDEXED = (
    ".cp-breadcrumbs",          # the trail repeats the plan and recommendation names on every page
    ".cp-print-address",        # the permanent address, printed on paper only
    ".cp-chart__data",          # the numbers behind a chart (the sentence above it says what they show)
    ".cp-history",              # an item's status in every update, repeated on the update pages
    ".cp-downloads",            # download links
    ".cp-chart__download",      # "Download the numbers in …"
    ".cp-updated",              # "Page last changed on …"
    ".cp-source-files",         # links to the YAML behind the page
    ".cp-visually-hidden",      # words for screen readers that repeat what the page shows
    ".cp-links",                # an item's permanent link, repeated from its heading
    ".cp-more > summary",       # "Key milestone 19-5: what 2017/18 Q2 said, notes, link"
    ".md-source-file",
)
"""CSS selectors of what stays out of the index and out of result snippets."""

UNUSED_BUNDLES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                  "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
"""Pagefind's ready-made interfaces, not used: the site's own script (`search.js`) shows results."""


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message says why and what to do."""


@dataclass(frozen=True)
class IndexReport:
    """What one run of the indexer did."""

    pages: int
    words: int
    seconds: float
    bytes: int
    """Size of the index folder on disk."""


def index_site(site: Path) -> IndexReport:
    """Index every page of the written site in `site` into `site/pagefind/`, replacing any
    index already there. Deterministic: the same pages give the same files, byte for byte."""
    started = time.perf_counter()
    if not site.is_dir():
        raise SearchIndexError(f"There is no site folder at {site} to index.")
    out = site / INDEX_FOLDER
    if out.exists():
        shutil.rmtree(out)
    command = [str(_executable()), "--site", str(site), "--output-subdir", INDEX_FOLDER,
               "--exclude-selectors", ", ".join(NOT_INDEXED)]
    try:
        # cwd: Pagefind reads a pagefind.yml/json/toml from its working folder; the site has none.
        result = subprocess.run(command, cwd=site, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise SearchIndexError(f"Could not run Pagefind ({exc}). {_REINSTALL}") from None
    if result.returncode != 0:
        lines = [line.strip() for line in (result.stderr or result.stdout).splitlines() if line.strip()]
        detail = " ".join(dict.fromkeys(lines[-4:]))  # Pagefind repeats its error line
        raise SearchIndexError(f"Pagefind could not index the site. {detail}")
    for name in UNUSED_BUNDLES:
        (out / name).unlink(missing_ok=True)
    return IndexReport(pages=_count(result.stdout, "pages"), words=_count(result.stdout, "words"),
                       seconds=time.perf_counter() - started,
                       bytes=sum(f.stat().st_size for f in out.rglob("*") if f.is_file()))


_REINSTALL = "Install the project's dependencies again: scripts/setup (it installs pagefind[bin])."


def _executable() -> Path:
    try:
        import pagefind_bin  # the binary's wheel (`pagefind[bin]`), pinned in constraints.txt
    except ImportError:
        raise SearchIndexError(f"Pagefind is not installed. {_REINSTALL}") from None
    try:
        return Path(pagefind_bin.get_executable())
    except FileNotFoundError:
        raise SearchIndexError(f"Pagefind's program is missing from its package. {_REINSTALL}") from None


def _count(log: str, what: str) -> int:
    match = re.search(rf"Indexed (\d+) {what}", log)
    return int(match.group(1)) if match else 0
