"""Spreadsheets in and out: `python -m generator export` and `python -m generator import`.

Export writes a plan as one row per action and per milestone, to CSV or to XLSX (a `Plan`
sheet and one sheet per update). The visible columns carry the source reports' headings
(Recommendation, Action, Text, Lead Officer, Deadline, Monitoring, Status, % Complete,
Comments); hidden columns carry everything else (ids, numbers, notes, what is missing,
evidence, and a `Details` column holding the plan's and the update's other fields as YAML),
so that export → import gives back the same plan and update.

Import also reads a council's own spreadsheet: headings are matched case- and
space-insensitively against `DEFAULT_COLUMNS` and an optional mapping file. Every bad cell
is reported as a `Problem` naming the file, row, column and cell (`Sheet1!C7`), all at
once; nothing is written unless the result passes `python -m generator check`.
"""

from __future__ import annotations

import csv
import difflib
import io
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, TypeVar, get_args
from zipfile import ZIP_DEFLATED, BadZipFile, ZipFile, ZipInfo

import yaml
from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]
from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped]
from pydantic import BaseModel, ValidationError

from generator import csvsafe, pipeline, schema, workbooks
from generator.load import Document, Loaded, PathKey, PlanFiles, load_document, load_plans, read_yaml
from generator.problems import InputError, Problem, Severity
from generator.validate import NOT_REPORTED, ValidPlan, validate

T = TypeVar("T")


class UsageError(Exception):
    """A mistake in the command itself (exit code 2), e.g. `--all-updates` with a CSV file."""


# --- columns ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One exported column: its heading, the field it holds, and how it is shown."""

    header: str
    field: str
    hidden: bool = False
    width: int = 14


PLAN_VISIBLE = (
    Column("Recommendation", "recommendation", width=10),
    Column("Recommendation title", "recommendation_title", width=30),
    Column("Action", "action", width=9),
    Column("Milestone", "milestone", width=10),
    Column("Text", "text", width=60),
    Column("Lead Officer", "lead", width=30),
    Column("Deadline", "deadline", width=12),
    Column("Monitoring", "monitoring", width=24),
)
UPDATE_VISIBLE = (
    Column("Status", "status", width=12),
    Column("Status label", "status_label", width=14),
    Column("% Complete", "percent", width=10),
    Column("Comments", "commentary", width=60),
)
PLAN_HIDDEN = tuple(
    Column(header, name, hidden=True)
    for header, name in (
        ("Recommendation id", "recommendation_id"),
        ("Recommendation text", "recommendation_text"),
        ("Section", "section"),
        ("Actions shared with", "shared_with"),
        ("Recommendation missing", "recommendation_missing"),
        ("Recommendation notes", "recommendation_notes"),
        ("Action id", "action_id"),
        ("Action number", "action_number"),
        ("Action title", "action_title"),
        ("Milestone number", "milestone_number"),
        ("Missing", "missing"),
        ("Notes", "notes"),
    )
)
UPDATE_HIDDEN = tuple(
    Column(header, name, hidden=True)
    for header, name in (
        ("Revised deadline", "revised_deadline"),
        ("Prior work", "prior_work"),
        ("Contact", "contact"),
        ("Evidence", "evidence"),
        ("Progress missing", "progress_missing"),
        ("Progress notes", "progress_notes"),
    )
)
PROGRESS_ORDER = Column("Progress order", "progress_order", hidden=True)
DETAILS = Column("Details", "details", hidden=True)

SOURCE_HEADERS = {
    "Responsibility": "lead",
    "Senior Responsible Officer": "lead",
    "Date": "deadline",
    "Target Completion Date": "deadline",
    "%Comp": "percent",
    "Key Deliverables": "commentary",
    **{f"Quarter {n} Comments": "commentary" for n in range(1, 5)},
    "Activity": "action",
    "Key milestones": "milestone_text",
}
"""Headings printed in the source reports, beyond the exported ones."""

_ALL_COLUMNS = (*PLAN_VISIBLE, *UPDATE_VISIBLE, *PLAN_HIDDEN, *UPDATE_HIDDEN, PROGRESS_ORDER, DETAILS)
DEFAULT_COLUMNS: dict[str, str] = {c.header: c.field for c in _ALL_COLUMNS} | SOURCE_HEADERS
"""The built-in mapping from headings to fields, matched case- and space-insensitively."""

FIELDS = frozenset({c.field for c in _ALL_COLUMNS} | {"milestone_text", "ignore"})
"""Every field a mapping file can send a column to (`ignore` drops the column)."""

_REC_FIELDS = ("recommendation", "recommendation_title", "recommendation_id", "recommendation_text", "section",
               "shared_with", "recommendation_missing", "recommendation_notes")
_ACTION_FIELDS = ("action", "action_id", "action_number", "action_title", "monitoring")
_ITEM_FIELDS = ("text", "lead", "deadline", "missing", "notes")
_PROGRESS_FIELDS = ("status", "status_label", "percent", "commentary", "revised_deadline", "prior_work", "contact",
                    "evidence", "progress_missing", "progress_notes", "progress_order")
_TERMS = frozenset(get_args(schema.Term))
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_NUMBER_LIKE = re.compile(r"^[A-Za-z]{0,3}\.?\s?\d+[A-Za-z0-9.\-]*$")
_FIXED_TIME = datetime(2000, 1, 1)
_CELL_LIMIT = 30000
_ID_HINT = ("Identifiers use lower-case letters, digits and single hyphens only, e.g. `r4` or `1-3`; "
            "they become part of permanent web addresses.")


def normalise_header(header: str) -> str:
    """A heading as matched: lower case, every space removed (`% Complete` = `%complete`)."""
    return "".join(header.split()).casefold()


def sheet_name(period: str) -> str:
    """The sheet an update is exported to: `2017/18 Q2` → `2017-18 Q2` (sheet names cannot hold `/`)."""
    return period.replace("/", "-")


def update_slug(period: str) -> str:
    """The update's file name without `.yaml`: `2017/18 Q2` → `2017-18-q2`."""
    return period.replace("/", "-").replace(" ", "-").lower()


# --- cell values ------------------------------------------------------------------------


