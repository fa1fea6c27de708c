"""What the render stage produces: pages and files, independent of any site builder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class TocEntry:
    """A heading on a page, for the page's table of contents."""

    level: int
    id: str
    title: str
    children: tuple[TocEntry, ...] = ()


@dataclass(frozen=True)
class Page:
    """A generated page: its address, its title, and its body as HTML."""

    url: str
    title: str
    description: str
    html: str
    toc: tuple[TocEntry, ...] = ()
    sources: tuple[Path, ...] = ()
    search_boost: float | None = None

    @property
    def src_uri(self) -> str:
        """The page as a Markdown file path, e.g. `plans/cpc-2023/index.md`."""
        return (self.url + "index.md") if self.url else "index.md"


@dataclass(frozen=True)
class Asset:
    """A generated file that is not a page (a chart, a CSV download)."""

    path: str
    content: bytes


@dataclass(frozen=True)
class Output:
    """Everything the generator produces for the site."""

    pages: tuple[Page, ...]
    assets: tuple[Asset, ...]
    home_html: str
