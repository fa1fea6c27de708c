"""The council's own words on a page in another language: titles, commentary, summaries and
status words stay as the council published them (they are the record, never machine-translated),
marked with the language they were published in so that a screen reader reads them in the right
voice. In the council's own language nothing is marked, so its pages are unchanged."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from generator.i18n.state import current


def council(words: str, translations: Sequence[tuple[str, str]] = ()) -> Markup:
    """Words the council published (a title, a status label, a plan's term), escaped, inside
    `<span lang="en">` on a page in another language, unless the council published its own
    translation into that language (`translations`: (language, text)), which is shown instead."""
    language = current()
    own = published_translation(translations)
    if own is not None:
        return escape(own)  # escaped as the templates escape (Jinja's autoescape), so pages match
    escaped = str(escape(words))
    if language.is_council or not words:
        return Markup(escaped)
    return Markup(f'<span lang="{language.council}">{escaped}</span>')


def council_text(words: str, translations: Sequence[tuple[str, str]] = ()) -> str:
    """The council's words as plain text (a page title, alt text) in the active language: its own
    published translation where there is one, else the words as published."""
    own = published_translation(translations)
    return words if own is None else own


def published_translation(translations: Sequence[tuple[str, str]]) -> str | None:
    """The council's own translation into the active language, if it published one."""
    code = current().code
    return next((text for language, text in translations if language == code), None)


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
