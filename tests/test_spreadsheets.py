"""`python -m generator export` and `import`: round trips, problems by cell, exit codes, overwriting."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]

from generator import schema
from generator.cli import main
from generator.load import load_plans
from generator.spreadsheets import Cell, parse_percent, printed_date, to_yaml
from generator.validate import validate
from tests.conftest import FIXTURES, ROOT

FIXTURE_PLANS = FIXTURES / "valid" / "basic" / "plans"
MAPPING = FIXTURES / "spreadsheets" / "mapping.yaml"
REAL_PLAN_IDS = sorted(p.name for p in (ROOT / "plans").iterdir() if p.is_dir())

Plans = dict[str, tuple[schema.Plan, dict[str, schema.Update]]]


def _run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    code = main([str(a) for a in args] + ["--format", "lines"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _read(plans: Path) -> Plans:
    validated = validate(load_plans(plans))
    assert not [p for p in validated.problems if p.is_error]
    return {v.plan.id: (v.plan, {u.period: u for u, _ in v.updates}) for v in validated.plans}


def _assert_same(original: Plans, back: Plans, plan_id: str) -> None:
    plan, updates = original[plan_id]
    plan_back, updates_back = back[plan_id]
    assert plan_back.model_dump() == plan.model_dump()
    assert plan_back == plan
    assert {p: u.model_dump() for p, u in updates_back.items()} == {p: u.model_dump() for p, u in updates.items()}


# --- round trips ------------------------------------------------------------------------


def test_csv_round_trip_of_the_fixture_plan_and_update(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "demo.csv"
    code, out = _run(capsys, "export", "demo-plan", "--update", "2020/21 Q2", "--to", sheet, "--plans", FIXTURE_PLANS)
    assert (code, out) == (0, f"Wrote {sheet} (sheets: 2020-21 Q2)\n")
    header = sheet.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("Recommendation,Recommendation title,Action,Milestone,Text,Lead Officer,Deadline,"
                             "Monitoring,Status,% Complete,Comments,Recommendation id,")
    plans = tmp_path / "plans"
    code, out = _run(capsys, "import", sheet, "--plan", "demo-plan", "--update", "2020/21 Q2", "--plans", plans)
    assert code == 0, out
    assert out == (f"Wrote {plans}/demo-plan/plan.yaml\nWrote {plans}/demo-plan/updates/2020-21-q2.yaml\n")
    _assert_same(_read(FIXTURE_PLANS), _read(plans), "demo-plan")
    assert main(["check", "--plans", str(plans)]) == 0


@pytest.mark.parametrize("plan_id", REAL_PLAN_IDS)
def test_every_real_plan_and_update_survives_export_and_import(plan_id: str, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    original = _read(ROOT / "plans")
    workbook, xlsx_plans = tmp_path / f"{plan_id}.xlsx", tmp_path / "from-xlsx"
    assert _run(capsys, "export", plan_id, "--all-updates", "--to", workbook, "--plans", ROOT / "plans")[0] == 0
    assert _run(capsys, "import", workbook, "--plan", plan_id, "--plans", xlsx_plans)[0] == 0
    for period in original[plan_id][1]:
        code, out = _run(capsys, "import", workbook, "--plan", plan_id, "--update", period, "--plans", xlsx_plans)
        assert code == 0, out
        assert f"Unchanged {xlsx_plans}/{plan_id}/plan.yaml\n" in out
    _assert_same(original, _read(xlsx_plans), plan_id)
    for period in original[plan_id][1]:
        sheet, csv_plans = tmp_path / "one.csv", tmp_path / f"from-csv-{period[:4]}-{period[-1]}"
        assert _run(capsys, "export", plan_id, "--update", period, "--to", sheet, "--plans", ROOT / "plans")[0] == 0
        assert _run(capsys, "import", sheet, "--plan", plan_id, "--update", period, "--plans", csv_plans)[0] == 0
        back = _read(csv_plans)
        assert back[plan_id][0] == original[plan_id][0]
        assert back[plan_id][1][period] == original[plan_id][1][period]


def test_xlsx_export_is_deterministic_bold_frozen_and_hides_round_trip_columns(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    for target in (first, second):
        code, out = _run(capsys, "export", "demo-plan", "--all-updates", "--to", target, "--plans", FIXTURE_PLANS)
        assert (code, out) == (0, f"Wrote {target} (sheets: About this workbook, Plan, 2020-21 Q2)\n")
    assert first.read_bytes() == second.read_bytes()
    book = load_workbook(first)
    assert book.sheetnames == ["About this workbook", "Plan", "2020-21 Q2"]
    assert book.properties.created == book.properties.modified == datetime(2000, 1, 1)
    sheet = book["2020-21 Q2"]
    headers = {cell.value: cell for cell in sheet[1]}
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    hidden = {name for name, cell in headers.items() if sheet.column_dimensions[cell.column_letter].hidden}
    assert {"Action id", "Notes", "Evidence", "Details"} <= hidden
    assert not hidden & {"Recommendation", "Action", "Milestone", "Text", "Lead Officer", "Deadline", "Status",
                         "% Complete", "Comments"}
    rows = [{h: c.value for h, c in zip(headers, row, strict=True)} for row in sheet.iter_rows(min_row=2)]
    newsletter = next(r for r in rows if r["Milestone"] == "1-1")
    assert (newsletter["Action"], newsletter["Status"], newsletter["% Complete"], newsletter["Comments"]) == (
        "1", "Completed", 100, "We have now had 24 issues.")
    assert "Status label" not in headers  # one status column, the label as printed
    rules = {(v.type, v.formula1, v.formula2, str(v.sqref)) for v in sheet.data_validations.dataValidation}
    assert rules == {("list", '"On Target,Completed,Delayed,Overdue,Not reported"', None, "I2:I6"),
                     ("whole", "0", "100", "J2:J6")}  # Excel's drop-down, and % Complete a number from 0 to 100
    assert sheet["A1"].fill.fgColor.rgb.endswith("E8E8E8") and not sheet["E1"].fill.fgColor.rgb.endswith("E8E8E8")
    survey = next(r for r in rows if r["Milestone"] == "1-2")
    assert (survey["Missing"], survey["Evidence"]) == ("lead", "Survey brief")


def test_export_refuses_csv_for_all_updates_and_names_unknown_plans(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, "export", "demo-plan", "--all-updates", "--to", tmp_path / "x.csv",
                     "--plans", FIXTURE_PLANS)
    assert (code, out) == (2, "python -m generator export: error: --all-updates needs an .xlsx file: a CSV file "
                              "holds only one sheet.\n")
    code, out = _run(capsys, "export", "demo-plan", "--to", tmp_path / "x.txt", "--plans", FIXTURE_PLANS)
    assert code == 2
    code, out = _run(capsys, "export", "demo-plam", "--to", tmp_path / "x.csv", "--plans", FIXTURE_PLANS)
    assert (code, out) == (1, f"{FIXTURE_PLANS}/demo-plam:1:1: error: There is no plan with the id `demo-plam`. "
                              "(Did you mean `demo-plan`?)\n")
    code, out = _run(capsys, "export", "demo-plan", "--update", "2020/21 Q3", "--to", tmp_path / "x.csv",
                     "--plans", FIXTURE_PLANS)
    assert (code, out) == (1, f"{FIXTURE_PLANS}/demo-plan/updates:1:1: error: The plan `demo-plan` has no update "
                              "for `2020/21 Q3`. (Its updates: `2020/21 Q2`.)\n")
    assert not list(tmp_path.iterdir())


# --- problems by sheet, row and column ----------------------------------------------------

BAD_ROWS = [
    ["Recommendation", "Recommendation title", "Action", "Text", "Lead Officer", "Deadline", "Status", "% Complete",
     "Comments"],
    ["1", "Communications", "1", "Develop a communication strategy", "Jane Example", "Mar-21", "On Targt", "abc",
     "Drafted."],
    ["1", "Communications", "2", "", "Jane Example", "Apr-20", "Completed", "100", "Done."],
    ["2", "Property", "1", "Complete audit of assets", "John Example", "Jun-21", "Delayed", "120", ""],
    ["2", "Property", "3", "Review leases", "John Example", "31/02/2021", "", "", ""],
]


def _expected_bad_rows(name: str) -> str:
    return "".join(line.replace("FILE", name) + "\n" for line in [
        "FILE:2:7: error: `On Targt` is not one of the plan's statuses. (Did you mean `On Target`?)",
        "FILE:2:8: error: % Complete must be a number from 0 to 100, not `abc`. (Write a whole number such as 20 or "
        "20%, or leave the cell empty.)",
        "FILE:3:4: error: This action has no text: its Text cell is empty. (Every action needs its text as "
        "published; fill in the cell, or delete the row.)",
        "FILE:4:3: error: The action id `1` is used twice (first on row 2). (Give each action its own number or id; "
        "ids are permanent web addresses.)",
        "FILE:4:8: error: % Complete must be a number from 0 to 100, not `120`. (Write a whole number such as 20 or "
        "20%, or leave the cell empty.)",
        "FILE:5:6: error: The deadline `31/02/2021` is not a real date. (Check the day and month; write the date as "
        "the source prints it.)",
    ])


def _import_demo(capsys: pytest.CaptureFixture[str], sheet: Path, plans: Path, *extra: str) -> tuple[int, str]:
    return _run(capsys, "import", sheet, "--plan", "demo", "--mapping", MAPPING, "--update", "2020/21 Q2",
                "--plans", plans, *extra)


def test_bad_rows_in_a_csv_are_all_reported_by_row_and_column(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "actions.csv"
    sheet.write_text("".join(",".join(row) + "\n" for row in BAD_ROWS), encoding="utf-8")
    code, out = _import_demo(capsys, sheet, tmp_path / "plans")
    assert (code, out) == (1, _expected_bad_rows(str(sheet)))
    assert not (tmp_path / "plans").exists()
    main(["import", str(sheet), "--plan", "demo", "--mapping", str(MAPPING), "--update", "2020/21 Q2",
          "--plans", str(tmp_path / "plans"), "--format", "json"])
    fields = [p["field"] for p in json.loads(capsys.readouterr().out)]
    assert fields == ["actions!G2", "actions!H2", "actions!D3", "actions!C4", "actions!H4", "actions!F5"]


def test_bad_rows_in_an_xlsx_are_all_reported_by_sheet_row_and_column(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    for row in BAD_ROWS:
        sheet.append([int(v) if v.isdigit() else (v or None) for v in row])
    path = tmp_path / "actions.xlsx"
    book.save(path)
    code, out = _import_demo(capsys, path, tmp_path / "plans")
    assert (code, out) == (1, _expected_bad_rows(str(path)))
    main(["import", str(path), "--plan", "demo", "--mapping", str(MAPPING), "--update", "2020/21 Q2",
          "--plans", str(tmp_path / "plans"), "--format", "text"])
    assert "Error in " + str(path) + ":2:8 (Sheet1!H2)\n  % Complete must be a number" in capsys.readouterr().out


def test_a_sheet_without_a_mapping_file_names_the_plan_fields_it_lacks(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "actions.csv"
    sheet.write_text("Recommendation,Action,Lead Officer\n1,Do the thing,Jane Example\n", encoding="utf-8")
    code, out = _run(capsys, "import", sheet, "--plan", "demo", "--plans", tmp_path / "plans")
    hint = ("(Add `{}:` under `plan:` in the mapping file (--mapping). The sheet has no Details column to take it "
            "from (an export keeps one; importing into an existing plan needs none).)")
    assert (code, out) == (1, "".join(f"{sheet}:1:1: error: The plan's `{name}` is not given. {hint.format(name)}\n"
                                      for name in ("recommended_by", "short_name", "sources", "summary", "title")))


def test_mapping_file_mistakes_are_reported_in_the_mapping_file(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("columns:\n  Owner: leed\nplans: {}\n", encoding="utf-8")
    sheet = tmp_path / "actions.csv"
    sheet.write_text("Recommendation,Action\n1,Do the thing\n", encoding="utf-8")
    code, out = _run(capsys, "import", sheet, "--plan", "demo", "--mapping", mapping, "--plans", tmp_path)
    assert (code, out) == (1, f"{mapping}:2:10: error: `leed` is not allowed for `Owner`. (Did you mean `lead`?)\n"
                              f"{mapping}:3:8: error: Unknown field `plans`. (Did you mean `plan`?)\n")


# --- the source reports' own layouts ------------------------------------------------------


def test_source_report_headings_merged_cells_dates_and_percentages(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A delivery plan laid out like the 2017 report: a title row, an Activity cell merged over its
    key milestones, real date cells, %Comp formatted as a percentage, QUARTER 2 COMMENTS."""
    book = Workbook()
    sheet = book.active
    sheet.append(["Delivery plan 2020-21"])
    sheet.append(["Recommendation", "Activity", "Key milestones", "Lead Officer", "Deadline", "Status", "%Comp",
                  "QUARTER 2 COMMENTS"])
    sheet.append(["Communications", "Develop a communication strategy", "Launch a newsletter", "Jane Example",
                  datetime(2021, 5, 1), "Complete", 1, "Launched."])
    sheet.append([None, None, "Commission a survey", "Jane Example", datetime(2021, 6, 30), "on target", 0.2, None])
    sheet.append([None, "Review leases", None, "John Example", "Quarterly", "Delayed", "35%", "Late."])
    for cell in ("E3", "E4"):
        sheet[cell].number_format = "mmm-yy"
    sheet["G3"].number_format = sheet["G4"].number_format = "0%"
    sheet.merge_cells("A3:A5")
    sheet.merge_cells("B3:B4")
    path = tmp_path / "delivery.xlsx"
    book.save(path)
    plans = tmp_path / "plans"
    code, out = _import_demo(capsys, path, plans)
    assert (code, out) == (0, f"Wrote {plans}/demo/plan.yaml\nWrote {plans}/demo/updates/2020-21-q2.yaml\n")
    plan, updates = _read(plans)["demo"]
    (rec,) = plan.recommendations
    assert (rec.id, rec.title, rec.number) == ("communications", "Communications", None)
    first, second = rec.actions
    assert (first.id, first.text, first.lead, first.deadline) == ("communications-1",
                                                                  "Develop a communication strategy", None, None)
    assert [(m.id, m.text, m.lead, m.deadline) for m in first.milestones] == [
        ("communications-1-1", "Launch a newsletter", "Jane Example", "May-21"),
        ("communications-1-2", "Commission a survey", "Jane Example", "Jun-21"),
    ]
    assert (second.text, second.deadline, second.milestones) == ("Review leases", "Quarterly", [])
    progress = [(p.milestone or p.action, p.status, p.percent, p.commentary) for p in updates["2020/21 Q2"].progress]
    assert progress == [("communications-1-1", "completed", 100, "Launched."),
                        ("communications-1-2", "on-target", 20, None),
                        ("communications-2", "delayed", 35, "Late.")]


