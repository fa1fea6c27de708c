"""Stage 7, write: put generated pages and files on disk, whole or not at all."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml

from generator.pages import Output, Page


def page_markdown(page: Page, body: bool = True) -> str:
    """A page as a Markdown file: YAML front matter, then (unless `body` is false) the HTML body,
    which is valid Markdown."""
    meta: dict[str, object] = {"title": page.title, "description": page.description}
    if page.feed:
        meta["plan_feed"] = page.feed
    if not page.in_search:
        meta["search"] = {"exclude": True}
    elif page.search_boost is not None:
        meta["search"] = {"boost": page.search_boost}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, width=1000)
    return f"---\n{front}---\n\n{page.html if body else ''}"


def write_output(output: Output, out: Path) -> None:
    """Write every page and asset into `out`, replacing it only once all are written."""
    write_tree(out, lambda staging: _fill(output, staging))


def write_tree(out: Path, fill: Callable[[Path], None]) -> None:
    """Build a folder next to `out`, then swap it into place; on failure `out` is untouched."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-", dir=out.parent))
    try:
        fill(staging)
        swap_into_place(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def swap_into_place(staging: Path, out: Path) -> None:
    """Replace `out` by `staging` with renames, so readers never see a half-written folder."""
    old = out.with_name(f".{out.name}-old-{os.getpid()}")
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def _fill(output: Output, root: Path) -> None:
    for page in output.pages:
        _write(root / page.src_uri, page_markdown(page).encode("utf-8"))
    for asset in output.assets:
        asset.write(root)


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