def to_yaml(data: Any) -> str:
    """YAML as editors write it: keys in order, lists indented, multi-line text as `|` blocks."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1_000_000,
                     default_flow_style=False)


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def choose_scalar_style(self) -> str:
        style = str(super().choose_scalar_style())
        return '"' if style == "'" else style  # quote as the plan files do


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = None
    if "\n" in data:
        # The plan loader rejects tabs in indentation, so text with a tab starting a line is quoted.
        style = '"' if data.startswith("\t") or "\n\t" in data else "|"
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _represent_str)


def encode_list(items: Sequence[str]) -> str | None:
    """Notes in one cell: one per line, or as a YAML list when an entry spans lines."""
    if not items:
        return None
    if all(_plain_line(item) for item in items):
        return "\n".join(items)
    return to_yaml(list(items))


def decode_list(text: str) -> list[str]:
    """The entries of a notes cell written by `encode_list` or typed one per line."""
    parsed = _yaml_list(text)
    if parsed is not None and all(isinstance(item, str) for item in parsed):
        return [str(item) for item in parsed]
    return [line.strip() for line in text.split("\n") if line.strip()]


def encode_evidence(items: Sequence[schema.Evidence]) -> str | None:
    """Evidence in one cell: `title | url` lines, or a YAML list when that would be ambiguous."""
    if not items:
        return None
    if all(_plain_line(e.title) and " | " not in e.title and (e.url is None or _plain_line(e.url))
           for e in items):
        return "\n".join(e.title if e.url is None else f"{e.title} | {e.url}" for e in items)
    return to_yaml([e.model_dump(exclude_none=True) for e in items])


def decode_evidence(text: str) -> list[Any]:
    """The evidence in a cell written by `encode_evidence` or typed as `title | url` lines."""
    parsed = _yaml_list(text)
    if parsed is not None and all(isinstance(item, dict) for item in parsed):
        return parsed
    found: list[Any] = []
    for line in (line.strip() for line in text.split("\n")):
        if line:
            title, bar, url = line.rpartition(" | ")
            found.append({"title": title, "url": url} if bar else {"title": line})
    return found


def encode_missing(items: Sequence[str]) -> str | None:
    """What is missing from the source, as `deadline, lead`."""
    return ", ".join(items) if items else None


def _plain_line(text: str) -> bool:
    return bool(text) and "\n" not in text and text == text.strip() and not text.startswith("- ")


def _yaml_list(text: str) -> list[Any] | None:
    if not text.startswith("- "):
        return None
    parsed = _cell_yaml(text)
    return parsed if isinstance(parsed, list) else None


def _cell_yaml(text: str) -> Any:
    """YAML held in cells, read as carefully as plan files (a cell is hostile input too); None
    when it cannot be read."""
    problems: list[Problem] = []
    read = read_yaml(text, "", problems)
    return None if read is None or problems else read[0]


# --- export -----------------------------------------------------------------------------

Value = str | int | None


@dataclass(frozen=True)
class Sheet:
    """One sheet to write: its name, its columns and its rows of values."""

    name: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]


def export_plan(plans_dir: Path, plan_id: str, target: Path, period: str | None = None,
                all_updates: bool = False) -> list[str]:
    """Write a plan (with one update, or with all of them) to `target`; return the sheet names.

    CSV holds one sheet: the plan, or the plan with one update's progress. XLSX holds a
    `Plan` sheet and one sheet per exported update. Raises `InputError` when the plan's
    files have errors, `UsageError` for a file type or option that cannot work."""
    suffix = _suffix(target)
    if all_updates and suffix == ".csv":
        raise UsageError("--all-updates needs an .xlsx file: a CSV file holds only one sheet.")
    valid = find_plan(plans_dir, plan_id)
    updates = _chosen_updates(plans_dir, valid, period, all_updates)
    sheets = [] if suffix == ".csv" and updates else [plan_sheet(valid.plan, None)]
    sheets += [plan_sheet(valid.plan, update) for update in updates]
    if suffix == ".csv":
        _replace(target, csv_bytes(sheets[0]))
    else:
        _replace(target, xlsx_bytes(sheets))
    return [sheet.name for sheet in sheets]


def find_plan(plans_dir: Path, plan_id: str) -> ValidPlan:
    """The plan `plan_id` read and checked, or `InputError` with its problems."""
    if not plans_dir.is_dir():
        raise InputError([Problem(plans_dir.as_posix(), 1, 1, "", f"There is no plans folder `{plans_dir}`.",
                                  "Give the plans folder with --plans.")])
    validated = validate(load_plans(plans_dir))
    for valid in validated.plans:
        if valid.plan.id == plan_id:
            return valid
    prefix = (plans_dir / plan_id).as_posix()
    errors = [p for p in validated.problems if p.is_error and f"/{plan_id}/" in f"/{p.file}"]
    if (plans_dir / plan_id).is_dir() and errors:
        raise InputError(errors)
    known = sorted(p.name for p in plans_dir.iterdir() if p.is_dir())
    guess = difflib.get_close_matches(plan_id, known, n=1, cutoff=0.5)
    hint = f"Did you mean `{guess[0]}`?" if guess else "Known plans: " + ", ".join(f"`{k}`" for k in known) + "."
    raise InputError([Problem(prefix, 1, 1, "plan", f"There is no plan with the id `{plan_id}`.", hint)])


def _chosen_updates(plans_dir: Path, valid: ValidPlan, period: str | None,
                    all_updates: bool) -> list[schema.Update]:
    updates = [update for update, _ in valid.updates]
    if all_updates or period is None:
        return updates if all_updates else []
    for update in updates:
        if update.period == period:
            return [update]
    known = ", ".join(f"`{u.period}`" for u in updates) or "none yet"
    raise InputError([Problem((plans_dir / valid.plan.id / "updates").as_posix(), 1, 1, "period",
                              f"The plan `{valid.plan.id}` has no update for `{period}`.",
                              f"Its updates: {known}.")])


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise UsageError(f"`{path}` must end in .csv or .xlsx.")
    return suffix


def plan_sheet(plan: schema.Plan, update: schema.Update | None) -> Sheet:
    """The rows of one sheet: the plan, with one update's progress when `update` is given."""
    columns = _columns(plan, update)
    records = [_plan_values(rec, action, milestone) for rec, action, milestone in _items(plan)]
    if update is not None:
        _add_progress(plan, update, records)
    chunks = _chunks(_details_text(plan, update))
    records += [{} for _ in range(len(chunks) - len(records))]
    for record, chunk in zip(records, chunks, strict=False):
        record["details"] = chunk
    rows = tuple(tuple(record.get(c.field) for c in columns) for record in records)
    return Sheet("Plan" if update is None else sheet_name(update.period), columns, rows)


def _columns(plan: schema.Plan, update: schema.Update | None) -> tuple[Column, ...]:
    if update is None:
        return (*PLAN_VISIBLE, *PLAN_HIDDEN, DETAILS)
    order = () if _in_plan_order(plan, update) else (PROGRESS_ORDER,)
    return (*PLAN_VISIBLE, *UPDATE_VISIBLE, *PLAN_HIDDEN, *UPDATE_HIDDEN, *order, DETAILS)


def _items(plan: schema.Plan) -> Iterator[tuple[schema.Recommendation, schema.Action | None, schema.Milestone | None]]:
    for rec in plan.recommendations:
        if not rec.actions:
            yield rec, None, None
        for action in rec.actions:
            yield rec, action, None
            for milestone in action.milestones:
                yield rec, action, milestone


def _in_plan_order(plan: schema.Plan, update: schema.Update) -> bool:
    """True when the update lists its items in the plan's order (so no Progress order column is needed)."""
    keys = [(("milestone", m.id) if m else ("action", a.id)) for _, a, m in _items(plan) if a]
    order = {key: index for index, key in enumerate(keys)}
    positions = [order.get(key, -1) for key in _progress_keys(update)]
    return positions == sorted(positions)


def _progress_keys(update: schema.Update) -> list[tuple[str, str]]:
    return [("action", p.action) if p.action else ("milestone", str(p.milestone)) for p in update.progress]


