"""Spreadsheet round trips as an Excel user makes them: export, edit what the report changed (sorting
and filtering as they like), import. Only what they changed may change in the YAML files."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from generator.cli import main
from tests.conftest import ROOT

PLAN = "bvip-2017-18"
Q2 = "plans/bvip-2017-18/updates/2017-18-q2.yaml"
PLAN_FILE = "plans/bvip-2017-18/plan.yaml"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    return tmp_path


def _run(capsys: pytest.CaptureFixture[str], project: Path, *args: str | Path) -> tuple[int, str]:
    code = main([str(a) for a in args] + ["--plans", str(project / "plans"), "--format", "lines"])
    captured = capsys.readouterr()
    return code, (captured.out + captured.err).replace(f"{project}/", "")


def _export(capsys: pytest.CaptureFixture[str], project: Path, *how: str) -> Path:
    target = project / "plan.xlsx"
    assert _run(capsys, project, "export", PLAN, *how, "--to", target)[0] == 0
    return target


def _sheet(book: Any, name: str) -> tuple[Any, list[str]]:
    sheet = book[name]
    return sheet, [cell.value for cell in sheet[1]]


def _rewrite(sheet: Any, rows: list[list[Any]]) -> None:
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            sheet.cell(number, column).value = value


def _diff(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_a_label_only_status_edit_in_a_sorted_sheet_changes_one_line(project: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """Before: the label-only edit was ignored without a word, the sorted sheet reordered the plan, and
    `--force` rewrote the whole file (850 changed lines, comments lost)."""
    before = {name: (project / name).read_text() for name in (PLAN_FILE, Q2)}
    workbook = _export(capsys, project, "--update", "2017/18 Q2")
    book = load_workbook(workbook)
    sheet, header = _sheet(book, "2017-18 Q2")
    status, milestone = header.index("Status"), header.index("Milestone")
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    edited = next(row for row in rows if row[milestone] == "1-4")
    assert edited[status] == "On Target"
    edited[status] = "Completed"
    rows.sort(key=lambda row: (str(row[status] or ""), str(row[milestone] or "")), reverse=True)
    _rewrite(sheet, rows)
    book.save(workbook)
    assert _run(capsys, project, "import", workbook, "--plan", PLAN) == (
        1, f"{Q2}:1:1: error: The import would change {Q2}: 1 status changed. Nothing was written. (Give --force "
           "to make the change (then review it with `git diff`), or import under another --plan id.)\n")
    code, out = _run(capsys, project, "import", workbook, "--plan", PLAN, "--force")
    assert code == 0
    assert out.startswith(f"Unchanged {PLAN_FILE}\nWrote {Q2}: 1 status changed\n")
    assert (project / PLAN_FILE).read_text() == before[PLAN_FILE]
    assert _diff(before[Q2], (project / Q2).read_text()) == ["-    status: on-target", "+    status: completed"]


def test_every_update_sheet_is_applied_and_new_rows_keep_the_plans_order(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A workbook with every update: the update sheets are read without `--update` (before: "Unchanged")."""
    before = {name: (project / name).read_text() for name in (PLAN_FILE, Q2)}
    workbook = _export(capsys, project, "--all-updates")
    book = load_workbook(workbook)
    update, header = _sheet(book, "2017-18 Q2")
    rows = [[cell.value for cell in row] for row in update.iter_rows(min_row=2)]
    target = next(row for row in rows if row[header.index("Milestone")] == "2-1")
    target[header.index("% Complete")] = 75
    rows.sort(key=lambda row: row[header.index("% Complete")] or 0)  # sorted by % complete
    _rewrite(update, rows)
    plan, header = _sheet(book, "Plan")
    rows = [[cell.value for cell in row] for row in plan.iter_rows(min_row=2)]
    after = next(i for i, row in enumerate(rows) if row[header.index("Milestone")] == "1-2")
    added: list[object] = [None] * len(header)
    for name, value in (("Recommendation title", "Elections"), ("Action", "1"), ("Milestone", "1-2a"),
                        ("Text", "A milestone added in Excel"), ("Recommendation id", "elections"),
                        ("Action id", "1")):
        added[header.index(name)] = value
    rows.insert(after + 1, added)  # a row inserted below milestone 1-2
    _rewrite(plan, rows)
    book.save(workbook)
    code, out = _run(capsys, project, "import", workbook, "--plan", PLAN, "--force")
    assert code == 0, out
    assert out.startswith(f"Wrote {PLAN_FILE}: 1 milestone added\nWrote {Q2}: 1 percentage changed\n")
    assert _diff(before[Q2], (project / Q2).read_text()) == ["-    percent: 100", "+    percent: 75"]
    assert _diff(before[PLAN_FILE], (project / PLAN_FILE).read_text()) == [
        "+          - id: 1-2a", "+            text: A milestone added in Excel"]
    plan_text = (project / PLAN_FILE).read_text()
    assert plan_text.index('- id: "1-2"\n') < plan_text.index("- id: 1-2a\n") < plan_text.index('- id: "1-3"\n')


