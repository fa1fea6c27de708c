"""Which of the site's languages is being rendered: `use(language)` for a block of code, `current()`
to ask (a context variable, so forked workers and nested renders each keep their own)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from generator.i18n.languages import ENGLISH, Language

_ACTIVE: ContextVar[Language] = ContextVar("language", default=ENGLISH)


@contextmanager
def use(language: Language) -> Iterator[Language]:
    """Render in `language` for the duration of the block."""
    token = _ACTIVE.set(language)
    try:
        yield language
    finally:
        _ACTIVE.reset(token)


def current() -> Language:
    """The language being rendered."""
    return _ACTIVE.get()
