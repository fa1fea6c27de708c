"""The message catalogues: every sentence, heading and label the site writes, in each language.

One catalogue per language, `generator/locale/<code>/LC_MESSAGES/messages.po` (gettext's format,
which translators' tools such as Poedit and Weblate edit), made from the template
`generator/locale/messages.pot` that `python -m generator catalogues` writes from the code.
A catalogue is compiled in memory when a build first needs it, never kept as a `.mo` file that
could drift from its `.po`. Its header says whether a fluent reviewer has confirmed it
(`X-Translation-Status: reviewed`) or it is still a draft (`draft`), which every page in that
language then says.
"""

from __future__ import annotations

import gettext
import io
import re
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.plural import to_gettext

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
"""Where the catalogues are."""
DOMAIN = "messages"
"""The catalogues' file name, without its suffix."""
SOURCE_LANGUAGE = "en"
"""The language the site's own words are written in, in the code (the catalogues' message ids)."""
STATUS_HEADER = "X-Translation-Status"
"""The catalogue header saying whether the translation is a `draft` or `reviewed`."""
REVIEWED = "reviewed"
DRAFT = "draft"
REVIEWER_HEADER = "X-Reviewed-By"
"""The catalogue header naming who reviewed it, and when (free text)."""

_HEADER_FIELD = re.compile(r'^"([A-Za-z-]+): ?(.*?)\\n"$', re.M)


def po_path(code: str) -> Path:
    """The catalogue of language `code`."""
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def template_path() -> Path:
    """The template every catalogue is made from: every message, untranslated."""
    return LOCALE_DIR / f"{DOMAIN}.pot"


def has_catalogue(code: str) -> bool:
    """True when language `code` has a catalogue."""
    return po_path(code).is_file()


def catalogue_codes() -> list[str]:
    """Every language that has a catalogue, by tag."""
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def read(code: str) -> Catalog:
    """Language `code`'s catalogue as Babel reads it."""
    return _read(po_path(code), _stamp(po_path(code)))


def header_fields(code: str) -> dict[str, str]:
    """The catalogue's header, field by field, including those Babel does not keep (the review
    status)."""
    return _header_fields(po_path(code), _stamp(po_path(code)))


def is_draft(code: str) -> bool:
    """True unless the catalogue's header says a fluent reviewer confirmed it (the site's source
    language has no catalogue and is never a draft)."""
    if code == SOURCE_LANGUAGE or not has_catalogue(code):
        return False
    return header_fields(code).get(STATUS_HEADER, DRAFT).strip().lower() != REVIEWED


def plural_forms(code: str) -> str:
    """The `Plural-Forms` header a catalogue of `code` must have: CLDR's rules as Babel gives
    them (Welsh has six forms, Bengali two, English two)."""
    return str(to_gettext(Locale.parse(code.replace("-", "_")).plural_form))


def translations(code: str) -> gettext.NullTranslations:
    """The compiled catalogue of `code` (the source language needs none: its messages are the
    ids). Only messages marked ready are used; a fuzzy one falls back to the English."""
    if code == SOURCE_LANGUAGE or not has_catalogue(code):
        return gettext.NullTranslations()
    return _compiled(po_path(code), _stamp(po_path(code)))


def _stamp(path: Path) -> int:
    """The file's modification time: a catalogue edited during `serve` is read again."""
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


@lru_cache(maxsize=16)
def _read(path: Path, stamp: int) -> Catalog:
    with path.open("rb") as source:
        return read_po(source, abort_invalid=False)


@lru_cache(maxsize=16)
def _header_fields(path: Path, stamp: int) -> dict[str, str]:
    text = path.read_text(encoding="utf-8")
    header = text.split("\n\n", 1)[0]
    return {name: value for name, value in _HEADER_FIELD.findall(header)}


@lru_cache(maxsize=16)
def _compiled(path: Path, stamp: int) -> gettext.GNUTranslations:
    out = io.BytesIO()
    write_mo(out, _read(path, stamp), use_fuzzy=False)
    out.seek(0)
    return gettext.GNUTranslations(out)
