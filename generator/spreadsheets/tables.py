"""Reading one sheet of a CSV or XLSX file into cells, and finding its header row.

Files are checked before they are read (`generator.workbooks`: zip bombs, huge sheets); cells
whose value reading would lose (formulas with no saved result, values merged over several
items' rows) are reported; a date in a column of ids (Excel turns `1-2` into 2 January) is
marked so import can say so at the cell.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zipfile import BadZipFile

from openpyxl import load_workbook  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

from generator import csvsafe, suggest, workbooks
from generator.problems import InputError, Problem, Severity
from generator.spreadsheets.columns import (
    ID_FIELDS,
    ITEM_FIELDS,
    PROGRESS_FIELDS,
    normalise_header,
    period_of_sheet,
    sheet_name,
)
from generator.spreadsheets.exceldates import printed_date
from generator.spreadsheets.mapping import Mapping


@dataclass(frozen=True)
class Cell:
    """One cell as read: the text it shows, and for numbers the value and percent format."""

    text: str = ""
    number: float | None = None
    percent: bool = False
    is_date: bool = False
    """The spreadsheet stored a date here (the text is the date as the cell prints it)."""


@dataclass(frozen=True)
class Table:
    """One sheet's cells, row 1 first, with the file and sheet names used in problems."""

    file: str
    sheet: str
    rows: tuple[tuple[Cell, ...], ...]
    merged: tuple[tuple[int, int, int, int], ...] = ()
    """Merged cells as (first row, first column, last row, last column), 1-based."""
    formulas: tuple[tuple[int, int, str], ...] = ()
    """(row, column, formula) of each formula with no saved result, which reads as empty."""

    def ref(self, row: int, column: int) -> str:
        """A cell reference as Excel writes it: `Sheet1!C7`, or `'2017-18 Q2'!C7`."""
        name = self.sheet if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", self.sheet) else \
            "'" + self.sheet.replace("'", "''") + "'"
        return f"{name}!{get_column_letter(column)}{row}"

    def problem(self, row: int, column: int, message: str, hint: str,
                severity: Severity = Severity.error) -> Problem:
        """A problem at one cell."""
        return Problem(self.file, row, column, self.ref(row, column), message, hint, severity)


def read_table(path: Path, sheet: str | None, period: str | None) -> Table:
    """Read one sheet of a CSV or XLSX file; `InputError` if the file cannot be read."""
    name = path.as_posix()
    if not path.is_file():
        raise InputError([Problem(name, 1, 1, "", f"There is no file `{name}`.", "Check the file's name and folder.")])
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path, name)
    if suffix == ".xlsx":
        return _read_xlsx(path, name, sheet, period)
    hint = "Save it as an Excel workbook (.xlsx)." if suffix in (".xls", ".ods", ".xlsm") else \
        "Save the spreadsheet as .xlsx or as CSV UTF-8."
    raise InputError([Problem(name, 1, 1, "", "Only .csv and .xlsx files can be imported.", hint)])


def _read_csv(path: Path, name: str) -> Table:
    if (size := path.stat().st_size) > workbooks.MAX_UNPACKED_BYTES:
        raise InputError([workbooks.too_large(name, size)])
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError([Problem(name, line, 1, "", f"The file is not saved as UTF-8 (byte 0x{raw[exc.start]:02x} "
                                  "cannot be read).", 'In Excel, save as "CSV UTF-8 (Comma delimited)".')]) from None
    rows = csv.reader(io.StringIO(text, newline=""))
    cells = tuple(tuple(Cell(_newlines(csvsafe.restore(value))) for value in row) for row in rows)
    if len(cells) > workbooks.MAX_ROWS:
        raise InputError([workbooks.too_many_rows(name, path.stem, len(cells))])
    return Table(name, path.stem, cells)


def _read_xlsx(path: Path, name: str, sheet: str | None, period: str | None) -> Table:
    contents, problems = workbooks.inspect_xlsx(path, name)
    if problems:
        raise InputError(problems)
    workbook = _open_workbook(path, name, data_only=True)
    worksheet = _choose_sheet(workbook, name, sheet, period)
    rows = tuple(tuple(_xlsx_cell(cell) for cell in row) for row in worksheet.iter_rows())
    merged = tuple((r.min_row, r.min_col, r.max_row, r.max_col) for r in worksheet.merged_cells.ranges)
    formulas = _unsaved_formulas(path, name, worksheet) if contents and contents.formulas else ()
    return Table(name, str(worksheet.title), rows, merged, formulas)


