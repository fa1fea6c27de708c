"""Pages as MkDocs wants them: a generated page's table of contents as MkDocs' own objects,
and a hand-written page's title and contents escaped where MkDocs inserts them as HTML."""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import TableOfContents, get_toc

from generator import text
from generator.pages import TocEntry


def toc(entries: tuple[TocEntry, ...]) -> TableOfContents:
    """A generated page's table of contents, made by MkDocs from the tokens its Markdown
    extension gives it (names as escaped HTML)."""
    return get_toc([_token(entry) for entry in entries])


def _token(entry: TocEntry) -> Any:  # MkDocs' `_TocToken`, a TypedDict it does not export
    return {"level": entry.level, "id": entry.id, "name": html.escape(entry.title),
            "children": [_token(child) for child in entry.children]}


def escape_titles(page: MkDocsPage) -> None:
    """A hand-written page's title and table of contents as escaped text. MkDocs takes them from
    headings as HTML, and Material's `<title>` unescapes a title that is not set in front
    matter (`striptags`), so the title is set there, escaped (the home page's `<title>` is the
    site's name)."""
    if "title" not in page.meta and page.title and not page.is_homepage:
        page.meta["title"] = text.heading_text(page.title)
    for anchor in _anchors(page.toc):
        anchor.title = text.heading_text(anchor.title)


def _anchors(items: Any) -> Iterator[Any]:
    for item in items:
        yield item
        yield from _anchors(item.children)
