"""CSV that a spreadsheet cannot turn into formulas: the one rule for every CSV the project writes.

Spreadsheet programs run a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage
return before one) as a formula, so a published `=HYPERLINK(…)` would become a live link or
worse in a reader's spreadsheet. As OWASP's CSV-injection guidance describes, such a cell is
written with a leading `'`, which spreadsheets show as text and do not display. Plain numbers
such as `-3` and a lone `-` (a dash for "none") are left alone: neither can be a formula.
`restore` undoes it when a CSV is read back (`import`).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any, Protocol

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_HARMLESS = re.compile(r"^[+-]?\d+(?:\.\d+)?$|^.$", re.S)
"""Cells that start like a formula but cannot be one: a plain number, or one character."""


class _Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def neutral(value: object) -> object:
    """`value` as a CSV cell that cannot start a formula."""
    if isinstance(value, str) and value.startswith(TRIGGERS) and not _HARMLESS.match(value):
        return "'" + value
    return value


def restore(text: str) -> str:
    """A cell read from a CSV this project wrote, without the `'` that `neutral` added."""
    return text[1:] if text.startswith("'") and text[1:].startswith(TRIGGERS) and not _HARMLESS.match(text[1:]) \
        else text


class Writer:
    """`csv.writer` whose every cell is `neutral`."""

    def __init__(self, out: _Writable, lineterminator: str = "\n") -> None:
        self._writer = csv.writer(out, lineterminator=lineterminator)

    def writerow(self, row: Iterable[object]) -> None:
        """Write one row."""
        self._writer.writerow([neutral(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        """Write many rows."""
        for row in rows:
            self.writerow(row)