def _plan_values(rec: schema.Recommendation, action: schema.Action | None,
                 milestone: schema.Milestone | None) -> dict[str, Value]:
    values: dict[str, Value] = {
        "recommendation": rec.number, "recommendation_title": rec.title, "recommendation_id": rec.id,
        "recommendation_text": rec.text, "section": rec.section, "shared_with": rec.actions_shared_with,
        "recommendation_missing": encode_missing(rec.missing), "recommendation_notes": encode_list(rec.notes),
    }
    if action is None:
        return values
    values |= {"action": action.number or action.id, "action_id": action.id}
    if milestone is None:
        values |= {"action_number": action.number, "action_title": action.title, "monitoring": action.monitoring}
        item: schema.Action | schema.Milestone = action
    else:
        values |= {"milestone": milestone.id, "milestone_number": milestone.number}
        item = milestone
    return values | {"text": item.text, "lead": item.lead, "deadline": item.deadline,
                     "missing": encode_missing(item.missing), "notes": encode_list(item.notes)}


def _add_progress(plan: schema.Plan, update: schema.Update, records: list[dict[str, Value]]) -> None:
    labels = {s.id: s.label for s in plan.statuses} | {NOT_REPORTED: "Not reported"}
    found = {key: (index, entry) for index, (key, entry) in enumerate(zip(_progress_keys(update), update.progress,
                                                                         strict=True))}
    for record in records:
        milestone = record.get("milestone")
        key = ("milestone", str(milestone)) if milestone else ("action", str(record.get("action_id")))
        if key in found:
            index, entry = found[key]
            record |= {
                "status": entry.status, "status_label": labels.get(entry.status), "percent": entry.percent,
                "commentary": entry.commentary, "revised_deadline": entry.deadline, "prior_work": entry.prior_work,
                "contact": entry.contact, "evidence": encode_evidence(entry.evidence),
                "progress_missing": encode_missing(entry.missing), "progress_notes": encode_list(entry.notes),
                "progress_order": index + 1,
            }


def _details_text(plan: schema.Plan, update: schema.Update | None) -> str:
    data: dict[str, Any] = {"plan": plan.model_dump(mode="json", exclude_defaults=True,
                                                    exclude={"id", "recommendations"})}
    if update is not None:
        data["update"] = update.model_dump(mode="json", exclude_defaults=True, exclude={"progress"})
    return to_yaml(data)


def _chunks(text: str) -> list[str]:
    return [text[start:start + _CELL_LIMIT] for start in range(0, len(text), _CELL_LIMIT)]


