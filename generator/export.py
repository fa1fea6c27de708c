"""The whole site as a folder of finished pages, for an engine that is not a plugin host.

Every page is written as Markdown holding HTML (YAML front matter, then the page's body): the
generated pages as rendered, and the hand-written pages of `content/` turned into HTML here,
with the same Markdown extensions the site's configuration names, then finished as every engine
finishes them (`content.finish_page`: cleaned, contact details, plans overview, "last changed").
Links between hand-written pages (`about.md`) become the pages' addresses (`../about/`), as
MkDocs makes them. Drafts are left out. The charts, downloads and feeds are written beside them.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import markdown
import yaml

from generator import contact, text, urls
from generator.content import finish_page, published_pages
from generator.gitinfo import History
from generator.pages import GUIDE, Indexing, Output, Page, TocEntry
from generator.render.site import last_updated_html
from generator.write import page_markdown, write_assets

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?\n", re.S | re.M)
_LINK = re.compile(r'(href|src)="(?![a-z][a-z0-9+.-]*:|/|#)([^"#?]*\.md)((?:#[^"]*)?)"')
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)


BUILT_IN = ("toc", "tables", "fenced_code")
"""The Markdown the site's pages are written in has these whatever the configuration adds
(as MkDocs gives every site)."""


@dataclass(frozen=True)
class MarkdownSettings:
    """How hand-written pages are turned into HTML: the site configuration's extensions."""

    extensions: Sequence[str]
    configs: Mapping[str, Mapping[str, Any]]


def page_url(src: str) -> str:
    """The address of the hand-written page at `src` (a path in `content/`): `about.md` →
    `about/`, `index.md` → `` (the home page), `guides/index.md` → `guides/`."""
    path = PurePosixPath(src)
    stem = path.parent if path.name == "index.md" else path.with_suffix("")
    return "" if str(stem) == "." else f"{stem.as_posix()}/"


def content_page(content_dir: Path, src: str, settings: MarkdownSettings, home_html: str, contact_html: str,
                 history: History | None, languages_html: str = "") -> Page:
    """One hand-written page, finished: its title and description from its front matter (or its
    first heading), its body as HTML."""
    source = (content_dir / src).read_text(encoding="utf-8")
    front = _FRONT_MATTER.match(source)
    meta: dict[str, Any] = {}
    if front:
        loaded = yaml.safe_load(front.group(1))
        meta = loaded if isinstance(loaded, dict) else {}
        source = source[front.end():]
    converter = markdown.Markdown(extensions=list(dict.fromkeys((*BUILT_IN, *settings.extensions))),
                                  extension_configs={k: dict(v) for k, v in settings.configs.items()})
    url = page_url(src)
    body = _LINK.sub(lambda m: f'{m.group(1)}="{_link(url, src, m.group(2))}{m.group(3)}"', converter.convert(source))
    heading = _H1.search(body)
    title = str(meta.get("title") or (text.heading_text(heading.group(1)) if heading else src))
    changed = history.last_changed([content_dir / src]) if history is not None else None
    body = finish_page(body, home=src == "index.md", home_html=home_html, contact_html=contact_html,
                       changed_html=last_updated_html(changed), languages_html=languages_html)
    toc = tuple(TocEntry(level, anchor, text.heading_text(name)) for level, anchor, name in _headings(body))
    return Page(url, title, str(meta.get("description") or ""), body, toc, (content_dir / src,), index=Indexing(GUIDE))


def _link(page: str, src: str, target: str) -> str:
    resolved = PurePosixPath(src).parent / target
    parts: list[str] = []
    for part in resolved.parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return urls.relative(page, page_url("/".join(parts)))


def _headings(body: str) -> list[tuple[int, str, str]]:
    return [(int(level), anchor, name) for level, anchor, name
            in re.findall(r'<h([2-3]) id="([^"]+)"[^>]*>(.*?)</h\1>', body, re.S)]


def export_site(output: Output, content_dir: Path, out: Path, settings: MarkdownSettings,
                site_contact: contact.Contact, history: History | None) -> int:
    """Make `out` hold every page (generated and hand-written) and every file, and nothing else;
    returns the number of pages. Only files that changed are written, and only files that went
    are removed, so an engine watching `out` rebuilds only what changed."""
    fresh = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-", dir=out.parent if out.parent.exists() else None))
    try:
        contact_html = contact.contact_html(site_contact)
        written = 0
        for src in published_pages(content_dir):
            page = content_page(content_dir, src, settings, output.home_html, contact_html, history,
                                output.languages_html)
            _write(fresh / src, page_markdown(page))
            written += 1
        for page in output.pages:
            _write(fresh / page.src_uri, page_markdown(page))
            written += 1
        for static in sorted(p for p in content_dir.rglob("*") if p.is_file() and p.suffix != ".md"):
            _write_bytes(fresh / static.relative_to(content_dir), static.read_bytes())
        write_assets(output.assets, fresh)
        _sync(fresh, out)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    return written


def _sync(source: Path, target: Path) -> None:
    """Make `target` a copy of `source`, touching only the files that differ."""
    target.mkdir(parents=True, exist_ok=True)
    wanted = {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
    for old in sorted(target.rglob("*"), reverse=True):
        relative = old.relative_to(target)
        if old.is_file() and relative not in wanted:
            old.unlink()
        elif old.is_dir() and not any(old.iterdir()):
            old.rmdir()
    for relative in sorted(wanted):
        new, there = source / relative, target / relative
        if not there.is_file() or there.read_bytes() != new.read_bytes():
            there.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(new, there)


def _write(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")


def _write_bytes(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
