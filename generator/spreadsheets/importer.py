"""Import: a plan (and its updates) from a spreadsheet, into the plan's YAML files.

Which sheets: the `Plan` sheet (or the only one) for the plan, and every sheet named after a
period (`2017-18 Q2`) for that update; with `--update`, that update's sheet holds both. A CSV
exported with an update holds the update too (its Details cell says which).

Every problem in the sheets is collected and raised once as `InputError`, each at its cell
(`Plan!D14`). Files that exist change only where the sheet says something different
(`merge`), edited in place so every other line and comment stays (`rewrite`), and only with
`--force`; nothing is written unless the result passes `check`. What changed is said in
plain words (`summary`).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from generator import gate, pipeline, schema
from generator.jsonschema import PLAN_LINE, UPDATE_LINE
from generator.load import Document, Loaded, PathKey, PlanFiles, read_yaml
from generator.period import is_period
from generator.problems import InputError, Problem, Severity
from generator.resolve import Names
from generator.spreadsheets.cellyaml import cell_yaml, to_yaml
from generator.spreadsheets.columns import PROGRESS_FIELDS, SLUG, period_of_sheet, update_slug
from generator.spreadsheets.mapping import Mapping, load_mapping
from generator.spreadsheets.merge import merge_plan, merge_update, renamed_ids
from generator.spreadsheets.rewrite import Change, rewrite
from generator.spreadsheets.rows import ID_HINT, Context, ProgressRow, Reader, Row, Statuses, rows_of
from generator.spreadsheets.summary import describe
from generator.spreadsheets.tables import Header, Table, find_header, lost_cells, read_table, update_sheets
from generator.validate import validate


@dataclass(frozen=True)
class Written:
    """One file an import produced: whether it is new, changed or unchanged, and what changed."""

    path: Path
    state: Literal["new", "changed", "unchanged"]
    changes: str = ""


@dataclass(frozen=True)
class ImportResult:
    """The files an import produced (plan first), and the warnings found."""

    files: tuple[Written, ...]
    warnings: tuple[Problem, ...]


@dataclass
class _Details:
    """The plan's and update's other fields, from the Details column, and the cell they start in."""

    plan: dict[str, Any] = field(default_factory=dict)
    update: dict[str, Any] = field(default_factory=dict)
    position: tuple[int, int] | None = None


@dataclass
class _Sheet:
    """One sheet as read."""

    ctx: Context
    reader: Reader
    details: _Details


_STAND_INS: dict[str, Any] = {"title": "-", "short_name": "-", "recommended_by": "-", "summary": "-", "date": "-",
                              "sources": [{"id": "stand-in", "title": "-", "date": "-"}]}
_FROM_SPREADSHEET = {"plan": ("id", "recommendations"), "update": ("period", "progress")}


def import_spreadsheet(source: Path, plan_id: str, plans_dir: Path, mapping_file: Path | None = None,
                       sheet: str | None = None, period: str | None = None, force: bool = False) -> ImportResult:
    """Read a plan and its updates from a spreadsheet and write their YAML files (see above)."""
    _check_arguments(plans_dir, plan_id, period)
    mapping = load_mapping(mapping_file)
    folder = plans_dir / plan_id
    old_plan = _existing(folder / "plan.yaml")
    table, header, rows, details, problems = _table(source, sheet, period, mapping)
    own = period or (details.update.get("period") if details.update else None)
    plan_sheet = _read(table, header, rows, details, problems, mapping, old_plan, own is not None)
    updates = [(str(own), plan_sheet)] if own else []
    if period is None and sheet is None:
        for name in (n for n in update_sheets(source) if n != table.sheet):
            other = _table(source, name, None, mapping)
            updates.append((str(other[3].update.get("period") or period_of_sheet(name)),
                            _read(*other, mapping, old_plan, True)))
    plan_data, plan_doc, origins = _plan(plan_sheet, mapping, plan_id, old_plan)
    docs, sheets = [plan_doc], {plan_doc.name: plan_sheet}
    for when, read in updates:
        old_update = _existing(folder / "updates" / f"{update_slug(when)}.yaml")
        _data, doc, origins[doc.name] = _update(read, mapping, when, plan_data, old_update)
        docs.append(doc)
        sheets[doc.name] = read
        _compare_plan(read, plan_sheet)
    _validate(docs, origins, sheets, mapping)
    if old_plan is not None:  # (a cell already reported, e.g. as a date, is not reported twice)
        taken = {(p.line, p.column) for p in plan_sheet.ctx.problems if p.is_error}
        plan_sheet.ctx.problems += [p for p in renamed_ids(old_plan, plan_data, plan_sheet.reader.marks,
                                                           plan_sheet.ctx.table) if (p.line, p.column) not in taken]
    problems = [p for read in {id(s): s for s in sheets.values()}.values() for p in read.ctx.problems]
    if any(p.is_error for p in problems):
        raise InputError(problems)
    files = _files(folder, docs, sheets, old_plan)
    return _write(files, plans_dir, plan_id, force, problems)


def _check_arguments(plans_dir: Path, plan_id: str, period: str | None) -> None:
    problems = []
    if not (SLUG.match(plan_id) and len(plan_id) <= 60):
        problems.append(Problem(plans_dir.as_posix(), 1, 1, "plan", f"`{plan_id}` is not a valid plan id.", ID_HINT))
    if period is not None and not is_period(period):
        problems.append(Problem(plans_dir.as_posix(), 1, 1, "period", f"`{period}` is not a period.",
                                "Write the financial-year quarter as `2017/18 Q2` (Q1 is April to June)."))
    if problems:
        raise InputError(problems)


def _existing(path: Path) -> dict[str, Any] | None:
    if not path.is_file():
        return None
    problems: list[Problem] = []
    read = read_yaml(path.read_text(encoding="utf-8"), path.as_posix(), problems)
    return read[0] if read is not None and not problems and isinstance(read[0], dict) else None


# --- reading sheets ------------------------------------------------------------------------


def _table(source: Path, sheet: str | None, period: str | None,
           mapping: Mapping) -> tuple[Table, Header, list[Row], _Details, list[Problem]]:
    table = read_table(source, sheet, period)
    header, problems = find_header(table, mapping)
    problems += lost_cells(table, header)
    rows = rows_of(table, header)
    return table, header, rows, _details(table, rows, problems), problems


def _read(table: Table, header: Header, rows: list[Row], details: _Details, problems: list[Problem],
          mapping: Mapping, old_plan: dict[str, Any] | None, with_update: bool) -> _Sheet:
    meta = old_plan if old_plan is not None else details.plan | mapping.plan
    terms: dict[str, Any] = meta["terms"] if isinstance(meta.get("terms"), dict) else {}
    ctx = Context(table, header, Statuses(meta.get("statuses") or [], mapping.status_words),
                  str(terms.get("recommendation") or "Recommendation"), with_update, problems)
    reader = Reader(ctx)
    reader.read(rows)
    _check_progress_columns(ctx, reader)
    return _Sheet(ctx, reader, details)


def _details(table: Table, rows: Sequence[Row], problems: list[Problem]) -> _Details:
    parts = [(row, row.cells["details"][1].text) for row in rows if "details" in row.cells]
    parts = sorted(((row, text) for row, text in parts if text), key=lambda part: part[0].number)
    if not parts:
        return _Details()
    position = (parts[0][0].number, parts[0][0].column("details"))
    data = cell_yaml("".join(text for _, text in parts))
    if not isinstance(data, dict) or not all(isinstance(data.get(k) or {}, dict) for k in ("plan", "update")):
        problems.append(table.problem(*position, "The Details cell cannot be read.",
                                      "It is written by export; restore it from the exported file, or clear the "
                                      "whole Details column and give the plan's fields in a mapping file."))
        return _Details(position=position)
    return _Details(dict(data.get("plan") or {}), dict(data.get("update") or {}), position)


def _check_progress_columns(ctx: Context, reader: Reader) -> None:
    if ctx.with_update and not any(name in ctx.header.columns for name in ("status", "percent", "commentary")):
        ctx.problems.append(ctx.table.problem(ctx.header.row, 1, "--update was given, but the sheet has no Status, "
                                              "% Complete or Comments column.",
                                              "Choose the sheet holding the update with --sheet, or map its "
                                              "columns in a mapping file."))
    if reader.ignored_progress is not None:
        row = reader.ignored_progress
        name = next(name for name in PROGRESS_FIELDS if row.text(name) is not None)
        ctx.problems.append(ctx.table.problem(row.number, row.column(name), "The progress columns are not "
                                              "imported: the sheet does not say which update they belong to.",
                                              'Give --update "yyyy/yy Qn" to import them as that update.',
                                              Severity.warning))


def _compare_plan(read: _Sheet, plan_sheet: _Sheet) -> None:
    """An update sheet's plan columns are not read into the plan: say so if they differ."""
    if read is plan_sheet:
        return
    mine = [r.data for r in read.reader.recs]
    if mine != [r.data for r in plan_sheet.reader.recs]:
        read.ctx.problems.append(read.ctx.table.problem(
            read.ctx.header.row, 1, f"The plan's columns on this sheet differ from the `{plan_sheet.ctx.table.sheet}` "
            "sheet; only this sheet's progress columns are imported.",
            f"Make changes to the plan on the `{plan_sheet.ctx.table.sheet}` sheet.", Severity.warning))