def _open_workbook(path: Path, name: str, data_only: bool) -> Any:
    try:
        return load_workbook(path, data_only=data_only)
    except (BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
        raise InputError([Problem(name, 1, 1, "", "The file cannot be read as an Excel workbook.",
                                  "Open it in Excel and save it again as .xlsx.")]) from None


def _unsaved_formulas(path: Path, name: str, values: Any) -> tuple[tuple[int, int, str], ...]:
    """The formulas of the sheet `values` (read for their saved results) that have none."""
    formulas = _open_workbook(path, name, data_only=False)[values.title]
    return tuple((cell.row, cell.column, str(cell.value)) for row in formulas.iter_rows() for cell in row
                 if cell.data_type == "f" and values.cell(cell.row, cell.column).value is None)


_MERGE_LOSES = frozenset((*ITEM_FIELDS, *PROGRESS_FIELDS, "milestone", "milestone_text"))
"""Fields that belong to each row: merged over several rows, all rows but the first lose them.
(A recommendation's or action's cells may be merged over its rows: they belong to all.)"""


def update_sheets(path: Path) -> list[str]:
    """The sheets of a workbook named after an update's period (`2017-18 Q2`), in order."""
    if path.suffix.lower() != ".xlsx":
        return []
    _, problems = workbooks.inspect_xlsx(path, path.as_posix())
    if problems:
        raise InputError(problems)
    titles = [str(title) for title in _open_workbook(path, path.as_posix(), data_only=True).sheetnames]
    return [title for title in titles if period_of_sheet(title)]


def lost_cells(table: Table, header: Header) -> list[Problem]:
    """Cells that would read as something other than the sheet meant: formulas with no saved
    result and a value merged over the rows of several items (both read as empty), and dates
    in a column of ids (Excel turns the id `1-2` into 2 January)."""
    found = [table.problem(row, column, f"The cell holds a formula (`{formula[:60]}`) with no saved result, so its "
                           "value cannot be read.", "Open the file in Excel or LibreOffice and save it again (this "
                           "stores each formula's result), or replace the formula by its value.")
             for row, column, formula in table.formulas if row > header.row]
    by_column = {index: name for name, index in header.columns.items() if name in _MERGE_LOSES}
    for first, last, column, name in workbooks.merged_over_rows(list(table.merged), header.row, by_column):
        heading = header.names.get(name, name)
        others = f"row {last}" if last == first + 1 else f"rows {first + 1}-{last}"
        found.append(table.problem(first, column, f"The {heading} cell is merged over rows {first}-{last}: "
                                   f"{others} would get no {heading}.",
                                   "Unmerge the cells and fill in the value on every row; only recommendation and "
                                   "action cells may be merged over their rows."))
    for name, index in header.columns.items():
        for number, row in enumerate(table.rows[header.row:], start=header.row + 1):
            if name in ID_FIELDS and index < len(row) and row[index].is_date:
                heading = header.names.get(name, name)
                found.append(table.problem(number, index + 1, f"The {heading} cell holds a date ({row[index].text}), "
                                           f"but the {heading} column holds ids and numbers: a spreadsheet turns an "
                                           "id such as `1-2` into a date when the cell is not formatted as text.",
                                           f"Format the {heading} column as Text, type the id again as it was, and "
                                           "save; or export the plan again: an .xlsx export keeps ids as text."))
    return sorted(found)


def _choose_sheet(workbook: Any, name: str, sheet: str | None, period: str | None) -> Any:
    titles = [str(title) for title in workbook.sheetnames]
    wanted = sheet or (sheet_name(period) if period else "Plan")
    match = next((t for t in titles if t.casefold() == wanted.casefold()), None)
    if match is not None:
        return workbook[match]
    if sheet is None and (period is None or len(titles) == 1):
        return workbook.worksheets[0]
    hint = suggest.hint(wanted, titles, "Its sheets")
    raise InputError([Problem(name, 1, 1, "", f"The workbook has no sheet named `{wanted}`.",
                              hint + " Choose one with --sheet.")])


def _xlsx_cell(cell: Any) -> Cell:
    value = cell.value
    if value is None:
        return Cell()
    if isinstance(value, bool):
        return Cell("TRUE" if value else "FALSE")
    if isinstance(value, int | float):
        percent = "%" in re.sub(r'"[^"]*"|\\.', "", str(cell.number_format))  # `0%`, not `0"%"`
        return Cell(_number_text(float(value) * (100 if percent else 1)) + ("%" if percent else ""),
                    float(value), percent)
    if isinstance(value, datetime | date):
        return Cell(printed_date(value, str(cell.number_format)), is_date=True)
    if isinstance(value, time | timedelta):
        return Cell(str(value))
    return Cell(_newlines(str(value)))


def _number_text(value: float) -> str:
    return str(round(value)) if abs(value - round(value)) < 1e-9 else repr(value)


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True)
class Header:
    """The header row: which column (0-based) holds each field, and the headings as written."""

    row: int
    columns: dict[str, int]
    names: dict[str, str]


def find_header(table: Table, mapping: Mapping) -> tuple[Header, list[Problem]]:
    """The first row (of the first 30) naming at least two known columns; warnings for the rest."""
    for index, row in enumerate(table.rows[:30]):
        known = [(i, mapping.columns[normalise_header(c.text)]) for i, c in enumerate(row)
                 if c.text.strip() and normalise_header(c.text) in mapping.columns]
        if len([1 for _, name in known if name != "ignore"]) >= 2:
            return _header(table, index + 1, row, mapping)
    examples = ", ".join(("Recommendation", "Action", "Text", "Lead Officer", "Deadline", "Status", "% Complete"))
    raise InputError([table.problem(1, 1, f"No header row found in the first 30 rows of sheet `{table.sheet}`.",
                                    f"The header row needs at least two known headings (e.g. {examples}); "
                                    "map other headings to fields in a mapping file (--mapping).")])


def _header(table: Table, number: int, row: Sequence[Cell], mapping: Mapping) -> tuple[Header, list[Problem]]:
    columns: dict[str, int] = {}
    names: dict[str, str] = {}
    problems: list[Problem] = []
    for index, cell in enumerate(row):
        heading = cell.text.strip()
        name = mapping.columns.get(normalise_header(heading)) if heading else None
        if heading and name is None:
            problems.append(table.problem(number, index + 1, f"The column `{heading}` is not imported.",
                                          "Map it to a field in a mapping file's `columns:` (or to `ignore`).",
                                          Severity.warning))
        elif name in columns:
            first = get_column_letter(columns[name] + 1)
            problems.append(table.problem(number, index + 1, f"The columns `{names[name]}` ({first}) and "
                                          f"`{heading}` ({get_column_letter(index + 1)}) both give the {name}.",
                                          "Map one of them to `ignore` in a mapping file (--mapping)."))
        elif name is not None and name != "ignore":
            columns[name], names[name] = index, heading
    return Header(number, columns, names), problems


