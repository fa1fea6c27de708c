"""Turn published Markdown into safe HTML: a careless or hostile edit never runs script."""

from __future__ import annotations

import html as _html
import re
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

_TAGS = {
    "p", "br", "ul", "ol", "li", "em", "strong", "b", "i", "a", "code", "blockquote",
    "h3", "h4", "h5", "table", "thead", "tbody", "tr", "th", "td", "abbr", "sup", "sub",
}
_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "ol": {"start"}}
_MD = markdown.Markdown(extensions=["sane_lists"], output_format="html")


@lru_cache(maxsize=65536)
def block(text: str | None) -> Markup:
    """Markdown to sanitised HTML paragraphs and lists."""
    if not text:
        return Markup("")
    _MD.reset()
    html = _MD.convert(text)
    return Markup(nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                            link_rel="noopener"))


@lru_cache(maxsize=65536)
def inline(text: str | None) -> Markup:
    """Markdown to sanitised HTML without the surrounding paragraph, for one-line fields."""
    html = str(block(text)).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


def plain(text: str | None) -> str:
    """Markdown reduced to plain text, for meta descriptions and alt text."""
    return _html.unescape(nh3.clean(str(block(text)), tags=set())).replace("\n", " ").strip()


_NOT_SEARCHED = re.compile(
    r'<details class="cp-[a-z_-]+" data-search-exclude="true">.*?</details>'
    r'|<ul class="cp-downloads" data-search-exclude="true">.*?</ul>',
    re.S,
)


def search_text(page_html: str) -> str:
    """A generated page without the blocks it marks `data-search-exclude` (which hold no nested
    block of the same kind), as the search index would read it."""
    return _NOT_SEARCHED.sub("", page_html)


_SEARCH_ATTRIBUTE = re.compile(r'\s?data-search-\w+="[^"]+"')


def without_search_attributes(page_html: str) -> str:
    """The page without its `data-search-…` attributes, which only the search indexer reads
    (Material's search plugin removes them the same way)."""
    return _SEARCH_ATTRIBUTE.sub("", page_html)