# --- the files' data -----------------------------------------------------------------------


def _plan(read: _Sheet, mapping: Mapping, plan_id: str,
          old: dict[str, Any] | None) -> tuple[dict[str, Any], Document, dict[str, dict[str, str]]]:
    ctx, reader = read.ctx, read.reader
    if old is not None:
        meta = {k: v for k, v in old.items() if k not in _FROM_SPREADSHEET["plan"]}
        origin = dict.fromkeys(meta, "file")
    else:
        meta, origin = _with_meta(read.details.plan, mapping.plan, "plan", ctx, mapping, read.details)
    data = {"id": plan_id, **meta, "recommendations": [_finish_rec(r.data, ctx) for r in reader.recs]}
    if not reader.recs:
        ctx.problems.append(ctx.table.problem(ctx.header.row, 1, "The sheet holds no recommendations.",
                                              "Fill in the rows below the header row."))
        raise InputError(ctx.problems)
    return data, _document("<plan>", Path("plan.yaml"), data, reader.marks, origin, read), {"<plan>": origin}


def _update(read: _Sheet, mapping: Mapping, period: str, plan_data: dict[str, Any],
            old: dict[str, Any] | None) -> tuple[dict[str, Any], Document, dict[str, str]]:
    ctx, details = read.ctx, read.details
    given = details.update.get("period")
    if given is not None and str(given) != period and details.position is not None:
        ctx.problems.append(ctx.table.problem(*details.position, f"This sheet holds the update for {given}, not "
                                              f"{period}.", f'Give --update "{given}", or choose the sheet for '
                                              f"{period} with --sheet."))
    if old is not None:
        data = {k: v for k, v in old.items() if k not in _FROM_SPREADSHEET["update"]}
        origin = dict.fromkeys(data, "file")
    else:
        data, origin = _with_meta(details.update, mapping.update, "update", ctx, mapping, details)
    sources = [s.get("id") for s in plan_data.get("sources") or [] if isinstance(s, dict)]
    if "source" not in data:
        if len(sources) != 1:
            ctx.problems.append(_not_given("update", "source", ctx, mapping, details))
        data["source"] = sources[0] if sources else "stand-in"
    entries = sorted(read.reader.progress, key=lambda p: (p.order is None, p.order or 0, p.row))
    data = {"period": period, **data, "progress": [p.data for p in entries]}
    doc = _document(f"<update {period}>", Path(f"{update_slug(period)}.yaml"), data, _progress_marks(entries),
                    origin, read)
    return data, doc, origin


