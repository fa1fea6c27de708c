"""How text leaves the model safely: a careless or hostile edit never runs script.

One rule: every field is plain text unless the schema says Markdown. Markdown becomes HTML
cleaned against one allow-list (`block`); plain text is escaped (`escape`) wherever
no template escapes it for us (page titles and descriptions handed to MkDocs, whose templates
insert them as HTML). Hand-written pages are cleaned with the same allow-list, widened only by
the structure their Markdown extensions make (`clean_page`)."""

from __future__ import annotations

import html as _html
import re
from functools import lru_cache
from html.parser import HTMLParser

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


_BOLD_PARAGRAPH = re.compile(r"<p><strong>([^<]{1,150})</strong></p>")


@lru_cache(maxsize=65536)
def block_with_headings(text: str | None, level: int, context: str = "") -> Markup:
    """`block`, with each paragraph that is only bold text (a council's "**Key achievements**")
    made a heading at `level`: it is printed as a heading, so it is heard as one too. `context`
    (e.g. the area's name) is added for screen readers only, so headings that repeat from one
    area to the next can still be told apart in a list of headings."""
    html = str(block(text))
    hidden = f'<span class="cp-visually-hidden"> – {_html.escape(context)}</span>' if context else ""
    return Markup(_BOLD_PARAGRAPH.sub(
        lambda m: f'<h{level} class="cp-text-heading">{m.group(1)}{hidden}</h{level}>', html))


OPENING = 900
"""How much of a long published text (in characters of its words) is shown before "read the rest"."""


class _TopLevel(HTMLParser):
    """Finds where each top-level element of an HTML fragment ends."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.depth = 0
        self.ends: list[tuple[int, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        self.depth -= 1
        if self.depth == 0:
            self.ends.append(self.getpos())


_VOID = {"br", "hr", "img"}


@lru_cache(maxsize=4096)
def opening(text: str | None, level: int = 3, limit: int = OPENING) -> tuple[Markup, Markup]:
    """A long text split into its opening (whole paragraphs, lists and headings, about `limit`
    characters of words) and the rest (empty when it is short); bold-only paragraphs become
    headings at `level`, as in `block_with_headings`."""
    html = str(block_with_headings(text, level))
    parser = _TopLevel()
    parser.feed(html)
    offsets = [0]
    for text_line in html.split("\n"):
        offsets.append(offsets[-1] + len(text_line) + 1)
    for line, column in parser.ends:
        cut = offsets[line - 1] + column
        cut = html.index(">", cut) + 1
        words = len(_html.unescape(re.sub(r"<[^>]+>", "", html[:cut])))
        if words >= limit and html[cut:].strip():
            return Markup(html[:cut]), Markup(html[cut:].strip())
    return Markup(html), Markup("")


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


_MARKER = re.compile(r"(<!-- [a-z][a-z-]* -->)")
"""Place markers in a hand-written page (`<!-- plans-overview -->`, `<!-- site-contact -->`),
kept through cleaning so the generated part can be put in their place."""


def clean_page(page_html: str) -> str:
    """A hand-written page's HTML cleaned like Markdown fields: no script, event handlers,
    `javascript:` links or attribute-list tricks; headings keep their ids (the page's table of
    contents links to them), admonitions their classes, table cells their alignment. Place
    markers are kept."""
    parts = _MARKER.split(page_html)
    return "".join(part if _MARKER.fullmatch(part) else _clean_page_part(part) for part in parts)


def _clean_page_part(part: str) -> str:
    return str(nh3.clean(part, tags=_PAGE_TAGS, attributes=_PAGE_ATTRIBUTES,
                         url_schemes={"http", "https", "mailto"}, link_rel=None,
                         filter_style_properties={"text-align"}))


def plain(text: str | None) -> str:
    """Markdown reduced to plain text, for meta descriptions and alt text."""
    return _html.unescape(nh3.clean(str(block(text)), tags=set())).replace("\n", " ").strip()

