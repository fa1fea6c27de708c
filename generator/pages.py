"""What the render stage produces: pages and files, independent of any site builder."""

from __future__ import annotations

import shutil
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.i18n.active import N_


@dataclass(frozen=True)
class TocEntry:
    """A heading on a page, for the page's table of contents."""

    level: int
    id: str
    title: str
    children: tuple[TocEntry, ...] = ()


@dataclass(frozen=True)
class SourceRef:
    """The file (and line) holding what a page shows, for "edit this" links."""

    path: Path
    line: int = 1


@dataclass(frozen=True)
class RepoLinks:
    """Where the site's repository shows and edits files, e.g. on GitHub."""

    root: Path
    view_base: str
    """e.g. `https://github.com/council/plans/blob/main/`"""
    edit_base: str
    """e.g. `https://github.com/council/plans/edit/main/`"""

    def relative(self, path: Path) -> str:
        """The file's path inside the repository."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.name

    def view(self, ref: SourceRef) -> str:
        """A link that shows the file at the line."""
        return f"{self.view_base}{self.relative(ref.path)}" + (f"#L{ref.line}" if ref.line > 1 else "")

    def edit(self, ref: SourceRef) -> str:
        """A link that opens the file in the web editor."""
        return f"{self.edit_base}{self.relative(ref.path)}"


LATEST = N_("Latest position")
UPDATE = N_("Quarterly update")
GUIDE = N_("Guide")
"""The kinds of page a search can be narrowed to (Markdown pages are guides: `theme/main.html`)."""
ARCHIVED = 0.5
"""The weight of the words of an earlier update's page: found, but below the latest position."""


@dataclass(frozen=True)
class Indexing:
    """How the search index (Pagefind) reads a page: its body is indexed with this weight, and
    a search can be narrowed to its plan and kind.

    Each filter is written as its own Pagefind filter with one value (`kind Guide: Guide`,
    `plan bvip-2017-18: Best Value …`): Pagefind 1.5.2 writes the values of one filter in a
    random order, which would make two builds of the same commit differ."""

    kind: str = LATEST
    """Which kind of page it is: `LATEST`, `UPDATE` or `GUIDE`."""
    weight: float = 1.0
    """Pagefind's weight for the page's words (1 is normal; `ARCHIVED` for earlier updates)."""
    plan: str = ""
    """The title of the plan the page belongs to, if one."""
    plan_id: str = ""
    """That plan's id."""


@dataclass(frozen=True)
class Alternate:
    """The page in one of the site's languages."""

    language: str
    """Its language tag: `en`, `bn`, `cy`."""
    name: str
    """The language's name in itself: "বাংলা", "Cymraeg"."""
    url: str
    """Its address."""


@dataclass(frozen=True)
class Page:
    """A generated page: its address, its title, and its body as HTML."""

    url: str
    title: str
    description: str
    html: str
    toc: tuple[TocEntry, ...] = ()
    sources: tuple[Path, ...] = ()
    index: Indexing | None = Indexing()
    """How search indexes the page; None keeps it out (its text is already on another page)."""
    source_refs: tuple[SourceRef, ...] = ()
    """The files and lines that hold what this page shows, most specific first."""
    feed: str = ""
    """The address of the Atom feed of the plan this page belongs to, advertised in its head."""
    as_at: str = ""
    """Which update the page shows, e.g. "2017/18 Q2 (14th September 2017)", printed on paper copies."""
    packed: bytes = b""
    """The body, compressed, when `html` has been packed away (see `pack`)."""
    language: str = ""
    """The language the page is written in (`bn`), where the site has more than one."""
    alternates: tuple[Alternate, ...] = ()
    """The same page in each of the site's languages, itself included (for `hreflang` links)."""
    prefix: str = ""
    """Where the page's language's copy of the site is (`bn/`): the theme's search box and feed
    link go to that language's search page and feed."""
    words: tuple[tuple[str, str], ...] = ()
    """The theme's own words (search box, buttons) in the page's language, by key."""

    def pack(self) -> Page:
        """This page with its body compressed: a large site's pages then take a tenth of the memory
        while MkDocs builds them one by one."""
        return replace(self, html="", packed=zlib.compress(self.html.encode("utf-8"), 1))

    def body(self) -> str:
        """The page's HTML body, unpacked if need be."""
        return zlib.decompress(self.packed).decode("utf-8") if self.packed else self.html

    @property
    def src_uri(self) -> str:
        """The page as a Markdown file path, e.g. `plans/cpc-2023/index.md`."""
        return (self.url + "index.md") if self.url else "index.md"


@dataclass(frozen=True)
class Asset:
    """A generated file that is not a page (a chart, a CSV download).

    Its bytes are given in one of three ways: `content`; `source`, a file to copy (a chart drawn
    into the cache); or `make`, which produces them in pieces only when the file is written, so a
    large site's downloads are never all in memory at once."""

    path: str
    content: bytes = b""
    source: Path | None = None
    make: Callable[[], Iterable[bytes]] | None = field(default=None, compare=False)

    def data(self) -> bytes:
        """The file's bytes."""
        if self.source is not None:
            return self.source.read_bytes()
        if self.make is not None:
            return b"".join(self.make())
        return self.content

    def write(self, root: Path) -> None:
        """Write the file under `root`, one piece at a time."""
        target = root / self.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if self.source is not None:
            shutil.copyfile(self.source, target)
            return
        with target.open("wb") as out:
            for piece in self.make() if self.make is not None else (self.content,):
                out.write(piece)


@dataclass(frozen=True)
class Output:
    """Everything the generator produces for the site."""

    pages: tuple[Page, ...]
    assets: tuple[Asset, ...]
    home_html: str
    languages_html: str = ""
    """Links to the home page in the site's other languages, for hand-written pages (`content.finish_page`)."""
