"""stub until the theme words are listed."""

from __future__ import annotations


def theme_words() -> dict[str, str]:
    """The theme's words."""
    return {}
