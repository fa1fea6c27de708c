"""Where a page is in each language: the generated pages (plans, their updates and charts,
search, corrections, feeds, the home page) have a copy under each translated language's prefix
(`bn/plans/…`) with the same ids; the hand-written guides and the open data stay at one address,
in the language they were written in. English addresses never change."""

from __future__ import annotations

from generator import urls
from generator.i18n.languages import Language
from generator.i18n.state import current

TRANSLATED = (urls.PLANS, urls.SEARCH, urls.CORRECTIONS, "feed.xml")
"""The beginnings of the addresses every language has its own copy of (and the home page, `""`)."""


OPEN_DATA = "/data/"
"""The open data (a plan's and an update's CSV and JSON downloads) is one set of files, in the
council's language, whichever language's page links to it."""


def translated(url: str) -> bool:
    """True when `url` (a site path, perhaps with a `#fragment`) has a copy in every language."""
    return url == "" or url.startswith("#") or (url.startswith(TRANSLATED) and OPEN_DATA not in url)


def localised(url: str, language: Language | None = None) -> str:
    """`url` in `language` (by default the one being rendered): `plans/x/` → `bn/plans/x/`."""
    prefix = (language or current()).prefix
    return prefix + url if prefix and translated(url) and not url.startswith("#") else url


def link(from_url: str, to_url: str) -> str:
    """A relative link between two addresses as the page being rendered in the active language
    sees them (a guide in English is one level further up from a Bengali page)."""
    return urls.relative(localised(from_url), localised(to_url))