def test_percent_complete_accepts_the_ways_sheets_write_it() -> None:
    for cell in (Cell("20%"), Cell("20"), Cell(" 20 % "), Cell("20", 20.0), Cell("20%", 0.2, percent=True)):
        assert parse_percent(cell) == 20, cell
    for cell in (Cell("abc"), Cell("0.2"), Cell("101"), Cell("-5"), Cell("12.5"), Cell("20", 2000.0)):
        assert parse_percent(cell) is None, cell


def test_date_cells_are_read_as_printed() -> None:
    day = datetime(2018, 5, 1)
    assert printed_date(day, "mmm-yy") == "May-18"
    assert printed_date(day, "mmmm yyyy") == "May 2018"
    assert printed_date(day, "d mmmm yyyy") == "1 May 2018"
    assert printed_date(day, "dd/mm/yyyy") == "01/05/2018"
    assert printed_date(day, "[$-809]mmm\\-yy;@") == "May-18"
    assert printed_date(day, "General") == "2018-05-01"
    assert printed_date(day, "mm-dd-yy") == "2018-05-01"  # Excel's locale-dependent short date
    assert printed_date(day, "hh:mm") == "2018-05-01"


# --- overwriting ------------------------------------------------------------------------------


def test_import_refuses_to_overwrite_unless_forced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet, plans = tmp_path / "plan.csv", tmp_path / "plans"
    code, _ = _run(capsys, "export", "demo-plan", "--to", sheet, "--plans", FIXTURE_PLANS)
    assert code == 0
    assert _run(capsys, "import", sheet, "--plan", "demo-plan", "--plans", plans) == (
        0, f"Wrote {plans}/demo-plan/plan.yaml\n")
    written = (plans / "demo-plan" / "plan.yaml").read_text(encoding="utf-8")
    assert _run(capsys, "import", sheet, "--plan", "demo-plan", "--plans", plans) == (
        0, f"Unchanged {plans}/demo-plan/plan.yaml\n")
    sheet.write_text(sheet.read_text(encoding="utf-8-sig").replace("Jane Example", "Jane Sample"), encoding="utf-8")
    assert _run(capsys, "import", sheet, "--plan", "demo-plan", "--plans", plans) == (
        1, f"{plans}/demo-plan/plan.yaml:1:1: error: The import would change {plans}/demo-plan/plan.yaml: 2 leads "
           "changed. Nothing was written. (Give --force to make the change (then review it with `git diff`), or "
           "import under another --plan id.)\n")
    assert (plans / "demo-plan" / "plan.yaml").read_text(encoding="utf-8") == written
    assert _run(capsys, "import", sheet, "--plan", "demo-plan", "--plans", plans, "--force") == (
        0, f"Wrote {plans}/demo-plan/plan.yaml: 2 leads changed\n")
    assert "Jane Sample" in (plans / "demo-plan" / "plan.yaml").read_text(encoding="utf-8")


