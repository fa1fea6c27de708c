"""The site's languages, as its configuration names them (`languages:` of the `plans` plugin in
`mkdocs.yml`): the first is the language the council publishes in, at the site's root; every
other one has the same pages under its own prefix (`/bn/plans/…`), with the same ids."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from babel import Locale, UnknownLocaleError

from generator.i18n.catalogues import LOCALE_DIR, SOURCE_LANGUAGE, has_catalogue, is_draft, po_path

SCRIPT_FONTS: dict[str, tuple[str, ...]] = {
    "bn": ("Noto Sans Bengali", "Nirmala UI", "Vrinda", "Shonar Bangla", "Kohinoor Bangla", "Bangla Sangam MN",
           "Lohit Bengali"),
}
"""System fonts that hold a language's script where the Latin fonts do not, on Android (Noto),
Windows (Nirmala UI, Vrinda, Shonar Bangla), iOS and macOS (Kohinoor Bangla, Bangla Sangam MN)
and Linux (Noto, Lohit). No web font is ever downloaded: the site works offline. The same
names are in the font stack of `theme/assets/stylesheets/plans.css` (a test keeps them alike)."""

NATIVE_ZERO: dict[str, str] = {"bn": "০"}
"""The digit zero of a language's own digits, where a council may choose them over 0-9 (the
other nine follow it in Unicode)."""


@dataclass(frozen=True)
class Language:
    """One of the site's languages."""

    code: str
    """The language's tag, as in `lang` attributes and addresses: `en`, `bn`, `cy`."""
    council: str = "en"
    """The language the council publishes in (the site's first): its own words stay in it."""
    prefix: str = ""
    """Where the language's pages are: empty for the site's first language, else `bn/`."""
    native_digits: bool = False
    """True where the council chose the language's own digits (০১২৩) over 0-9 for numbers and dates."""

    @property
    def is_council(self) -> bool:
        """True for the language the council publishes in (its words need no marking)."""
        return self.code == self.council

    @cached_property
    def locale(self) -> Locale:
        """Babel's data for the language (plural rules, month names, number formats)."""
        return Locale.parse(self.code.replace("-", "_"))

    @property
    def name(self) -> str:
        """The language's name in itself, as a language switcher shows it: "বাংলা", "Cymraeg"."""
        return str(self.locale.get_display_name(self.locale))

    @property
    def draft(self) -> bool:
        """True while the language's catalogue is a draft that no fluent reviewer has confirmed."""
        return is_draft(self.code)

    @property
    def fonts(self) -> tuple[str, ...]:
        """System fonts holding the language's script, where the Latin ones do not."""
        return SCRIPT_FONTS.get(self.code, ())

    @property
    def zero(self) -> str:
        """The digit zero numbers are written with."""
        return NATIVE_ZERO.get(self.code, "0") if self.native_digits else "0"


ENGLISH = Language("en")
"""The site's language when its configuration names none."""


@dataclass(frozen=True)
class Languages:
    """Every language of the site, the council's first."""

    all: tuple[Language, ...] = (ENGLISH,)

    @property
    def default(self) -> Language:
        """The language the council publishes in, at the site's root."""
        return self.all[0]

    @property
    def translated(self) -> tuple[Language, ...]:
        """The other languages, each under its own prefix."""
        return self.all[1:]

    def get(self, code: str) -> Language | None:
        """The language with this tag, if the site has it."""
        return next((language for language in self.all if language.code == code), None)


def read_languages(codes: Sequence[str] | None, native_digits: Sequence[str] = ()) -> tuple[Languages, list[str]]:
    """The languages a configuration names (`[en, bn, cy]`), with a message for each it names
    that the site cannot be written in (those are left out)."""
    problems: list[str] = []
    chosen: list[str] = []
    for code in codes or [ENGLISH.code]:
        if code in chosen:
            problems.append(f"languages: `{code}` is named twice.")
        elif not _known(code):
            problems.append(f"languages: `{code}` is not a language tag Babel knows (e.g. `bn` for Bengali, "
                            "`cy` for Welsh).")
        elif code != SOURCE_LANGUAGE and not has_catalogue(code):
            problems.append(f"languages: there is no message catalogue for `{code}` "
                            f"({po_path(code).relative_to(LOCALE_DIR.parent.parent)}): "
                            "the site's own words cannot be written in it yet. See the editors' guide, "
                            "Translations.")
        else:
            chosen.append(code)
    for code in native_digits:
        if code not in NATIVE_ZERO:
            problems.append(f"native_digits: `{code}` has no digits of its own that the site knows; 0-9 are used.")
    council = chosen[0] if chosen else ENGLISH.code
    languages = tuple(Language(code, council, "" if code == council else f"{code}/", code in native_digits)
                      for code in chosen or [ENGLISH.code])
    return Languages(languages), problems


def _known(code: str) -> bool:
    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return False
    return True
