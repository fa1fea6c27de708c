"""Spreadsheet imports: zip bombs and huge sheets are refused before they are read; formulas
with no saved result and values merged over several items' rows are reported, not blanked;
every CSV the project writes is safe from formula injection (OWASP)."""

from __future__ import annotations

import csv
import io
import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook  # type: ignore[import-untyped]

from generator import csvsafe
from generator.cli import main
from tests.conftest import FIXTURES, ROOT

MAPPING = FIXTURES / "spreadsheets" / "mapping.yaml"
FIXTURE_PLANS = FIXTURES / "valid" / "basic" / "plans"


def _import(capsys: pytest.CaptureFixture[str], sheet: Path, plans: Path) -> tuple[int, str]:
    code = main(["import", str(sheet), "--plan", "demo", "--mapping", str(MAPPING), "--update", "2020/21 Q2",
                 "--plans", str(plans), "--format", "lines"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    """A 3.3 MB workbook used more than 6 GB of memory."""
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<worksheet>" + b" " * 60_000_000 + b"</worksheet>")
    assert bomb.stat().st_size < 1_000_000
    result = subprocess.run([sys.executable, "-m", "generator", "import", str(bomb), "--plan", "demo", "--plans",
                             str(tmp_path / "plans"), "--format", "lines"], capture_output=True, text=True,
                            preexec_fn=_limited, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120, check=False)
    assert (result.returncode, result.stdout) == (1, f"{bomb}:1:1: error: The file holds 60 MB of data once "
                                                     "unpacked; the import reads at most 50 MB. (Copy the plan's "
                                                     "sheet into a new workbook on its own and import that.)\n")


def test_a_sheet_with_too_many_rows_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "long.xlsx"
    with zipfile.ZipFile(sheet, "w", zipfile.ZIP_DEFLATED) as archive:
        rows = b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>' % (n, n)
                        for n in range(1, 25_001))
        archive.writestr("xl/worksheets/sheet1.xml", b"<worksheet><sheetData>" + rows + b"</sheetData></worksheet>")
    assert _import(capsys, sheet, tmp_path / "plans") == (
        1, f"{sheet}:1:1: error: The sheet `sheet1.xml` has 25,000 rows; the import reads at most 20,000. (Delete "
           "the empty or unrelated rows below the plan (Excel: select them, Delete Sheet Rows).)\n")
    long_csv = tmp_path / "long.csv"
    long_csv.write_text("Recommendation,Action\n" + "1,x\n" * 20_000, encoding="utf-8")
    assert _import(capsys, long_csv, tmp_path / "plans")[1].startswith(
        f"{long_csv}:1:1: error: The sheet `long` has 20,001 rows; the import reads at most 20,000.")


def test_formulas_without_a_saved_result_and_merged_item_cells_are_reported(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Both used to leave optional fields silently empty."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Plan"
    sheet.append(["Recommendation", "Activity", "Key milestones", "Lead Officer", "Deadline", "Status", "%Comp"])
    sheet.append(["Communications", "Develop a strategy", "Launch a newsletter", "Jane Example", "May-21", "Complete",
                  "=50*2"])
    sheet.append([None, None, "Commission a survey", None, "Jun-21", "On target", 20])
    sheet.append([None, "Review leases", None, "John Example", "Quarterly", "Delayed", 35])
    sheet.merge_cells("A2:A4")
    sheet.merge_cells("B2:B3")
    sheet.merge_cells("D2:D3")
    path = tmp_path / "plan.xlsx"
    book.save(path)
    assert _import(capsys, path, tmp_path / "plans") == (1, "".join(line + "\n" for line in (
        f"{path}:2:4: error: The Lead Officer cell is merged over rows 2-3: row 3 would get no Lead Officer. "
        "(Unmerge the cells and fill in the value on every row; only recommendation and action cells may be merged "
        "over their rows.)",
        f"{path}:2:7: error: The cell holds a formula (`=50*2`) with no saved result, so its value cannot be read. "
        "(Open the file in Excel or LibreOffice and save it again (this stores each formula's result), or replace "
        "the formula by its value.)",
    )))
    assert not (tmp_path / "plans").exists()


PAYLOADS = ["=HYPERLINK(\"https://evil.example\",\"Click\")", "+1+2", "-2+3", "@SUM(A1)", "\tx", "=1"]


def _cells(data: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for cell in row]


def test_no_cell_of_any_csv_written_can_start_a_formula(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`=HYPERLINK(…)` went verbatim into public CSV downloads, chart CSVs and the CSV export."""
    from generator.charts.kinds import Bar, CountChart, Segment, StatusChart
    from generator.charts.numbers import csv_bytes
    from generator.schema import Scale

    for payload in PAYLOADS:
        assert csvsafe.neutral(payload) == "'" + payload
        assert csvsafe.restore("'" + payload) == payload
    assert csvsafe.neutral("-3") == "-3" and csvsafe.neutral("A-1") == "A-1"
    bars = tuple(Bar(p, (Segment(p, Scale.on_track, 1),)) for p in PAYLOADS)
    charts: list[StatusChart | CountChart] = [
        StatusChart("s", "t", "items", bars),
        CountChart("p", "t", tuple(PAYLOADS), (("r", tuple(50 for _ in PAYLOADS)),)),
        CountChart("q", "t", ("c",), tuple((p, (50,)) for p in PAYLOADS))]
    for chart in charts:
        assert all(not cell.startswith(csvsafe.TRIGGERS) for cell in _cells(csv_bytes(chart)))
    plans = tmp_path / "plans"
    import shutil

    shutil.copytree(FIXTURE_PLANS, plans)
    update = plans / "demo-plan/updates/2020-21-q2.yaml"
    update.write_text(update.read_text().replace("We have now had 24 issues.", "'=HYPERLINK(\"x\",\"y\")'"))
    target = tmp_path / "export.csv"
    assert main(["export", "demo-plan", "--update", "2020/21 Q2", "--to", str(target), "--plans", str(plans)]) == 0
    cells = _cells(target.read_bytes())
    assert "'=HYPERLINK(\"x\",\"y\")" in cells
    assert all(not cell.startswith(csvsafe.TRIGGERS) for cell in cells)
    code, out = _import(capsys, target, tmp_path / "back")
    assert code == 0, out
    assert "commentary: =HYPERLINK(\"x\",\"y\")" in (tmp_path / "back/demo/updates/2020-21-q2.yaml").read_text()


def test_yaml_in_cells_is_read_as_carefully_as_plan_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A Details cell nested 30,000 deep gave exit 3 (the plan files' limits did not apply to cells)."""
    sheet = tmp_path / "plan.csv"
    deep = "plan: " + "[" * 30_000 + "]" * 30_000
    sheet.write_text(f'Recommendation,Action,Text,Details\n1,1,Do the thing,"{deep}"\n', encoding="utf-8")
    code, out = _import(capsys, sheet, tmp_path / "plans")
    assert code == 1
    assert f"{sheet}:2:4: error: The Details cell cannot be read. (It is written by export;" in out
