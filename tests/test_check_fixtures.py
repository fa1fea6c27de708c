"""`python -m generator check` on fixture folders: exact messages and exit codes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import FIXTURES

INVALID = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())
STATUS_HINT = ("Did you mean `on-target` (On Target)? This plan's statuses: `on-target` (On Target), `completed` "
               "(Completed), `delayed` (Delayed), `overdue` (Overdue), `not-reported` (Not reported).")
WARNINGS = sorted(p for p in (FIXTURES / "warnings").iterdir() if p.is_dir())


def _check(case: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    cwd = Path.cwd()
    os.chdir(case)
    try:
        code = main(["check", "--plans", "plans", "--format", "lines", *extra])
    finally:
        os.chdir(cwd)
    return code, capsys.readouterr().out


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_invalid_plans_give_exact_messages_and_exit_1(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _check(case, capsys)
    expected = (case / "expected.txt").read_text(encoding="utf-8")
    if os.environ.get("UPDATE_EXPECTED"):
        (case / "expected.txt").write_text(out, encoding="utf-8")
    assert out == expected
    assert code == 1


@pytest.mark.parametrize("case", WARNINGS, ids=[p.name for p in WARNINGS])
def test_warnings_are_printed_but_do_not_fail(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _check(case, capsys)
    assert out == (case / "expected.txt").read_text(encoding="utf-8")
    assert code == 0
    code, _ = _check(case, capsys, "--strict")
    assert code == 1


VALID = sorted(p for p in (FIXTURES / "valid").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", VALID, ids=[p.name for p in VALID])
def test_valid_fixtures_have_no_problems(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`basic`; `status-labels` (statuses written as their labels, any case, spaces around them);
    `renamed-ids` (a published update naming ids the plan now lists under `former_ids`)."""
    assert _check(case, capsys) == (0, "")


def test_the_sample_plans_have_no_problems(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--plans", str(FIXTURES.parent.parent / "plans"), "--format", "lines"]) == 0


def test_every_problem_names_file_line_and_gives_a_hint(capsys: pytest.CaptureFixture[str]) -> None:
    for case in INVALID:
        _, out = _check(case, capsys)
        for line in out.splitlines():
            file, number, column, rest = line.split(":", 3)
            assert file.startswith(("plans/", "public-urls.txt")) and int(number) >= 1 and int(column) >= 1
            assert "(" in rest, f"no hint in {line}"


def test_plain_text_output_explains_each_problem(capsys: pytest.CaptureFixture[str]) -> None:
    os.chdir(FIXTURES / "invalid" / "unknown-status")
    try:
        code = main(["check", "--plans", "plans", "--format", "text"])
    finally:
        os.chdir(FIXTURES.parent.parent)
    out = capsys.readouterr().out
    assert code == 1
    assert out == (
        "Error in plans/demo-plan/updates/2020-21-q2.yaml:15:13 (progress[1].status)\n"
        "  `on-targte` is not one of this plan's statuses.\n"
        f"  Hint: {STATUS_HINT}\n"
        "  In the editing form: Actions and Milestones › milestone 1-2 › Status\n\n"
        "1 error and 0 warnings.\n"
    )


def test_a_bug_exits_3_without_traceback_unless_debug(capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_: Path) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("generator.pipeline.check", broken)
    assert main(["check"]) == 3
    err = capsys.readouterr().err
    assert "bug" in err and "Traceback" not in err
    assert main(["check", "--debug"]) == 3
    assert "Traceback" in capsys.readouterr().err


def test_github_annotations_and_json_output(capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    case = FIXTURES / "invalid" / "unknown-status"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    os.chdir(case)
    try:
        code = main(["check", "--plans", "plans"])  # GitHub's format is chosen automatically under Actions
        github = capsys.readouterr().out
        main(["check", "--plans", "plans", "--format", "json"])
        data = json.loads(capsys.readouterr().out)
    finally:
        os.chdir(FIXTURES.parent.parent)
    assert code == 1
    assert github == ("::error file=plans/demo-plan/updates/2020-21-q2.yaml,line=15,col=13,title=progress[1].status::"
                      f"`on-targte` is not one of this plan's statuses. {STATUS_HINT} "
                      "In the editing form: Actions and Milestones › milestone 1-2 › Status.\n")
    assert data == [{"file": "plans/demo-plan/updates/2020-21-q2.yaml", "line": 15, "column": 13,
                     "field": "progress[1].status", "severity": "error",
                     "message": "`on-targte` is not one of this plan's statuses.", "hint": STATUS_HINT,
                     "rule": "", "form": "Actions and Milestones › milestone 1-2 › Status"}]
