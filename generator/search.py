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

import gzip
import hashlib
import json
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
    ".cp-dash",                 # the dash shown for "not given in the source"
    ".cp-label",                # "What the 2017/18 Q2 update said", "Contact officer:" before what they label
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
    _sort_filter_list(out)
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


SIGNATURE = b"pagefind_dcd"
"""How each of Pagefind's index files begins, once unzipped (then CBOR)."""
FILTERS_FIELD = 3
"""Where the list of filters is in Pagefind's metadata file (`MetaIndex.filters`)."""


def _sort_filter_list(out: Path) -> None:
    """Pagefind 1.5.2 lists the filters in its metadata file (`pagefind.<hash>.pf_meta`) in a
    random order (later versions sort them), so two builds of the same commit would differ.
    Sort that list and name the file after its content, as Pagefind does; the entry file
    points to it. Everything else Pagefind writes is already the same from build to build."""
    entry_file = out / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        old = out / f"pagefind.{info['hash']}.pf_meta"
        data = gzip.decompress(old.read_bytes())
        if not data.startswith(SIGNATURE):
            raise SearchIndexError(f"Pagefind wrote {old.name} in a form this generator does not know.")
        fields, _ = _cbor_array(data, len(SIGNATURE))
        start, end = fields[FILTERS_FIELD]
        filters, _ = _cbor_array(data, start)
        header = data[start:filters[0][0]] if filters else data[start:end]
        ordered = header + b"".join(sorted(data[a:b] for a, b in filters))
        data = data[:start] + ordered + data[end:]
        name = f"{language}_{hashlib.sha256(data).hexdigest()[:10]}"
        old.unlink()
        (out / f"pagefind.{name}.pf_meta").write_bytes(gzip.compress(data, 9, mtime=0))
        info["hash"] = name
    # Pagefind lists a site's languages in a random order too.
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _cbor_array(data: bytes, at: int) -> tuple[list[tuple[int, int]], int]:
    """Where each element of the CBOR array at `at` starts and ends, and where the array ends."""
    count, at = _cbor_head(data, at, 4)
    spans = []
    for _ in range(count):
        end = _cbor_end(data, at)
        spans.append((at, end))
        at = end
    return spans, at


def _cbor_head(data: bytes, at: int, major: int | None = None) -> tuple[int, int]:
    info = data[at] & 31
    if (major is not None and data[at] >> 5 != major) or info > 27:
        raise SearchIndexError("Pagefind wrote its metadata file in a form this generator does not know.")
    if info < 24:
        return info, at + 1
    size = 1 << (info - 24)
    return int.from_bytes(data[at + 1:at + 1 + size], "big"), at + 1 + size


def _cbor_end(data: bytes, at: int) -> int:
    """Where the CBOR item at `at` ends (Pagefind writes definite lengths only)."""
    major = data[at] >> 5
    value, at = _cbor_head(data, at)
    if major in (2, 3):  # bytes, text
        return at + value
    if major in (4, 5):  # array, map
        for _ in range(value * (2 if major == 5 else 1)):
            at = _cbor_end(data, at)
    elif major == 6:  # tagged item
        at = _cbor_end(data, at)
    return at


def _count(log: str, what: str) -> int:
    match = re.search(rf"Indexed (\d+) {what}", log)
    return int(match.group(1)) if match else 0
