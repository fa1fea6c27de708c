"""The council's own words on a page in another language: titles, commentary, summaries and
status words stay as the council published them (they are the record, never machine-translated),
marked with the language they were published in so that a screen reader reads them in the right
voice. In the council's own language nothing is marked, so its pages are unchanged."""

from __future__ import annotations

import html

from markupsafe import Markup

from generator.i18n.active import current


def council(words: str) -> Markup:
    """Words the council published (a title, a status label, a plan's term), escaped, inside
    `<span lang="en">` on a page in another language."""
    escaped = html.escape(words)
    language = current()
    if language.is_council or not words:
        return Markup(escaped)
    return Markup(f'<span lang="{language.council}">{escaped}</span>')


def council_html(fragment: str, block: bool = False) -> Markup:
    """HTML already made from the council's words (published Markdown, cleaned), marked with
    their language on a page in another language: a `<div>` around blocks, a `<span>` around
    inline text."""
    language = current()
    if language.is_council or not fragment:
        return Markup(fragment)
    tag = "div" if block else "span"
    return Markup(f'<{tag} lang="{language.council}">{fragment}</{tag}>')


def lang_attribute() -> Markup:
    """` lang="en"` for an element holding only the council's words on a page in another
    language (a table cell, a heading), else nothing."""
    language = current()
    return Markup("") if language.is_council else Markup(f' lang="{language.council}"')
