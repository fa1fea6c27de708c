"""Hand-written pages (`content/`): which of them are published, and what is added to them.

A page is a draft, built by the live preview but never published (not in the pages, the
search index or the sitemap), when its front matter says `draft: true` or it sits in a folder
named `drafts`. Symbolic links are refused: a link could publish a file from outside the
repository (`.git/config`, `/etc/…`) as if it were a page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from generator import contact, text
from generator.load import symlink_problems
from generator.problems import Problem

DRAFTS_FOLDER = "drafts"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*$", re.S | re.M)
_DRAFT = re.compile(r"^draft[ \t]*:[ \t]*(?:true|True|TRUE|yes|Yes|YES)[ \t]*(?:#.*)?$", re.M)


def is_draft(relative: str, source: str) -> bool:
    """Whether the page at `relative` (a POSIX path inside `content/`) with Markdown `source`
    is a draft."""
    if DRAFTS_FOLDER in PurePosixPath(relative).parts[:-1]:
        return True
    front = _FRONT_MATTER.match(source)
    return bool(front and _DRAFT.search(front.group(1)))


def published_pages(content_dir: Path) -> Iterator[str]:
    """The POSIX paths, inside `content_dir`, of the Markdown pages that are published."""
    for page in sorted(content_dir.rglob("*.md")):
        relative = page.relative_to(content_dir).as_posix()
        if page.is_symlink() or any(part.startswith(".") for part in PurePosixPath(relative).parts):
            continue
        if not is_draft(relative, page.read_text(encoding="utf-8", errors="replace")):
            yield relative


def content_problems(content_dir: Path, root: Path) -> list[Problem]:
    """What stops hand-written pages being published: symbolic links."""
    return symlink_problems(content_dir, root) if content_dir.is_dir() else []


def finish_page(page_html: str, *, home: bool, home_html: str, contact_html: str, changed_html: str,
                languages_html: str = "") -> str:
    """A hand-written page's HTML as published, whatever engine turned its Markdown into HTML:
    cleaned like the plans' Markdown fields (no script, event handlers or `javascript:` links),
    with the site's contact details at `<!-- site-contact -->`, the plans overview on the home
    page (at `<!-- plans-overview -->`, or after the text) with the links to the site's other
    languages (`languages_html`) at the end of its first paragraph, and the line saying when the
    page last changed."""
    page_html = text.clean_page(page_html)
    page_html = page_html.replace(contact.MARKER, contact_html)
    if home and languages_html:  # at the end of the home page's first paragraph: no extra line on a phone
        first, end, rest = page_html.partition("</p>")
        page_html = f"{first} {languages_html}{end}{rest}" if end else f"<p>{languages_html}</p>\n{page_html}"
    if home:
        page_html = page_html.replace(text.PAGE_MARKER, home_html) if text.PAGE_MARKER in page_html \
            else page_html + home_html
    return page_html + changed_html
