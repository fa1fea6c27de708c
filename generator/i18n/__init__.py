"""The site's languages: which there are, the words the site writes in each (gettext message
catalogues, `generator/locale/`), dates and numbers in each, and the council's own words marked
where they stay in the language they were published in.

One language is active while a page is rendered (`use`): the render code asks for the site's
words with `_` and `ngettext` as gettext programs do. Everything else the languages need lives
in the modules of this package, one job each:

- `languages`: the configured languages, their addresses and names;
- `catalogues`: the message catalogues, read and compiled in memory (never left to drift);
- `active`: the language being rendered, and gettext in it;
- `formats`: dates and numbers in the active language (Babel's formats);
- `marking`: the council's words shown in the language they were published in, marked `lang`;
- `messages`: finding every message in the code and templates, and checking the catalogues.
"""

from __future__ import annotations

from generator.i18n.active import N_, _, current, gettext, ngettext, plural, use
from generator.i18n.languages import ENGLISH, Language, Languages, read_languages

__all__ = ["ENGLISH", "N_", "Language", "Languages", "_", "current", "gettext", "ngettext", "plural",
           "read_languages", "use"]