def csv_bytes(sheet: Sheet) -> bytes:
    """The sheet as CSV: UTF-8 with a byte-order mark (so Excel reads accents), CRLF line ends."""
    buffer = io.StringIO()
    writer = csvsafe.Writer(buffer, lineterminator="\r\n")
    writer.writerow(c.header for c in sheet.columns)
    writer.writerows(["" if value is None else value for value in row] for row in sheet.rows)
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The sheets as an XLSX workbook; the same sheets always give the same bytes."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        _fill(workbook.create_sheet(sheet.name), sheet)
    workbook.properties.created = _FIXED_TIME
    workbook.properties.modified = _FIXED_TIME
    workbook.properties.creator = "python -m generator export"
    raw = io.BytesIO()
    archive = ZipFile(raw, "w", ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(workbook, archive).save()  # unlike Workbook.save, keeps `modified` as set
    return _fixed_zip(raw.getvalue())


def _fill(worksheet: Any, sheet: Sheet) -> None:
    bold, top = Font(bold=True), Alignment(vertical="top")
    wrap = Alignment(vertical="top", wrap_text=True)
    for number, column in enumerate(sheet.columns, start=1):
        worksheet.cell(1, number, column.header).font = bold
        dimension = worksheet.column_dimensions[get_column_letter(number)]
        dimension.width, dimension.hidden = column.width, column.hidden
    details = sheet.columns.index(DETAILS)
    for row_number, row in enumerate(sheet.rows, start=2):
        for number, value in enumerate(row, start=1):
            if value is not None:
                cell = worksheet.cell(row_number, number)
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"  # text beginning with `=` stays text, not a formula
                cell.alignment = wrap if sheet.columns[number - 1].width >= 30 else top
        if all(value is None for i, value in enumerate(row) if i != details):
            worksheet.row_dimensions[row_number].hidden = True
    worksheet.freeze_panes = "A2"
    worksheet.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{len(sheet.rows) + 1}"


def _fixed_zip(raw: bytes) -> bytes:
    """The archive again with every entry dated 2000-01-01, so output depends only on the data."""
    out = io.BytesIO()
    with ZipFile(io.BytesIO(raw)) as source, ZipFile(out, "w", ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = ZIP_DEFLATED
            fixed.create_system, fixed.external_attr = 3, 0o644 << 16  # the same on every platform
            target.writestr(fixed, source.read(info))
    return out.getvalue()


def _replace(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".{target.name}.partial")
    staging.write_bytes(data)
    os.replace(staging, target)


# --- reading spreadsheets ---------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One cell as read: the text it shows, and for numbers the value and percent format."""

    text: str = ""
    number: float | None = None
    percent: bool = False


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


_MERGE_LOSES = frozenset((*_ITEM_FIELDS, *_PROGRESS_FIELDS, "milestone", "milestone_text"))
"""Fields that belong to each row: merged over several rows, all rows but the first lose them.
(A recommendation's or action's cells may be merged over its rows: they belong to all.)"""


def lost_cells(table: Table, header: Header) -> list[Problem]:
    """Cells that would read as empty although the sheet shows a value: formulas with no saved
    result, and a value merged over the rows of several items."""
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
    return found


def _choose_sheet(workbook: Any, name: str, sheet: str | None, period: str | None) -> Any:
    titles = [str(title) for title in workbook.sheetnames]
    wanted = sheet or (sheet_name(period) if period else "Plan")
    match = next((t for t in titles if t.casefold() == wanted.casefold()), None)
    if match is not None:
        return workbook[match]
    if sheet is None and (period is None or len(titles) == 1):
        return workbook.worksheets[0]
    guess = difflib.get_close_matches(wanted, titles, n=1, cutoff=0.5)
    hint = f"Did you mean `{guess[0]}`?" if guess else "Its sheets: " + ", ".join(f"`{t}`" for t in titles) + "."
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
        return Cell(printed_date(value, str(cell.number_format)))
    if isinstance(value, time | timedelta):
        return Cell(str(value))
    return Cell(_newlines(str(value)))


def _number_text(value: float) -> str:
    return str(round(value)) if abs(value - round(value)) < 1e-9 else repr(value)


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DATE_TOKEN = re.compile(r'"[^"]*"|\\.|yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|[-/ ,.]|.', re.IGNORECASE)


def printed_date(value: date, number_format: str) -> str:
    """A date cell as Excel prints it with its number format (`mmm-yy` → `May-18`), else ISO."""
    day = value.date() if isinstance(value, datetime) else value
    iso = day.isoformat() if not isinstance(value, datetime) or value.time() == time() else value.isoformat(" ")
    fmt = re.sub(r"\[[^\]]*\]", "", number_format.split(";")[0])
    if fmt.casefold() in ("", "general", "mm-dd-yy"):  # mm-dd-yy is Excel's locale-dependent short date
        return iso
    parts = [_date_part(token, day) for token in _DATE_TOKEN.findall(fmt)]
    return iso if any(part is None for part in parts) else "".join(str(part) for part in parts)


def _date_part(token: str, day: date) -> str | None:
    low = token.casefold()
    parts = {
        "yyyy": f"{day.year:04d}", "yy": f"{day.year % 100:02d}", "mmmmm": _MONTHS[day.month - 1][0],
        "mmmm": _MONTHS[day.month - 1], "mmm": _MONTHS[day.month - 1][:3], "mm": f"{day.month:02d}",
        "m": str(day.month), "dddd": _DAYS[day.weekday()], "ddd": _DAYS[day.weekday()][:3],
        "dd": f"{day.day:02d}", "d": str(day.day),
    }
    if low in parts:
        return parts[low]
    if token.startswith('"'):
        return token[1:-1]
    if token.startswith("\\"):
        return token[1:]
    return token if token in "-/ ,." else None


# --- the mapping file -------------------------------------------------------------------


@dataclass(frozen=True)
class Mapping:
    """How a spreadsheet's headings map to fields, and the plan and update fields it lacks."""

    columns: dict[str, str]
    status_words: dict[str, str] = field(default_factory=dict)
    plan: dict[str, Any] = field(default_factory=dict)
    update: dict[str, Any] = field(default_factory=dict)
    doc: Document | None = None

    def position(self, key: PathKey) -> tuple[int, int]:
        """Line and column of a value in the mapping file."""
        return self.doc.position(key) if self.doc else (1, 1)


_MAPPING_KEYS = ("columns", "status_words", "plan", "update")
_FROM_SPREADSHEET = {"plan": ("id", "recommendations"), "update": ("period", "progress")}


def load_mapping(path: Path | None) -> Mapping:
    """The built-in mapping, extended by a mapping file; `InputError` listing its problems."""
    defaults = {normalise_header(header): name for header, name in DEFAULT_COLUMNS.items()}
    if path is None:
        return Mapping(defaults)
    if not path.is_file():
        raise InputError([Problem(path.as_posix(), 1, 1, "", f"There is no mapping file `{path.as_posix()}`.",
                                  "Check the name given with --mapping.")])
    problems: list[Problem] = []
    doc = load_document(path, Path.cwd() if path.is_absolute() else Path(), problems)
    if doc is not None and not isinstance(doc.data, dict):
        problems.append(_at(doc, (), "The mapping file should hold fields such as `columns:` and `plan:`.", ""))
    if problems or doc is None:
        raise InputError(problems)
    data: dict[str, Any] = doc.data
    problems += _mapping_problems(doc, data)
    if problems:
        raise InputError(problems)
    columns = defaults | {normalise_header(str(h)): str(f) for h, f in (data.get("columns") or {}).items()}
    words = {_status_key(str(w)): str(s) for w, s in (data.get("status_words") or {}).items()}
    return Mapping(columns, words, dict(data.get("plan") or {}), dict(data.get("update") or {}), doc)


def _mapping_problems(doc: Document, data: dict[str, Any]) -> list[Problem]:
    problems = [_unknown_key(doc, (key,), key, _MAPPING_KEYS) for key in data if key not in _MAPPING_KEYS]
    for key in _MAPPING_KEYS:
        if data.get(key) is not None and not isinstance(data[key], dict):
            problems.append(_at(doc, (key,), f"`{key}` should be a set of `name: value` lines.",
                                "Indent its lines by two spaces under it."))
    columns = data.get("columns")
    for header, name in (columns.items() if isinstance(columns, dict) else ()):
        if str(name) not in FIELDS:
            problems.append(_unknown_key(doc, ("columns", header), str(name), sorted(FIELDS), what="field"))
    for section, reserved in _FROM_SPREADSHEET.items():
        part = data.get(section)
        for key in (k for k in reserved if isinstance(part, dict) and k in part):
            problems.append(_at(doc, (section, key), f"`{section}: {key}` comes from the spreadsheet or the "
                                "command line, not the mapping file.", "Remove it."))
    return problems


def _at(doc: Document, key: PathKey, message: str, hint: str) -> Problem:
    line, column = doc.position(key)
    return Problem(doc.name, line, column, ".".join(str(k) for k in key), message, hint)


def _unknown_key(doc: Document, key: PathKey, value: str, allowed: Sequence[str], what: str = "setting") -> Problem:
    guess = difflib.get_close_matches(value, list(allowed), n=1, cutoff=0.5)
    hint = f"Did you mean `{guess[0]}`?" if guess else "Use one of: " + ", ".join(f"`{a}`" for a in allowed) + "."
    return _at(doc, key, f"`{value}` is not a {what} a mapping file knows.", hint)


def _status_key(word: str) -> str:
    return re.sub(r"[\s\-_]+", "", word).casefold()


# --- the header row ---------------------------------------------------------------------


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


# --- reading rows -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    number: int
    cells: dict[str, tuple[int, Cell]]

    def text(self, name: str) -> str | None:
        """The cell's text exactly, or None when it is empty or only spaces."""
        found = self.cells.get(name)
        return found[1].text if found and found[1].text.strip() else None

    def key(self, name: str) -> str | None:
        """The cell's text without surrounding spaces, or None when empty."""
        text = self.text(name)
        return text.strip() if text is not None else None

    def column(self, name: str) -> int:
        """The 1-based column of a field (the first column when the sheet has none)."""
        found = self.cells.get(name)
        return found[0] + 1 if found else 1

    def has(self, names: Sequence[str]) -> bool:
        """True when any of the named cells is filled in."""
        return any(self.text(name) is not None for name in names)


@dataclass
class _Draft:
    """An item being read: its data, where it sits in the plan, and the row it started on."""

    data: dict[str, Any]
    path: PathKey
    row: int


@dataclass
class _Progress:
    order: int | None
    row: int
    data: dict[str, Any]
    marks: dict[PathKey, tuple[int, int]]


class _Statuses:
    """The plan's status words, matched by id or label ignoring case, spaces and hyphens."""

    def __init__(self, statuses: Sequence[Any], words: dict[str, str]) -> None:
        self.labels: list[str] = []
        self.ids: dict[str, str] = {_status_key(NOT_REPORTED): NOT_REPORTED}
        for status in (s for s in statuses if isinstance(s, dict) and s.get("id")):
            self.ids[_status_key(str(status["id"]))] = str(status["id"])
            if status.get("label"):
                self.ids[_status_key(str(status["label"]))] = str(status["id"])
                self.labels.append(str(status["label"]))
        self.ids |= words

    def find(self, word: str) -> str | None:
        """The status id for a word from the sheet, or None."""
        return self.ids.get(_status_key(word))

    def hint(self, word: str) -> str:
        """A did-you-mean, or the list of statuses."""
        guess = difflib.get_close_matches(word, self.labels, n=1, cutoff=0.5)
        if guess:
            return f"Did you mean `{guess[0]}`?"
        if not self.labels:
            return "The plan lists no statuses; add them under `plan: statuses:` in the mapping file."
        return ("The plan's statuses: " + ", ".join(self.labels) + ". Add the word under `status_words:` in the "
                "mapping file to read it as one of them.")


@dataclass
class _Context:
    table: Table
    header: Header
    statuses: _Statuses
    term: str
    with_update: bool
    problems: list[Problem] = field(default_factory=list)


class _Reader:
    """Turns the rows below the header into recommendations, actions, milestones and progress."""

    def __init__(self, ctx: _Context) -> None:
        self.ctx = ctx
        columns = ctx.header.columns
        self.milestone_text = "milestone_text" in columns
        self.action_is_text = "text" not in columns and "action" in columns
        self.title_column = "recommendation_title" in columns
        self.recs: list[_Draft] = []
        self.rec_keys: dict[Any, _Draft] = {}
        self.actions: dict[str, _Draft] = {}
        self.milestones: dict[str, int] = {}
        self.rec: _Draft | None = None
        self.action: _Draft | None = None
        self.progress: list[_Progress] = []
        self.ignored_progress: _Row | None = None
        self.marks: dict[PathKey, tuple[int, int]] = {}

    def read(self, rows: Sequence[_Row]) -> None:
        """Read every row, collecting problems."""
        header_texts = {name: self.ctx.header.names[name] for name in self.ctx.header.columns}
        for row in rows:
            filled = [name for name in row.cells if name != "details" and row.text(name) is not None]
            if filled and any(row.key(name) != header_texts[name] for name in filled):
                self._row(row)

    def problem(self, row: _Row, name: str, message: str, hint: str) -> None:
        """Report a problem at the row's cell for `name`."""
        self.ctx.problems.append(self.ctx.table.problem(row.number, row.column(name), message, hint))

    def put(self, draft: _Draft, key: str, value: Any, row: _Row, name: str) -> None:
        """Set a field and remember the cell it came from."""
        draft.data[key] = value
        self.marks[(*draft.path, key)] = (row.number, row.column(name))

    def _row(self, row: _Row) -> None:
        rec = self._recommendation(row)
        if rec is None:
            return
        item = self._milestone_text_row(row, rec) if self.milestone_text else self._plain_row(row, rec)
        if item is not None:
            self._progress(row, *item)
        elif row.has(_PROGRESS_FIELDS):
            self.problem(row, "status", "This row gives progress but no action or milestone.",
                         "Fill in the action's or milestone's text on the same row.")

    # recommendations

    def _recommendation(self, row: _Row) -> _Draft | None:
        key, number, title = self._rec_identity(row)
        rec = self.rec if key is None else self.rec_keys.get(key) or self._new_recommendation(row, key, number, title)
        if rec is None:
            name = next((n for n in (*_REC_FIELDS, "text") if n in row.cells), "text")
            self.problem(row, name, "This row comes before any recommendation.",
                         "Fill in the Recommendation cell on the first row of each recommendation.")
            return None
        self._recommendation_fields(rec, row, number, title)
        if rec is not self.rec:
            self.rec, self.action = rec, None
        return rec

    def _rec_identity(self, row: _Row) -> tuple[Any, str | None, str | None]:
        number, title = row.text("recommendation"), row.text("recommendation_title")
        if not self.title_column and number is not None and not _NUMBER_LIKE.match(number.strip()):
            number, title = None, number  # a heading or full text in the Recommendation column
        if "recommendation_id" in row.cells:
            return row.key("recommendation_id"), number, title
        if number is not None:
            return ("number", number.strip()), number, title
        if title is not None and (self.rec is None or self.rec.data.get("title") != title):
            return ("title", title.strip()), number, title
        return None, number, title

    def _new_recommendation(self, row: _Row, key: Any, number: str | None, title: str | None) -> _Draft:
        rec = _Draft({}, ("recommendations", len(self.recs)), row.number)
        self.marks[rec.path] = (row.number, 1)
        explicit = row.key("recommendation_id")
        if explicit is not None:
            rec_id = self._checked_id(row, "recommendation_id", explicit)
        else:
            short = _slug(title or "")
            wanted = f"r{_slug(number)}" if number else short if 0 < len(short) <= 30 else f"r{len(self.recs) + 1}"
            rec_id = self._unique_id(wanted, {r.data["id"] for r in self.recs})
        self.put(rec, "id", rec_id, row, "recommendation_id" if explicit else "recommendation")
        rec.data["actions"] = []
        self.recs.append(rec)
        self.rec_keys[key] = rec
        return rec

    def _recommendation_fields(self, rec: _Draft, row: _Row, number: str | None, title: str | None) -> None:
        title_field = "recommendation_title" if self.title_column else "recommendation"
        values: list[tuple[str, str, Any]] = [
            ("number", "recommendation", number), ("title", title_field, title),
            ("text", "recommendation_text", row.text("recommendation_text")),
            ("section", "section", row.key("section")), ("actions_shared_with", "shared_with", row.key("shared_with")),
            ("missing", "recommendation_missing", self._missing(row, "recommendation_missing")),
            ("notes", "recommendation_notes", _maybe(decode_list, row.text("recommendation_notes"))),
        ]
        for key, name, value in values:
            if value is not None:
                self._set_once(rec, key, value, row, name)

    def _set_once(self, draft: _Draft, key: str, value: Any, row: _Row, name: str) -> None:
        if key not in draft.data:
            self.put(draft, key, value, row, name)
        elif draft.data[key] != value:
            first = self.marks.get((*draft.path, key), (draft.row, 1))[0]
            self.problem(row, name, f"The {self.ctx.header.names.get(name, name)} cell differs from row {first} "
                         "of the same recommendation.",
                         "A recommendation's cells must be the same on all its rows (or empty after the first).")

    # actions and milestones

    def _plain_row(self, row: _Row, rec: _Draft) -> tuple[str, str] | None:
        if row.key("milestone") is not None:
            parent = self._parent(row)
            return ("milestone", self._new_milestone(row, parent, "text")) if parent else None
        if row.has((*_ACTION_FIELDS, *_ITEM_FIELDS)):
            return "action", self._new_action(row, rec, with_item=True)
        return None

    def _milestone_text_row(self, row: _Row, rec: _Draft) -> tuple[str, str] | None:
        is_milestone = row.has(("milestone", "milestone_text"))
        action = self.action
        if row.has((*_ACTION_FIELDS, "text")) and not self._same_action(row):
            self._new_action(row, rec, with_item=not is_milestone)
            action = self.action
        elif not is_milestone and row.has(_ITEM_FIELDS) and action is None:
            self._new_action(row, rec, with_item=True)
            action = self.action
        if not is_milestone:
            return ("action", action.data["id"]) if action else None
        if action is None:
            self.problem(row, "milestone_text", "This milestone row comes before any action.",
                         "Put each milestone's row below its action's row.")
            return None
        return "milestone", self._new_milestone(row, action, "milestone_text")

    def _same_action(self, row: _Row) -> bool:
        if self.action is None:
            return False
        ref = row.key("action_id") or (None if self.action_is_text else row.key("action"))
        if ref is not None:
            return ref in (self.action.data["id"], self.action.data.get("number"))
        text = row.text("action" if self.action_is_text else "text")
        return text is None or text == self.action.data.get("text")

    def _new_action(self, row: _Row, rec: _Draft, with_item: bool) -> str:
        action = _Draft({}, (*rec.path, "actions", len(rec.data["actions"])), row.number)
        self.marks[action.path] = (row.number, 1)
        number_field = "action_number" if "action_number" in row.cells else (None if self.action_is_text else "action")
        number = row.text(number_field) if number_field else None
        explicit = row.key("action_id")
        default = f"{rec.data['id']}-{len(rec.data['actions']) + 1}"
        if explicit:
            action_id, id_field = self._checked_id(row, "action_id", explicit), "action_id"
        else:
            action_id = (_slug(number) if number else "") or default
            id_field = number_field if number and number_field else self._text_field()
        self.put(action, "id", self._first_use(row, id_field, action_id, "action", self.actions), row, id_field)
        for key, name, value in (("number", number_field or "action", number),
                                 ("title", "action_title", row.text("action_title")),
                                 ("text", self._text_field(), row.text(self._text_field()))):
            if value is not None:
                self.put(action, key, value, row, name)
        if with_item:
            self._item_fields(row, action, self._text_field(), "action")
        if row.text("monitoring") is not None:
            self.put(action, "monitoring", row.text("monitoring"), row, "monitoring")
        action.data["milestones"] = []
        rec.data["actions"].append(action.data)
        self.actions[action.data["id"]] = action
        self.action = action
        return str(action.data["id"])

    def _text_field(self) -> str:
        return "action" if self.action_is_text else "text"

    def _parent(self, row: _Row) -> _Draft | None:
        ref = row.key("action_id") or (None if self.action_is_text else row.key("action"))
        if ref is None:
            if self.action is None:
                self.problem(row, "milestone", "This milestone row comes before any action.",
                             "Put each milestone's row below its action's row.")
            return self.action
        found = self.actions.get(ref) or self.actions.get(_slug(ref)) or next(
            (a for a in self.actions.values() if a.data.get("number") == ref), None)
        if found is None:
            name = "action_id" if row.key("action_id") else "action"
            self.problem(row, name, f"This milestone row names the action `{ref}`, but no action row above has "
                         "that id or number.", "Put each milestone's row below its action's row.")
        else:
            self.action = found
        return found

    def _new_milestone(self, row: _Row, action: _Draft, text_field: str) -> str:
        milestones: list[Any] = action.data["milestones"]
        milestone = _Draft({}, (*action.path, "milestones", len(milestones)), row.number)
        self.marks[milestone.path] = (row.number, 1)
        cell = row.text("milestone")
        default = f"{action.data['id']}-{len(milestones) + 1}"
        milestone_id = (cell.strip() if cell and _SLUG.match(cell.strip()) else _slug(cell or "")) or default
        id_field = "milestone" if cell else text_field
        self.put(milestone, "id", self._first_use(row, id_field, milestone_id, "milestone", self.milestones),
                 row, id_field)
        number = row.text("milestone_number") if "milestone_number" in row.cells else cell
        if number is not None:
            self.put(milestone, "number", number, row, "milestone_number" if "milestone_number" in row.cells else
                     "milestone")
        self._item_fields(row, milestone, text_field, "milestone")
        milestones.append(milestone.data)
        self.milestones[milestone.data["id"]] = row.number
        return str(milestone.data["id"])

    def _item_fields(self, row: _Row, item: _Draft, text_field: str, kind: str) -> None:
        text = row.text(text_field)
        if text is None:
            heading = self.ctx.header.names.get(text_field, "Text")
            self.problem(row, text_field, f"This {kind} has no text: its {heading} cell is empty.",
                         f"Every {kind} needs its text as published; fill in the cell, or delete the row.")
        self.put(item, "text", text or "", row, text_field)
        for key in ("lead", "deadline"):
            if row.text(key) is not None:
                self.put(item, key, row.text(key), row, key)
        missing = self._missing(row, "missing")
        if missing:
            self.put(item, "missing", missing, row, "missing")
        if row.text("notes") is not None:
            self.put(item, "notes", decode_list(str(row.text("notes"))), row, "notes")

    def _first_use(self, row: _Row, name: str, item_id: str, kind: str, seen: dict[str, Any]) -> str:
        if item_id not in seen:
            return item_id
        first = seen[item_id]
        first_row = first.row if isinstance(first, _Draft) else first
        self.problem(row, name, f"The {kind} id `{item_id}` is used twice (first on row {first_row}).",
                     f"Give each {kind} its own number or id; ids are permanent web addresses.")
        return f"duplicate-row-{row.number}"

    def _checked_id(self, row: _Row, name: str, value: str) -> str:
        if _SLUG.match(value) and len(value) <= 60:
            return value
        self.problem(row, name, f"`{value}` is not a valid id.", _ID_HINT)
        return _slug(value) or f"row-{row.number}"

    def _unique_id(self, wanted: str, taken: set[str]) -> str:
        candidate, n = wanted, 1
        while candidate in taken:
            n += 1
            candidate = f"{wanted}-{n}"
        return candidate

    def _missing(self, row: _Row, name: str) -> list[str] | None:
        text = row.text(name)
        if text is None:
            return None
        words = [w.strip() for w in re.split(r"[,;\n]", text) if w.strip()]
        for word in (w for w in words if w not in _TERMS):
            guess = difflib.get_close_matches(word, sorted(_TERMS), n=1, cutoff=0.5)
            self.problem(row, name, f"`{word}` is not a field that can be missing.",
                         f"Did you mean `{guess[0]}`?" if guess else "Use: " + ", ".join(sorted(_TERMS)) + ".")
        return [w for w in words if w in _TERMS] or None

    # progress

    def _progress(self, row: _Row, kind: str, item_id: str) -> None:
        if not row.has(_PROGRESS_FIELDS):
            return
        if not self.ctx.with_update:
            self.ignored_progress = self.ignored_progress or row
            return
        entry = _Progress(self._order(row), row.number, {kind: item_id}, {(kind,): (row.number, 1)})

        def put(key: str, value: Any, name: str) -> None:
            if value is not None:
                entry.data[key] = value
                entry.marks[(key,)] = (row.number, row.column(name))

        status_field = "status" if row.key("status") else "status_label"
        put("status", self._status(row, status_field), status_field)
        put("percent", self._percent(row), "percent")
        for key, name in (("commentary", "commentary"), ("deadline", "revised_deadline"),
                          ("prior_work", "prior_work"), ("contact", "contact")):
            put(key, row.text(name), name)
        put("evidence", _maybe(decode_evidence, row.text("evidence")), "evidence")
        put("missing", self._missing(row, "progress_missing"), "progress_missing")
        put("notes", _maybe(decode_list, row.text("progress_notes")), "progress_notes")
        self.progress.append(entry)

    def _status(self, row: _Row, name: str) -> str:
        word = row.key(name)
        if word is None:
            return NOT_REPORTED
        found = self.ctx.statuses.find(word)
        if found is None:
            self.problem(row, name, f"`{word}` is not one of the plan's statuses.", self.ctx.statuses.hint(word))
            return NOT_REPORTED
        return found

    def _percent(self, row: _Row) -> int | None:
        found = row.cells.get("percent")
        if found is None or not found[1].text.strip():
            return None
        value = parse_percent(found[1])
        if value is None:
            heading = self.ctx.header.names["percent"]
            self.problem(row, "percent", f"{heading} must be a number from 0 to 100, not `{found[1].text.strip()}`.",
                         "Write a whole number such as 20 or 20%, or leave the cell empty.")
        return value

    def _order(self, row: _Row) -> int | None:
        text = row.key("progress_order")
        if text is None:
            return None
        if text.isdigit():
            return int(text)
        self.problem(row, "progress_order", f"Progress order must be a whole number, not `{text}`.",
                     "Leave it empty to keep the rows' order.")
        return None


def parse_percent(cell: Cell) -> int | None:
    """Percent complete from `20%`, `20`, 20, or 0.2 in a cell formatted as a percentage; else None."""
    if cell.number is not None:
        value = cell.number * 100 if cell.percent else cell.number
    else:
        text = cell.text.strip().removesuffix("%").strip()
        try:
            value = float(text)
        except ValueError:
            return None
    if abs(value - round(value)) > 1e-6 or not 0 <= round(value) <= 100:
        return None
    return round(value)


def _maybe(parse: Callable[[str], T], text: str | None) -> T | None:
    return parse(text) if text is not None else None


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    if len(slug) > 60:
        slug = slug[:60].rsplit("-", 1)[0] if "-" in slug[:60] else slug[:60]
    return slug


# --- import -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    """The files an import produced (plan first), which of them it wrote, and the warnings found."""

    files: tuple[Path, ...]
    written: frozenset[Path]
    warnings: tuple[Problem, ...]


@dataclass
class _Details:
    """The plan's and update's other fields, from the Details column, and the cell they start in."""

    plan: dict[str, Any] = field(default_factory=dict)
    update: dict[str, Any] = field(default_factory=dict)
    position: tuple[int, int] | None = None


_PLAN_DOC, _UPDATE_DOC = "<plan>", "<update>"
_STAND_INS: dict[str, Any] = {"title": "-", "short_name": "-", "recommended_by": "-", "summary": "-", "date": "-",
                              "sources": [{"id": "stand-in", "title": "-", "date": "-"}]}


def import_spreadsheet(source: Path, plan_id: str, plans_dir: Path, mapping_file: Path | None = None,
                       sheet: str | None = None, period: str | None = None, force: bool = False) -> ImportResult:
    """Read a plan (and with `period` an update) from a spreadsheet and write its YAML files.

    Every problem in the sheet is collected and raised once as `InputError`; nothing is
    written unless the files pass `check`. Existing files are replaced only with `force`
    (files whose content would not change are left alone)."""
    _check_arguments(plans_dir, plan_id, period)
    mapping = load_mapping(mapping_file)
    table = read_table(source, sheet, period)
    header, problems = find_header(table, mapping)
    problems += lost_cells(table, header)
    rows = _rows(table, header)
    details = _details(table, rows, problems)
    meta = details.plan | mapping.plan
    statuses = _Statuses(meta.get("statuses") or [], mapping.status_words)
    terms: dict[str, Any] = meta["terms"] if isinstance(meta.get("terms"), dict) else {}
    term = str(terms.get("recommendation") or "Recommendation")
    ctx = _Context(table, header, statuses, term, period is not None, problems)
    reader = _Reader(ctx)
    reader.read(rows)
    _check_progress_columns(ctx, reader)
    plan, update = _assemble(ctx, reader, details, mapping, plan_id, period)
    files = {plans_dir / plan_id / "plan.yaml": _file_text(plan, "../plan.schema.json", table)}
    if update is not None and period is not None:
        files[plans_dir / plan_id / "updates" / f"{update_slug(period)}.yaml"] = \
            _file_text(update, "../../update.schema.json", table)
    return _write(files, plans_dir, plan_id, force, ctx.problems)


def _check_arguments(plans_dir: Path, plan_id: str, period: str | None) -> None:
    problems = []
    if not (_SLUG.match(plan_id) and len(plan_id) <= 60):
        problems.append(Problem(plans_dir.as_posix(), 1, 1, "plan", f"`{plan_id}` is not a valid plan id.", _ID_HINT))
    if period is not None and not re.match(r"^\d{4}/\d{2} Q[1-4]$", period):
        problems.append(Problem(plans_dir.as_posix(), 1, 1, "period", f"`{period}` is not a period.",
                                "Write the financial-year quarter as `2017/18 Q2` (Q1 is April to June)."))
    if problems:
        raise InputError(problems)


def _rows(table: Table, header: Header) -> list[_Row]:
    rows = []
    for number, cells in enumerate(table.rows[header.row:], start=header.row + 1):
        rows.append(_Row(number, {name: (index, cells[index] if index < len(cells) else Cell())
                                  for name, index in header.columns.items()}))
    return rows


def _details(table: Table, rows: Sequence[_Row], problems: list[Problem]) -> _Details:
    parts = [(row, row.cells["details"][1].text) for row in rows if "details" in row.cells]
    parts = [(row, text) for row, text in parts if text]
    if not parts:
        return _Details()
    position = (parts[0][0].number, parts[0][0].column("details"))
    data = _cell_yaml("".join(text for _, text in parts))
    if not isinstance(data, dict) or not all(isinstance(data.get(k) or {}, dict) for k in ("plan", "update")):
        problems.append(table.problem(*position, "The Details cell cannot be read.",
                                      "It is written by export; restore it from the exported file, or clear the "
                                      "whole Details column and give the plan's fields in a mapping file."))
        return _Details(position=position)
    return _Details(dict(data.get("plan") or {}), dict(data.get("update") or {}), position)


def _check_progress_columns(ctx: _Context, reader: _Reader) -> None:
    if ctx.with_update and not any(name in ctx.header.columns for name in ("status", "percent", "commentary")):
        ctx.problems.append(ctx.table.problem(ctx.header.row, 1, "--update was given, but the sheet has no Status, "
                                              "% Complete or Comments column.",
                                              "Choose the sheet holding the update with --sheet, or map its "
                                              "columns in a mapping file."))
    if reader.ignored_progress is not None:
        row = reader.ignored_progress
        name = next(name for name in _PROGRESS_FIELDS if row.text(name) is not None)
        ctx.problems.append(ctx.table.problem(row.number, row.column(name), "The progress columns are not "
                                              "imported without --update.",
                                              'Give --update "yyyy/yy Qn" to import them as an update.',
                                              Severity.warning))


def _assemble(ctx: _Context, reader: _Reader, details: _Details, mapping: Mapping, plan_id: str,
              period: str | None) -> tuple[schema.Plan, schema.Update | None]:
    plan_data, plan_origin = _with_meta(details.plan, mapping.plan, "plan", ctx, mapping, details)
    plan_data = {"id": plan_id, **plan_data, "recommendations": [_finish_rec(r, reader, ctx) for r in reader.recs]}
    if not reader.recs:
        ctx.problems.append(ctx.table.problem(ctx.header.row, 1, "The sheet holds no recommendations.",
                                              "Fill in the rows below the header row."))
        raise InputError(ctx.problems)
    docs = [_document(_PLAN_DOC, Path("plan.yaml"), plan_data, reader.marks, plan_origin, details, ctx)]
    origins = {_PLAN_DOC: plan_origin}
    update_data: dict[str, Any] | None = None
    if period is not None:
        update_data, origins[_UPDATE_DOC] = _update_data(ctx, reader, details, mapping, period, plan_data)
        marks = {("progress", i, *key): pos for i, p in enumerate(_sorted(reader.progress))
                 for key, pos in p.marks.items()}
        docs.append(_document(_UPDATE_DOC, Path(f"{update_slug(period)}.yaml"), update_data, marks,
                              origins[_UPDATE_DOC], details, ctx))
    _validate(docs, origins, ctx, mapping)
    if any(p.is_error for p in ctx.problems):
        raise InputError(ctx.problems)
    update = schema.Update.model_validate(update_data) if update_data is not None else None
    return schema.Plan.model_validate(plan_data), update


def _with_meta(from_details: dict[str, Any], from_mapping: dict[str, Any], section: str, ctx: _Context,
               mapping: Mapping, details: _Details) -> tuple[dict[str, Any], dict[str, str]]:
    data = {k: v for k, v in (from_details | from_mapping).items() if k not in _FROM_SPREADSHEET[section]}
    origin = {k: ("mapping" if k in from_mapping else "details") for k in data}
    model: type[BaseModel] = schema.Plan if section == "plan" else schema.Update
    for name, info in model.model_fields.items():
        if info.is_required() and name not in data and name not in _FROM_SPREADSHEET[section]:
            if section == "update" and name == "source":
                continue
            ctx.problems.append(_not_given(section, name, ctx, mapping, details))
            data[name], origin[name] = _STAND_INS[name], "stand-in"
    return data, origin


def _not_given(section: str, name: str, ctx: _Context, mapping: Mapping, details: _Details) -> Problem:
    message = f"The {section}'s `{name}` is not given."
    hint = f"Add `{name}:` under `{section}:` in the mapping file (--mapping)."
    if mapping.doc is not None:
        line, column = mapping.position((section,))
        return Problem(mapping.doc.name, line, column, section, message, hint)
    if details.position is None:
        hint += " The sheet has no Details column to take it from."
    return ctx.table.problem(ctx.header.row, 1, message, hint)


def _update_data(ctx: _Context, reader: _Reader, details: _Details, mapping: Mapping, period: str,
                 plan_data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    given = details.update.get("period")
    if given is not None and str(given) != period and details.position is not None:
        ctx.problems.append(ctx.table.problem(*details.position, f"This sheet holds the update for {given}, not "
                                              f"{period}.", f'Give --update "{given}", or choose the sheet for '
                                              f"{period} with --sheet."))
    data, origin = _with_meta(details.update, mapping.update, "update", ctx, mapping, details)
    sources = [s.get("id") for s in plan_data.get("sources") or [] if isinstance(s, dict)]
    if "source" not in data:
        if len(sources) == 1:
            data["source"] = sources[0]
        else:
            ctx.problems.append(_not_given("update", "source", ctx, mapping, details))
            data["source"] = sources[0] if sources else "stand-in"
    return {"period": period, **data, "progress": [p.data for p in _sorted(reader.progress)]}, origin


def _sorted(progress: Sequence[_Progress]) -> list[_Progress]:
    return sorted(progress, key=lambda p: (p.order is None, p.order or 0, p.row))


def _finish_rec(rec: _Draft, reader: _Reader, ctx: _Context) -> dict[str, Any]:
    if "title" not in rec.data:
        number = rec.data.get("number")
        rec.data["title"] = f"{ctx.term} {number}" if number else ctx.term
        rec.data["missing"] = [*rec.data.get("missing", []), "title"]
    for action in rec.data["actions"]:
        if not action["milestones"]:
            del action["milestones"]
    if not rec.data["actions"]:
        del rec.data["actions"]
    return rec.data


def _document(name: str, path: Path, data: dict[str, Any], marks: dict[PathKey, tuple[int, int]],
              origin: dict[str, str], details: _Details, ctx: _Context) -> Document:
    all_marks = dict(marks)
    all_marks[()] = (ctx.header.row, 1)
    for key, where in origin.items():
        all_marks[(key,)] = details.position if where == "details" and details.position else (ctx.header.row, 1)
    return Document(path, name, data, all_marks)


def _validate(docs: Sequence[Document], origins: dict[str, dict[str, str]], ctx: _Context,
              mapping: Mapping) -> None:
    """The generator's own checks on the data read, with problems pointed at cells or the mapping file."""
    files = PlanFiles(Path(str(docs[0].data["id"])), docs[0], tuple(docs[1:]))
    for problem in validate(Loaded((files,), ())).problems:
        if problem.is_error:
            ctx.problems.append(_repoint(problem, origins, ctx, mapping))


def _repoint(problem: Problem, origins: dict[str, dict[str, str]], ctx: _Context, mapping: Mapping) -> Problem:
    section = "update" if problem.file == _UPDATE_DOC else "plan"
    loc = _parse_field(problem.field)
    origin = origins.get(problem.file, {})
    if loc and origin.get(str(loc[0])) == "mapping" and mapping.doc is not None:
        line, column = mapping.position((section, *loc))
        return replace(problem, file=mapping.doc.name, line=line, column=column,
                       field=f"{section}.{problem.field}")
    return replace(problem, file=ctx.table.file, field=ctx.table.ref(problem.line, problem.column))


def _parse_field(text: str) -> PathKey:
    return tuple(int(index) if index else name for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", text))


def _file_text(model: BaseModel, schema_path: str, table: Table) -> str:
    data = model.model_dump(mode="json", exclude_defaults=True)
    return (f"# yaml-language-server: $schema={schema_path}\n"
            f"# Imported from {Path(table.file).name} (sheet {table.sheet}) by `python -m generator import`.\n"
            + to_yaml(data))


def _write(files: dict[Path, str], plans_dir: Path, plan_id: str, force: bool,
           problems: list[Problem]) -> ImportResult:
    changed = {path: text for path, text in files.items() if not _same_content(path, text)}
    blocked = [path for path in changed if path.exists() and not force]
    if blocked:
        raise InputError([Problem(path.as_posix(), 1, 1, "", f"{path.as_posix()} already exists; nothing was written.",
                                  "Give --force to replace it (then review the change with `git diff`), or import "
                                  "under another --plan id.") for path in blocked])
    warnings = _check_written(files, plans_dir, plan_id)
    for path, text in changed.items():
        _replace(path, text.encode("utf-8"))
    return ImportResult(tuple(files), frozenset(changed), tuple(sorted(problems + warnings)))


def _same_content(path: Path, text: str) -> bool:
    """True when `path` holds the same data as `text`, however it is laid out."""
    if not path.is_file():
        return False
    problems: list[Problem] = []
    old = load_document(path, path.parent, problems)
    new = yaml.safe_load(text)
    if old is None or problems or not isinstance(old.data, dict):
        return False
    model: type[BaseModel] = schema.Plan if path.name == "plan.yaml" else schema.Update
    try:
        return model.model_validate(old.data) == model.model_validate(new)
    except ValidationError:
        return False


def _check_written(files: dict[Path, str], plans_dir: Path, plan_id: str) -> list[Problem]:
    """Run `check` on the plan as it would be written (with its other updates); errors stop the import."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "plans" / plan_id
        (folder / "updates").mkdir(parents=True)
        existing = plans_dir / plan_id / "updates"
        for other in sorted(existing.glob("*.y*ml")) if existing.is_dir() else ():
            shutil.copy(other, folder / "updates" / other.name)
        for path, text in files.items():
            (folder / path.relative_to(plans_dir / plan_id)).write_text(text, encoding="utf-8")
        found = pipeline.check(Path(tmp) / "plans")
    real = [replace(p, file=(plans_dir / Path(p.file).relative_to("plans")).as_posix())
            if p.file.startswith("plans/") else p for p in found]
    errors = [p for p in real if p.is_error]
    if errors:
        raise InputError(errors)
    return real
