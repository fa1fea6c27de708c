"""Stage 7, write: put generated pages and files on disk, whole or not at all."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml

from generator import forked
from generator.pages import Asset, Output, Page
from generator.sitedir import stage, swap_into_place
from generator.text import escape


def page_meta(page: Page) -> dict[str, object]:
    """What MkDocs reads from a page's front matter: title, description, feed, and how search
    indexes it (`index`, read by `theme/main.html`; false keeps it out).

    Title and description are escaped: MkDocs and Material insert them as HTML (in `<title>`,
    the meta description and the page header)."""
    meta: dict[str, object] = {"title": escape(page.title), "description": escape(page.description)}
    if page.feed:
        meta["plan_feed"] = page.feed
    meta["index"] = {"kind": page.index.kind, "weight": page.index.weight, "plan": page.index.plan,
                     "plan_id": page.index.plan_id} if page.index is not None else False
    if page.language:
        meta["language"] = page.language
        meta["alternates"] = [{"lang": a.language, "name": a.name, "url": a.url} for a in page.alternates]
    if page.prefix:
        meta["prefix"] = page.prefix
    if page.words:
        meta["words"] = dict(page.words)
    return meta


def page_markdown(page: Page) -> str:
    """A page as a Markdown file: YAML front matter, then the HTML body (valid Markdown)."""
    front = yaml.safe_dump(page_meta(page), allow_unicode=True, sort_keys=True, width=1000)
    return f"---\n{front}---\n\n{page.html}"


def write_output(output: Output, out: Path) -> None:
    """Write every page and asset into `out`, replacing it only once all are written."""
    write_tree(out, lambda staging: _fill(output, staging))


def write_tree(out: Path, fill: Callable[[Path], None]) -> None:
    """Build a folder next to `out`, then swap it into place; on failure `out` is untouched."""
    staging = stage(out)
    try:
        fill(staging)
        swap_into_place(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _fill(output: Output, root: Path) -> None:
    for page in output.pages:
        _write(root / page.src_uri, page_markdown(page).encode("utf-8"))
    write_assets(output.assets, root)


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


PARALLEL_ASSETS = 500
"""`write_assets` writes in forked workers only when there are more files than this."""


def write_assets(assets: Sequence[Asset], root: Path, workers: int = 1) -> None:
    """Write every asset under `root`, in forked workers when there are many (the downloads of
    a large site take a while to produce)."""
    if workers > 1 and len(assets) > PARALLEL_ASSETS and forked.can_fork():
        step = max(1, len(assets) // (workers * 8))
        chunks = [range(i, min(i + step, len(assets))) for i in range(0, len(assets), step)]

        def write_chunk(chunk: range) -> None:
            for i in chunk:
                assets[i].write(root)

        forked.map_forked(write_chunk, chunks, workers)
    else:
        for asset in assets:
            asset.write(root)