def test_without_the_details_column_an_existing_plan_keeps_its_own_fields(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Before: deleting the Details column gave many errors asking for an undocumented mapping file."""
    workbook = _export(capsys, project, "--update", "2017/18 Q2")
    book = load_workbook(workbook)
    for name in ("Plan", "2017-18 Q2"):
        sheet, header = _sheet(book, name)
        sheet.delete_cols(header.index("Details") + 1)
    book.save(workbook)
    assert _run(capsys, project, "import", workbook, "--plan", PLAN, "--update", "2017/18 Q2")[1].startswith(
        f"Unchanged {PLAN_FILE}\nUnchanged {Q2}\n")


def test_ids_are_never_changed_by_an_import(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Before: Excel's dates in the Milestone column pointed errors at the published Q2 file."""
    workbook = _export(capsys, project)
    book = load_workbook(workbook)
    sheet, header = _sheet(book, "Plan")
    column = header.index("Milestone") + 1
    cells = [row[column - 1] for row in sheet.iter_rows(min_row=2) if row[column - 1].value in ("1-2", "1-3")]
    from datetime import datetime

    cells[0].value, cells[0].number_format = datetime(2018, 1, 2), "d-mmm"
    cells[1].value = "1-3b"
    book.save(workbook)
    code, out = _run(capsys, project, "import", workbook, "--plan", PLAN, "--force")
    assert (code, out) == (1, "".join(f"{line}\n" for line in (
        f"plan.xlsx:{cells[0].row}:{column}: error: The Milestone cell holds a date (2-Jan), but the Milestone "
        "column holds ids and numbers: a spreadsheet turns an id such as `1-2` into a date when the cell is not "
        "formatted as text. (Format the Milestone column as Text, type the id again as it was, and save; or export "
        "the plan again: an .xlsx export keeps ids as text.)",
        f"plan.xlsx:{cells[1].row}:{column}: error: This row changes the milestone id `1-3` to `1-3b`. (Put `1-3` "
        "back: ids are permanent web addresses and never change. A spreadsheet turns an id such as `1-2` into a "
        "date unless the column is formatted as Text.)",
    )))


def test_a_csv_with_an_update_brings_the_update_without_being_asked(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """Before: without `--update`, the update's columns were dropped with a warning."""
    fixture = ROOT / "tests/fixtures/valid/basic/plans"
    sheet = tmp_path / "demo.csv"
    assert main(["export", "demo-plan", "--update", "2020/21 Q2", "--to", str(sheet), "--plans", str(fixture)]) == 0
    capsys.readouterr()
    code = main(["import", str(sheet), "--plan", "demo-plan", "--plans", str(tmp_path / "plans")])
    assert (code, capsys.readouterr().out) == (0, f"Wrote {tmp_path}/plans/demo-plan/plan.yaml\n"
                                                  f"Wrote {tmp_path}/plans/demo-plan/updates/2020-21-q2.yaml\n")