def _progress_marks(entries: Sequence[ProgressRow]) -> dict[PathKey, tuple[int, int]]:
    return {("progress", i, *key): pos for i, p in enumerate(entries) for key, pos in p.marks.items()}


def _with_meta(from_details: dict[str, Any], from_mapping: dict[str, Any], section: str, ctx: Context,
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


def _not_given(section: str, name: str, ctx: Context, mapping: Mapping, details: _Details) -> Problem:
    message = f"The {section}'s `{name}` is not given."
    hint = f"Add `{name}:` under `{section}:` in the mapping file (--mapping)."
    if mapping.doc is not None:
        line, column = mapping.position((section,))
        return Problem(mapping.doc.name, line, column, section, message, hint)
    if details.position is None:
        hint += (" The sheet has no Details column to take it from (an export keeps one; importing into an "
                 "existing plan needs none).")
    return ctx.table.problem(ctx.header.row, 1, message, hint)


def _finish_rec(rec: dict[str, Any], ctx: Context) -> dict[str, Any]:
    if "title" not in rec:
        number = rec.get("number")
        rec["title"] = f"{ctx.term} {number}" if number else ctx.term
        rec["missing"] = [*rec.get("missing", []), "title"]
    for action in rec["actions"]:
        if not action["milestones"]:
            del action["milestones"]
    if not rec["actions"]:
        del rec["actions"]
    return rec


def _document(name: str, path: Path, data: dict[str, Any], marks: dict[PathKey, tuple[int, int]],
              origin: dict[str, str], read: _Sheet) -> Document:
    all_marks = dict(marks)
    all_marks[()] = (read.ctx.header.row, 1)
    for key, where in origin.items():
        position = read.details.position if where == "details" else None
        all_marks[(key,)] = position or (read.ctx.header.row, 1)
    return Document(path, name, data, all_marks)


def _validate(docs: Sequence[Document], origins: dict[str, dict[str, str]], sheets: dict[str, _Sheet],
              mapping: Mapping) -> None:
    """The generator's own checks on the data read, with problems pointed at cells or the mapping file."""
    files = PlanFiles(Path(str(docs[0].data["id"])), docs[0], tuple(docs[1:]))
    for problem in validate(Loaded((files,), ())).problems:
        if problem.is_error and problem.file in sheets:
            read = sheets[problem.file]
            read.ctx.problems.append(_repoint(problem, origins.get(problem.file, {}), read.ctx, mapping))


def _repoint(problem: Problem, origin: dict[str, str], ctx: Context, mapping: Mapping) -> Problem:
    section = "plan" if problem.file == "<plan>" else "update"
    loc = tuple(int(index) if index else name for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", problem.field))
    if loc and origin.get(str(loc[0])) == "mapping" and mapping.doc is not None:
        line, column = mapping.position((section, *loc))
        return replace(problem, file=mapping.doc.name, line=line, column=column, field=f"{section}.{problem.field}")
    return replace(problem, file=ctx.table.file, field=ctx.table.ref(problem.line, problem.column))


# --- writing -------------------------------------------------------------------------------


def _files(folder: Path, docs: Sequence[Document], sheets: dict[str, _Sheet],
           old_plan: dict[str, Any] | None) -> dict[Path, tuple[str, list[Change] | None]]:
    """Each file's new text, and its changes (None for a new file)."""
    plan_data = docs[0].data
    names = Names.of(old_plan if old_plan is not None else plan_data)
    files: dict[Path, tuple[str, list[Change] | None]] = {}
    for doc in docs:
        is_plan = doc.name == "<plan>"
        path = folder / "plan.yaml" if is_plan else folder / "updates" / doc.path.name
        columns = set(sheets[doc.name].ctx.header.columns)
        model: type[BaseModel] = schema.Plan if is_plan else schema.Update
        fresh = model.model_validate(doc.data).model_dump(mode="json", exclude_defaults=True)
        old = old_plan if is_plan else _existing(path)
        if old is None and path.is_file():
            files[path] = (to_yaml(fresh), [Change((), "changed")])  # unreadable now: only with --force
            continue
        if old is None:
            table = sheets[doc.name].ctx.table
            files[path] = (f"{PLAN_LINE if is_plan else UPDATE_LINE}\n# Imported from {Path(table.file).name} "
                           f"(sheet {table.sheet}) by `python -m generator import`.\n" + to_yaml(fresh), None)
            continue
        new = merge_plan(old, fresh, columns) if is_plan else merge_update(old, fresh, columns, names)
        text = path.read_text(encoding="utf-8")
        edited, changes = rewrite(text, new, _identity(names))
        files[path] = (edited if edited is not None else to_yaml(new), changes)
    return files


def _identity(names: Names) -> Any:
    def identity(path: PathKey, item: Any) -> Hashable | None:
        if not isinstance(item, dict):
            return None
        for kind in ("action", "milestone"):
            if kind in item:
                return kind, names.item(kind, str(item[kind]))
        if "recommendation" in item:
            return "recommendation", names.item("recommendation", str(item["recommendation"]))
        return ("id", str(item["id"])) if "id" in item else None
    return identity


def _write(files: dict[Path, tuple[str, list[Change] | None]], plans_dir: Path, plan_id: str, force: bool,
           problems: list[Problem]) -> ImportResult:
    written = []
    for path, (_text, changes) in files.items():
        if changes is None:
            written.append(Written(path, "new"))
        else:
            written.append(Written(path, "changed" if changes else "unchanged", describe(changes)))
    blocked = [w for w in written if w.state == "changed" and not force]
    if blocked:
        raise InputError([Problem(w.path.as_posix(), 1, 1, "", f"The import would change {w.path.as_posix()}: "
                                  f"{w.changes}. Nothing was written.",
                                  "Give --force to make the change (then review it with `git diff`), or import "
                                  "under another --plan id.") for w in blocked])
    warnings = _check_written(files, plans_dir, plan_id)
    for w in written:
        if w.state != "unchanged":
            _save(w.path, files[w.path][0])
    return ImportResult(tuple(written), tuple(sorted(problems + warnings)))


def _save(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.partial")
    staging.write_text(text, encoding="utf-8")
    staging.replace(path)


def _check_written(files: dict[Path, tuple[str, list[Change] | None]], plans_dir: Path,
                   plan_id: str) -> list[Problem]:
    """Run `check` on the plan as it would be written (with its other updates); errors in the files
    written stop the import (the gate's findings in other, published files do not)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "plans" / plan_id
        (folder / "updates").mkdir(parents=True)
        existing = plans_dir / plan_id / "updates"
        for other in sorted(existing.glob("*.yaml")) if existing.is_dir() else ():
            shutil.copy(other, folder / "updates" / other.name)
        for path, (text, _) in files.items():
            (folder / path.relative_to(plans_dir / plan_id)).write_text(text, encoding="utf-8")
        found = pipeline.check(Path(tmp) / "plans")
    mine = {f"plans/{plan_id}/{path.relative_to(plans_dir / plan_id).as_posix()}" for path in files}
    real = [replace(p, file=(plans_dir / Path(p.file).relative_to("plans")).as_posix())
            if p.file.startswith("plans/") else p for p in found
            if p.file in mine or (p.is_error and not gate.is_gate(p))]
    errors = [p for p in real if p.is_error]
    if errors:
        raise InputError(errors)
    return real
