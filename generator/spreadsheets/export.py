"""Export: a plan (and its updates) as a spreadsheet someone can work on in Excel.

One row per action and per milestone. The status is one column holding the label as the plan
prints it (a drop-down in Excel); `% Complete` is a number (0 to 100, checked by Excel); the
columns that identify each item are shaded and the ids hidden, and a first sheet says which
columns to edit. Sorting and filtering are safe: a hidden `Plan order` column lets import put
every row back in the plan's order. The same plan always gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]
from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped]

from generator import csvsafe, schema, suggest
from generator.files import write_atomic
from generator.load import load_plans
from generator.problems import InputError, Problem, UsageError
from generator.resolve import Names
from generator.spreadsheets.cellyaml import encode_evidence, encode_list, encode_missing, to_yaml
from generator.spreadsheets.columns import (
    DETAILS,
    ORDER,
    PLAN_HIDDEN,
    PLAN_VISIBLE,
    PROGRESS_ORDER,
    UPDATE_HIDDEN,
    UPDATE_VISIBLE,
    Column,
    sheet_name,
)
from generator.validate import ValidPlan, validate

Value = str | int | None
_FIXED_TIME = datetime(2000, 1, 1)
_CELL_LIMIT = 30000
_SHADE = PatternFill("solid", fgColor="E8E8E8")
README = "About this workbook"


@dataclass(frozen=True)
class Sheet:
    """One sheet to write: its name, its columns, its rows of values, and the status labels."""

    name: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]
    statuses: tuple[str, ...] = ()
    """The labels a Status cell may hold (for Excel's drop-down)."""


def export_plan(plans_dir: Path, plan_id: str, target: Path, period: str | None = None,
                all_updates: bool = False) -> list[str]:
    """Write a plan (with one update, or with all of them) to `target`; return the sheet names.

    CSV holds one sheet: the plan, or the plan with one update's progress. XLSX holds a sheet
    about the workbook, a `Plan` sheet and one sheet per exported update. Raises `InputError`
    when the plan's files have errors, `UsageError` for a file type or option that cannot work."""
    suffix = _suffix(target)
    if all_updates and suffix == ".csv":
        raise UsageError("--all-updates needs an .xlsx file: a CSV file holds only one sheet.")
    valid = find_plan(plans_dir, plan_id)
    updates = _chosen_updates(plans_dir, valid, period, all_updates)
    sheets = [] if suffix == ".csv" and updates else [plan_sheet(valid.plan, None)]
    sheets += [plan_sheet(valid.plan, update) for update in updates]
    if suffix == ".csv":
        write_atomic(target, csv_bytes(sheets[0]))
        return [sheet.name for sheet in sheets]
    write_atomic(target, xlsx_bytes(sheets, valid.plan))
    return [README, *(sheet.name for sheet in sheets)]


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
    raise InputError([Problem(prefix, 1, 1, "plan", f"There is no plan with the id `{plan_id}`.",
                              suggest.hint(plan_id, known, "Known plans"))])


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
    records = [_plan_values(rec, action, milestone) | {"order": number}
               for number, (rec, action, milestone) in enumerate(items(plan), start=1)]
    if update is not None:
        _add_progress(plan, update, records)
    chunks = _chunks(_details_text(plan, update))
    records += [{} for _ in range(len(chunks) - len(records))]
    for record, chunk in zip(records, chunks, strict=False):
        record["details"] = chunk
    rows = tuple(tuple(record.get(c.field) for c in columns) for record in records)
    labels = tuple(Names.of(plan).labels.values()) if update is not None else ()
    return Sheet("Plan" if update is None else sheet_name(update.period), columns, rows, labels)


def _columns(plan: schema.Plan, update: schema.Update | None) -> tuple[Column, ...]:
    if update is None:
        return (*PLAN_VISIBLE, *PLAN_HIDDEN, ORDER, DETAILS)
    order = () if _in_plan_order(plan, update) else (PROGRESS_ORDER,)
    return (*PLAN_VISIBLE, *UPDATE_VISIBLE, *PLAN_HIDDEN, *UPDATE_HIDDEN, ORDER, *order, DETAILS)


def items(plan: schema.Plan) -> Iterator[tuple[schema.Recommendation, schema.Action | None, schema.Milestone | None]]:
    """Every row of the plan: a recommendation without actions, each action, each milestone."""
    for rec in plan.recommendations:
        if not rec.actions:
            yield rec, None, None
        for action in rec.actions:
            yield rec, action, None
            for milestone in action.milestones:
                yield rec, action, milestone


def _in_plan_order(plan: schema.Plan, update: schema.Update) -> bool:
    """True when the update lists its items in the plan's order (so no Progress order column is needed)."""
    keys = [(("milestone", m.id) if m else ("action", a.id)) for _, a, m in items(plan) if a]
    order = {key: index for index, key in enumerate(keys)}
    positions = [order.get(key, -1) for key in progress_keys(plan, update)]
    return positions == sorted(positions)


def progress_keys(plan: schema.Plan, update: schema.Update) -> list[tuple[str, str]]:
    """Each progress entry's item, by its current id (an update may name a former id)."""
    names = Names.of(plan)
    return [("action", names.item("action", p.action)) if p.action else
            ("milestone", names.item("milestone", str(p.milestone))) for p in update.progress]


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
    names = Names.of(plan)
    found = {key: (index, entry) for index, (key, entry) in enumerate(zip(progress_keys(plan, update),
                                                                         update.progress, strict=True))}
    for record in records:
        milestone = record.get("milestone")
        key = ("milestone", str(milestone)) if milestone else ("action", str(record.get("action_id")))
        if key in found:
            index, entry = found[key]
            status = names.status(entry.status) or entry.status
            record |= {
                "status": names.labels.get(status, entry.status), "percent": entry.percent,
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


def xlsx_bytes(sheets: Sequence[Sheet], plan: schema.Plan | None = None) -> bytes:
    """The sheets as an XLSX workbook, after a sheet that explains it; the same sheets always give
    the same bytes."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    _readme(workbook.create_sheet(README), sheets, plan)
    for sheet in sheets:
        _fill(workbook.create_sheet(sheet.name), sheet)
    workbook.active = 1 if len(workbook.worksheets) > 1 else 0
    workbook.properties.created = _FIXED_TIME
    workbook.properties.modified = _FIXED_TIME
    workbook.properties.creator = "python -m generator export"
    raw = io.BytesIO()
    archive = ZipFile(raw, "w", ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(workbook, archive).save()  # unlike Workbook.save, keeps `modified` as set
    return _fixed_zip(raw.getvalue())


def _readme(worksheet: Any, sheets: Sequence[Sheet], plan: schema.Plan | None) -> None:
    """The first sheet: which columns to edit, and how the workbook goes back into the plan."""
    name = plan.id if plan else "<plan>"
    lines = [
        (f"{plan.title if plan else 'Plan'}: exported by python -m generator export", True),
        ("Edit the white columns. Grey columns identify each item: do not change them (import refuses a "
         "changed id).", False),
        ("Sort and filter as you like: import puts every row back in the plan's order.", False),
        ("Status: choose from the list (the words the plan prints). % Complete: a whole number from 0 to 100.",
         False),
        ("Hidden columns keep what the sheet does not show (ids, notes, evidence, the plan's other fields); "
         "leave them as they are.", False),
        (f"Back into the plan: python -m generator import THIS-FILE.xlsx --plan {name} --force", False),
        ("Import changes only what you changed in the YAML files, and says what it changed.", False),
        ("", False),
        ("Column", True),
    ]
    columns = {c.header: c for sheet in sheets for c in sheet.columns if not c.hidden}
    lines += [(f"{column.header}: {column.note}", False) for column in columns.values()]
    for number, (text, bold) in enumerate(lines, start=1):
        cell = worksheet.cell(number, 1, text)
        cell.data_type = "s"
        cell.font = Font(bold=bold)
    worksheet.column_dimensions["A"].width = 110


def _fill(worksheet: Any, sheet: Sheet) -> None:
    bold, top = Font(bold=True), Alignment(vertical="top")
    wrap = Alignment(vertical="top", wrap_text=True)
    for number, column in enumerate(sheet.columns, start=1):
        header = worksheet.cell(1, number, column.header)
        header.font = bold
        if column.fixed:
            header.fill = _SHADE
        dimension = worksheet.column_dimensions[get_column_letter(number)]
        dimension.width, dimension.hidden = column.width, column.hidden
    details = sheet.columns.index(DETAILS)
    for row_number, row in enumerate(sheet.rows, start=2):
        for number, value in enumerate(row, start=1):
            column = sheet.columns[number - 1]
            cell = worksheet.cell(row_number, number)
            if column.fixed:
                cell.fill = _SHADE
            if value is not None:
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"  # text beginning with `=` stays text, not a formula; ids stay text
                cell.alignment = wrap if column.width >= 30 else top
        if all(value is None for i, value in enumerate(row) if i != details):
            worksheet.row_dimensions[row_number].hidden = True
    _validations(worksheet, sheet)
    worksheet.freeze_panes = "A2"
    worksheet.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{len(sheet.rows) + 1}"


def _validations(worksheet: Any, sheet: Sheet) -> None:
    """Excel's own checks as people type: a drop-down of the plan's status words, and a whole
    number from 0 to 100 for % Complete."""
    last = max(len(sheet.rows) + 1, 2)
    fields = [c.field for c in sheet.columns]
    choices = ",".join(label.replace('"', "") for label in sheet.statuses)
    if "status" in fields and sheet.statuses and len(choices) <= 250 and "," not in "".join(sheet.statuses):
        letter = get_column_letter(fields.index("status") + 1)
        status = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True, showErrorMessage=True,
                                errorTitle="Status", error="Choose one of the plan's statuses from the list.")
        status.add(f"{letter}2:{letter}{last}")
        worksheet.add_data_validation(status)
    if "percent" in fields:
        letter = get_column_letter(fields.index("percent") + 1)
        percent = DataValidation(type="whole", operator="between", formula1="0", formula2="100", allow_blank=True,
                                 showErrorMessage=True, errorTitle="% Complete",
                                 error="A whole number from 0 to 100, without the % sign (or leave it empty).")
        percent.add(f"{letter}2:{letter}{last}")
        worksheet.add_data_validation(percent)
        for row in range(2, last + 1):
            worksheet.cell(row, fields.index("percent") + 1).number_format = "0"


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