def test_awkward_text_survives_the_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Formulas-lookalikes, edge spaces, multi-line and bulleted notes, bars in evidence titles, a tab
    starting a line, an out-of-order update, and plan details longer than an Excel cell holds."""
    source = tmp_path / "source"
    shutil.copytree(FIXTURE_PLANS, source)
    plan_file, update_file = source / "demo-plan" / "plan.yaml", source / "demo-plan" / "updates" / "2020-21-q2.yaml"
    plan, update = yaml.safe_load(plan_file.read_text(encoding="utf-8")), yaml.safe_load(
        update_file.read_text(encoding="utf-8"))
    plan["summary"] = "Long.\n\n" + "A paragraph of the plan's summary. " * 6000 + "\n"
    action = plan["recommendations"][0]["actions"][0]
    action |= {"text": "=SUM(A1) is text, not a formula\n", "title": " Spaced ", "number": "1",
               "notes": ["- starts like a list", "two\nlines", "tab\n\tindented"]}
    action["milestones"][0]["notes"] = ["one", "two"]
    update["progress"].reverse()
    update["progress"][0]["evidence"] = [{"title": "A | B", "url": "https://example.org/a"}, {"title": "C"}]
    update["progress"][1]["evidence"] = [{"title": "Report", "url": "https://example.org/r"}]
    plan_file.write_text(to_yaml(plan), encoding="utf-8")
    update_file.write_text(to_yaml(update), encoding="utf-8")
    original = _read(source)
    for name in ("awkward.xlsx", "awkward.csv"):
        target, plans = tmp_path / name, tmp_path / name.replace(".", "-")
        assert _run(capsys, "export", "demo-plan", "--update", "2020/21 Q2", "--to", target, "--plans", source)[0] == 0
        code, out = _run(capsys, "import", target, "--plan", "demo-plan", "--update", "2020/21 Q2", "--plans", plans)
        assert code == 0, out
        _assert_same(original, _read(plans), "demo-plan")
    book = load_workbook(tmp_path / "awkward.xlsx")
    sheet = book["2020-21 Q2"]
    assert sheet.row_dimensions[sheet.max_row].hidden  # a row holding only the rest of the Details
    assert "Progress order" in [cell.value for cell in sheet[1]]


def test_a_council_csv_with_title_rows_repeated_headers_and_its_own_headings(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Laid out like the 2018 plan table: headings printed above the table, the header row repeated
    after a page break, recommendations given by number or by their full text, no status column of
    the plan's own words (the mapping reads `Completed?` as the status and `Complete` as Completed)."""
    sheet = tmp_path / "appendix.csv"
    sheet.write_text(
        "Appendix 1 – Demo Improvement Plan,,,,,,,\n"
        ",,,,,,,\n"
        "Ref,Recommendation,Action,Responsibility,Date,Monitoring,Completed?,Key Deliverables\n"
        "A,1,Deliver the communications strategy,Jane Example,Apr-21,Demo Board,Complete,\"Launched.\n\nTwice.\"\n"
        "B,,Deliver a plan for the new Town Hall,Jane Example,Apr-22,,,\n"
        "Ref,Recommendation,Action,Responsibility,Date,Monitoring,Completed?,Key Deliverables\n"
        "C,Be confident and bold about the Council's ability,Refresh the audit approach,John Example,Apr-21,,"
        "on target,Under way.\n",
        encoding="utf-8")
    plans = tmp_path / "plans"
    code, out = _run(capsys, "import", sheet, "--plan", "demo", "--mapping", MAPPING, "--plans", plans)
    assert (code, out) == (0, f"Wrote {plans}/demo/plan.yaml\n{sheet}:4:7: warning: The progress columns are "
                              "not imported: the sheet does not say which update they belong to. (Give --update "
                              '"yyyy/yy Qn" to import them as that update.)\n')
    code, out = _run(capsys, "import", sheet, "--plan", "demo", "--mapping", MAPPING, "--plans", plans,
                     "--update", "2020/21 Q2")
    assert (code, out) == (0, f"Unchanged {plans}/demo/plan.yaml\nWrote {plans}/demo/updates/2020-21-q2.yaml\n")
    plan, updates = _read(plans)["demo"]
    assert [(r.id, r.number, r.title, r.missing, [a.id for a in r.actions]) for r in plan.recommendations] == [
        ("r1", "1", "Recommendation 1", ["title"], ["r1-1", "r1-2"]),
        ("r2", None, "Be confident and bold about the Council's ability", [], ["r2-1"]),
    ]
    first = plan.recommendations[0].actions[0]
    assert (first.text, first.lead, first.deadline, first.monitoring) == (
        "Deliver the communications strategy", "Jane Example", "Apr-21", "Demo Board")
    assert [(p.action, p.status, p.commentary) for p in updates["2020/21 Q2"].progress] == [
        ("r1-1", "completed", "Launched.\n\nTwice."),
        ("r2-1", "on-target", "Under way."),
    ]
