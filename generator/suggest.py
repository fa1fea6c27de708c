"""Did you mean …? The one helper that turns a mistyped word and the words allowed into a hint.

Every message that names something unknown (a field, an id, a status, a sheet, a plan) ends
with this hint, so editors always get the same kind of help: the closest match when there is
one, otherwise the list of what is allowed.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

SHOWN = 12
"""At most this many allowed words are listed; longer lists end with an ellipsis."""


def closest(word: str, allowed: Iterable[str], cutoff: float = 0.5) -> str | None:
    """The allowed word closest to `word` (ignoring case), or None when none is close enough."""
    choices = list(dict.fromkeys(allowed))
    by_fold = {choice.casefold(): choice for choice in choices}
    found = difflib.get_close_matches(word.casefold(), list(by_fold), n=1, cutoff=cutoff)
    return by_fold[found[0]] if found else None


def listing(allowed: Iterable[str], labels: Mapping[str, str] | None = None) -> str:
    """`a`, `b`, `c` (with each word's label in brackets when `labels` gives one)."""
    words = list(dict.fromkeys(allowed))
    shown = [_named(word, labels) for word in words[:SHOWN]]
    return ", ".join(shown) + (", …" if len(words) > SHOWN else "")


def hint(word: str, allowed: Iterable[str], known: str, *, labels: Mapping[str, str] | None = None,
         cutoff: float = 0.5, none: str = "") -> str:
    """`Did you mean `x`?` when a word is close, else `<known>: `a`, `b`.` (`known` says what
    the list is, e.g. "Known action ids"); `none` when nothing is allowed at all."""
    words = list(dict.fromkeys(allowed))
    if not words:
        return none
    guess = closest(word, words, cutoff)
    if guess is not None:
        return f"Did you mean {_named(guess, labels)}?"
    return f"{known}: {listing(words, labels)}."


def _named(word: str, labels: Mapping[str, str] | None) -> str:
    label = labels.get(word) if labels else None
    return f"`{word}` ({label})" if label and label != word else f"`{word}`"
