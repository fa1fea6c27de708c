"""How text leaves the model safely: a careless or hostile edit never runs script.

One rule: every field is plain text unless the schema says Markdown. Markdown becomes HTML
cleaned against one allow-list (`block`, `inline`); plain text is escaped (`escape`) wherever
no template escapes it for us (page titles and descriptions handed to MkDocs, whose templates
insert them as HTML). Hand-written pages are cleaned with the same allow-list, widened only by
the structure their Markdown extensions make (`clean_page`)."""

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


def escape(plain_text: str) -> str:
    """Plain text made safe in HTML text, `<title>` and double-quoted attribute values (as every
    theme template writes them). An apostrophe stays as typed: escaped, it would no longer
    match in search."""
    return _html.escape(plain_text, quote=False).replace('"', "&quot;")


def escape_values(value: object) -> object:
    """Every string in a page's settings (front matter) escaped, in lists and mappings too:
    themes insert them as HTML (title, description, author)."""
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, list):
        return [escape_values(item) for item in value]
    if isinstance(value, dict):
        return {key: escape_values(item) for key, item in value.items()}
    return value


def heading_text(heading_html: str) -> str:
    """A title taken from a heading (HTML that may hold tags and entities) as escaped text."""
    return escape(_html.unescape(nh3.clean(heading_html, tags=set())).strip())


_PAGE_TAGS = _TAGS | {"h1", "h2", "h6", "hr", "pre", "div", "span", "dl", "dt", "dd", "img", "details", "summary",
                      "caption", "del", "ins", "kbd", "s", "small", "mark", "figure", "figcaption"}
_PAGE_ATTRIBUTES = {**_ATTRIBUTES, "*": {"id", "class"}, "img": {"src", "alt", "width", "height", "title"},
                    "th": {"scope", "style"}, "td": {"style"}, "details": {"open"}}
PAGE_MARKER = "<!-- plans-overview -->"
"""Where the plans overview goes on the home page (kept through cleaning)."""


def clean_page(page_html: str) -> str:
    """A hand-written page's HTML cleaned like Markdown fields: no script, event handlers,
    `javascript:` links or attribute-list tricks; headings keep their ids (the page's table of
    contents links to them), admonitions their classes, table cells their alignment."""
    parts = page_html.split(PAGE_MARKER)
    return PAGE_MARKER.join(_clean_page_part(part) for part in parts)


def _clean_page_part(part: str) -> str:
    return str(nh3.clean(part, tags=_PAGE_TAGS, attributes=_PAGE_ATTRIBUTES,
                         url_schemes={"http", "https", "mailto"}, link_rel=None,
                         filter_style_properties={"text-align"}))


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
