"""What an imported spreadsheet may hold before it is read, and the cells whose value reading
would silently lose.

An XLSX file is a zip archive: a few megabytes can unpack to gigabytes (a zip bomb), and the
spreadsheet library holds every cell in memory. So the archive's unpacked size and each sheet's
rows are counted first, streaming, and a file over the limits is refused with a message. A
formula with no saved result (a workbook written by a program, never saved by a spreadsheet)
and a cell merged over several items' rows would both read as empty: they are reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from zipfile import BadZipFile, ZipFile

from generator.problems import Problem

MAX_UNPACKED_BYTES = 50_000_000
"""The most an imported file may hold once unpacked (a 500-row plan takes about 1 MB)."""
MAX_ROWS = 20_000
"""The most rows one imported sheet may have."""

_CHUNK = 1 << 20
_SHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$")


@dataclass(frozen=True)
class Contents:
    """What the archive's count found."""

    formulas: bool
    """True when some sheet holds a formula."""


def too_large(name: str, size: int) -> Problem:
    """The problem for a file bigger than `MAX_UNPACKED_BYTES` once unpacked."""
    return Problem(name, 1, 1, "", f"The file holds {size / 1e6:.0f} MB of data once unpacked; the import reads at "
                   f"most {MAX_UNPACKED_BYTES / 1e6:.0f} MB.",
                   "Copy the plan's sheet into a new workbook on its own and import that.")


def too_many_rows(name: str, sheet: str, rows: int) -> Problem:
    """The problem for a sheet with more than `MAX_ROWS` rows."""
    return Problem(name, 1, 1, "", f"The sheet `{sheet}` has {rows:,} rows; the import reads at most {MAX_ROWS:,}.",
                   "Delete the empty or unrelated rows below the plan (Excel: select them, Delete Sheet Rows).")


def inspect_xlsx(path: Path, name: str) -> tuple[Contents | None, list[Problem]]:
    """Count the archive's unpacked size and each sheet's rows without holding them in memory.
    The reader never unpacks more than the sizes the archive declares."""
    try:
        with ZipFile(path) as archive:
            entries = archive.infolist()
            size = sum(entry.file_size for entry in entries)
            if size > MAX_UNPACKED_BYTES:
                return None, [too_large(name, size)]
            formulas = False
            for entry in entries:
                if _SHEET.match(entry.filename):
                    rows, has_formulas = _count(archive, entry.filename)
                    formulas = formulas or has_formulas
                    if rows > MAX_ROWS:
                        return None, [too_many_rows(name, entry.filename.rsplit("/", 1)[-1], rows)]
    except (BadZipFile, OSError, EOFError):
        return None, []  # the workbook reader reports an unreadable file
    return Contents(formulas), []


def _count(archive: ZipFile, member: str) -> tuple[int, bool]:
    rows, formulas, tail = 0, False, b""
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            text = tail + chunk
            rows += text.count(b"<row") - tail.count(b"<row")
            formulas = formulas or b"<f>" in text or b"<f " in text
            tail = text[-8:]
    return rows, formulas


def merged_over_rows(ranges: list[tuple[int, int, int, int]], header_row: int,
                     columns: dict[int, str]) -> list[tuple[int, int, int, str]]:
    """(first row, last row, column, field) of each merged range below the header that covers
    several rows of a column in `columns` (0-based column → the field it holds)."""
    found = []
    for min_row, min_col, max_row, max_col in ranges:
        if max_row <= min_row or min_row <= header_row:
            continue
        for column in range(min_col - 1, max_col):
            if column in columns:
                found.append((min_row, max_row, column + 1, columns[column]))
    return sorted(found)
