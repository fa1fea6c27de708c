"""The language a page is being rendered in, and the site's words in it (gettext).

`use(language)` makes a language active for a block of code; `_("…")` and `ngettext(…)` give
the site's words in it, as gettext programs do, without a language argument passed down
through every function (the way Django and Flask-Babel do it). Messages use gettext's named
placeholders (`_("%(count)s of the %(nouns)s need attention", count=…, nouns=…)`), the same as
Jinja's `{% trans %}`, so a translation may put the values in any order and one check compares
them. Plural forms follow the language's own rules (Welsh has six, Bengali two). In the
council's language the messages are the catalogue ids themselves: English pages are unchanged.
"""

from __future__ import annotations

import generator.i18n.catalogues as catalogues
from generator.i18n.formats import number
from generator.i18n.state import current, use

__all__ = ["N_", "_", "current", "gettext", "ngettext", "plural", "use"]


def gettext(message: str) -> str:
    """`message` in the active language (as written, where its catalogue lacks it)."""
    return catalogues.translations(current().code).gettext(message)


def plural(singular: str, plural_: str, n: int) -> str:
    """The form of a message for `n` in the active language, placeholders not yet filled."""
    return catalogues.translations(current().code).ngettext(singular, plural_, n)


def _(message: str, **values: object) -> str:
    """`message` in the active language, with its named placeholders (`%(name)s`) filled in."""
    translated = gettext(message)
    return translated % values if values else translated


def ngettext(singular: str, plural_: str, n: int, **values: object) -> str:
    """The form of a message for `n` in the active language, with its placeholders filled in;
    `%(count)s` is `n` in the language's digits."""
    return plural(singular, plural_, n) % {"count": number(n), **values}


def N_(message: str) -> str:
    """Mark `message` for the catalogues where it is defined, to be translated where it is shown
    (with `_(message)`): names of things kept in tables, such as the kinds of change."""
    return message
