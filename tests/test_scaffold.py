"""`new-update`: the next quarterly update file, prefilled so editors change only what moved."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.pipeline import check, read_site
from generator.problems import InputError, UsageError
from generator.scaffold import new_update
from tests.conftest import FIXTURES


@pytest.fixture()
def demo(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "demo" / "plans", tmp_path / "plans")
    return tmp_path / "plans"


def test_new_update_is_prefilled_from_the_last_update(demo: Path) -> None:
    path = new_update(demo, "demo-trends", "2023/24 Q1")
    assert path == demo / "demo-trends" / "updates" / "2023-24-q1.yaml"
    text = path.read_text()
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../update.schema.json"
    assert "# Prefilled from the 2022/23 Q4 update" in text
    assert ('  # Key milestone 1-1-1: Synthetic key milestone 1-1-1\n  - milestone: "1-1-1"\n'
            '    status: delayed\n    percent: 70\n    deadline: "Jun-23"\n    commentary: ""\n') in text
    derived_site, warnings = read_site(demo)
    site = derived_site.site
    plan = site.plans[0]
    new, last = plan.updates[-1], plan.updates[-2]
    assert new.period.label == "2023/24 Q1"
    assert {k: (r.status.id, r.percent) for k, r in new.reports.items()} == {
        k: (r.status.id, r.percent) for k, r in last.reports.items()
    }
    placeholders = [w for w in warnings if w.rule == "insert-placeholder" and "2023-24-q1" in w.file]
    assert [w.field for w in placeholders] == ["title", "date", "meeting", "summary"]
    assert all(w.is_error for w in placeholders)  # the publication gate stops on them


def test_new_update_refuses_to_overwrite(demo: Path) -> None:
    with pytest.raises(InputError) as caught:
        new_update(demo, "demo-trends", "2022/23 Q4")
    assert caught.value.problems[0].message == "An update for 2022/23 Q4 already exists."


def test_new_update_names_unknown_plans_and_bad_periods(demo: Path) -> None:
    with pytest.raises(InputError) as caught:
        new_update(demo, "demo-trend", "2023/24 Q1")
    assert caught.value.problems[0].hint == "Did you mean `demo-trends`?"
    with pytest.raises(InputError) as caught:
        new_update(demo, "other", "2023/24 Q1")
    assert caught.value.problems[0].hint == "Known plans: `demo-trends`."
    with pytest.raises(UsageError):
        new_update(demo, "demo-trends", "Q1 2023")


def test_first_update_of_a_plan_marks_everything_not_reported(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "valid" / "basic" / "plans", tmp_path / "plans")
    shutil.rmtree(tmp_path / "plans" / "demo-plan" / "updates")
    path = new_update(tmp_path / "plans", "demo-plan", "2020/21 Q1")
    assert path.read_text().count("status: not-reported") == 3
    assert {p.rule for p in check(tmp_path / "plans") if p.is_error} == {"insert-placeholder"}


def test_new_update_command_prints_what_it_wrote_and_exits_1_when_the_file_exists(
        demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    assert main(["new-update", "--plans", str(demo), "demo-trends", "2023/24 Q1"]) == 0
    assert "2023-24-q1.yaml. Fill in the lines marked [insert ...]" in capsys.readouterr().out
    assert main(["new-update", "--plans", str(demo), "demo-trends", "2023/24 Q1", "--format", "lines"]) == 1
    assert capsys.readouterr().out.endswith(": error: An update for 2023/24 Q1 already exists. "
                                            "(Edit that file instead; new-update never overwrites an update.)\n")
    assert main(["new-update", "--plans", str(demo), "demo-trends", "Q2 2023"]) == 2
    assert capsys.readouterr().err == ("python -m generator new-update: error: `Q2 2023` is not a period: write the "
                                       "financial-year quarter as `2017/18 Q2` (Q1 is April to June).\n")
