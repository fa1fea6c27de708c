"""Unit tests, one stage at a time: dates, load, model, derive, urls, text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from generator import derive, text, urls
from generator.charts.specs import charts_by_page
from generator.dates import parse_printed_date
from generator.feeds import feeds
from generator.load import load_plans
from generator.model import build_model
from generator.period import Period
from generator.pipeline import read_site
from generator.render.site import render_site
from generator.validate import validate
from tests.conftest import FIXTURES

BASIC = FIXTURES / "valid" / "basic" / "plans"
DEMO = FIXTURES / "demo" / "plans"


@pytest.mark.parametrize(
    ("printed", "start", "end", "precision"),
    [
        ("May-18", date(2018, 5, 1), date(2018, 5, 31), "month"),
        ("Mar-Apr 17", date(2017, 3, 1), date(2017, 4, 30), "months"),
        ("14th September 2017", date(2017, 9, 14), date(2017, 9, 14), "day"),
        ("26/03/2019", date(2019, 3, 26), date(2019, 3, 26), "day"),
        ("March 2019", date(2019, 3, 1), date(2019, 3, 31), "month"),
        ("Sept-17", date(2017, 9, 1), date(2017, 9, 30), "month"),
        ("2022", date(2022, 1, 1), date(2022, 12, 31), "year"),
    ],
)
def test_printed_dates_are_read_without_guessing(printed: str, start: date, end: date, precision: str) -> None:
    value = parse_printed_date(printed)
    assert (value.printed, value.start, value.end, value.precision) == (printed, start, end, precision)


@pytest.mark.parametrize("printed", ["Quarterly", "Silver – December 2018 Gold - 2022",
                                     "October 2019 March 2019 Deadline to be determined", "Ongoing"])
def test_unreadable_dates_keep_their_text_and_get_no_normalised_value(printed: str) -> None:
    value = parse_printed_date(printed)
    assert value.printed == printed and not value.readable and not value.impossible


@pytest.mark.parametrize("printed", ["2019-02-30", "30/02/2019", "31 April 2020"])
def test_impossible_dates_are_flagged(printed: str) -> None:
    assert parse_printed_date(printed).impossible


def test_periods_are_uk_financial_quarters() -> None:
    q2 = Period.parse("2017/18 Q2")
    q4 = Period.parse("2018/19 Q4")
    assert (q2.slug, q2.start, q2.end) == ("2017-18-q2", date(2017, 7, 1), date(2017, 9, 30))
    assert (q4.slug, q4.start, q4.end) == ("2018-19-q4", date(2019, 1, 1), date(2019, 3, 31))


def test_loader_keeps_line_numbers_and_typed_text() -> None:
    loaded = load_plans(BASIC)
    doc = loaded.plans[0].plan
    assert doc is not None
    assert doc.data["period"] == "2020-21"
    assert doc.data["sources"][0]["date"] == "14th September 2020"
    assert doc.position(("recommendations", 0, "actions", 0, "lead")) == (50, 15)


def test_model_is_frozen_and_resolves_shared_actions() -> None:
    derived_site, warnings = read_site(BASIC)
    site = derived_site.site
    assert warnings == []
    plan = site.plans[0]
    shared = plan.recommendation("r2")
    assert [a.id for a in plan.actions_of(shared)] == ["1"]
    with pytest.raises(AttributeError):
        plan.title = "changed"  # type: ignore[misc]
    assert plan.latest is not None and plan.latest.period.label == "2020/21 Q2"


def test_status_mix_counts_leaves_along_the_common_scale() -> None:
    site = build_model(validate(load_plans(BASIC)))
    plan = site.plans[0]
    mix = derive.mix(plan, plan.latest, derive.all_leaves(plan))
    assert [(s.label, n) for s, n in mix.counts] == [("Completed", 1), ("On Target", 1), ("Not reported", 1)]
    assert mix.sentence() == "3 activities and key milestones: 1 Completed, 1 On Target, 1 Not reported."
    r1 = derive.mix(plan, plan.latest, derive.leaves(plan, plan.recommendation("r1")))
    # The plan counts activities without milestones and milestones: every count says so alike.
    assert r1.sentence() == "2 activities and key milestones: 1 Completed, 1 On Target."


def test_the_derive_stage_counts_once_and_every_later_stage_reads_what_it_found(
        monkeypatch: pytest.MonkeyPatch) -> None:
    derived, _ = read_site(DEMO)
    facts = derived.plans[0]
    latest = facts.latest
    assert latest is not None and latest.previous is not None
    assert facts.mix(latest.update) == derive.mix(facts.plan, latest.update, derive.all_leaves(facts.plan))
    assert latest.deltas, "the demo's last quarter moved some counts"
    assert len(latest.attention) == len(facts.attention(latest.update) or ())

    calls: list[str] = []

    def counting(name: str) -> Callable[..., object]:
        real = getattr(derive, name)

        def counted(*args: object, **kwargs: object) -> object:
            calls.append(name)
            return real(*args, **kwargs)
        return counted

    for name in ("mix", "leaves", "all_leaves", "counted_nouns"):
        monkeypatch.setattr(derive, name, counting(name))
    by_page = charts_by_page(derived)
    output = render_site(derived, by_page)
    feeds(derived, "", "Plans", None)
    assert len(output.pages) > 20
    assert calls == [], "charts, pages and feeds read the derive stage's counts instead of counting again"


def test_addresses_are_built_from_ids_and_relative_links_work_anywhere() -> None:
    derived_site, _ = read_site(BASIC)
    site = derived_site.site
    plan = site.plans[0]
    milestone = plan.recommendations[0].actions[0].milestones[1]
    assert urls.item_url(plan, milestone) == "plans/demo-plan/recommendations/r1/#milestone-1-2"
    assert urls.relative("plans/demo-plan/recommendations/r1/", "") == "../../../../"
    assert urls.relative("plans/demo-plan/", "plans/demo-plan/updates/2020-21-q2/") == "updates/2020-21-q2/"
    assert urls.relative("plans/demo-plan/", "plans/demo-plan/#statuses") == "./#statuses"


@pytest.mark.parametrize(
    ("markdown", "cleaned"),
    [
        ("<script>alert(1)</script>Hello", "<p>Hello</p>"),
        ('<a href="javascript:alert(1)">x</a>', '<p><a rel="noopener">x</a></p>'),
        ('<img src=x onerror="alert(1)">', "<p></p>"),
        ('<p onclick="steal()">Text</p>', "<p>Text</p>"),
        ("**Bold** and [link](https://example.org)",
         '<p><strong>Bold</strong> and <a href="https://example.org" rel="noopener">link</a></p>'),
    ],
)
def test_markdown_is_sanitised(markdown: str, cleaned: str) -> None:
    assert str(text.block(markdown)).strip() == cleaned


def test_pages_command_writes_every_page(tmp_path: Path) -> None:
    from generator.cli import main

    out = tmp_path / "pages"
    assert main(["pages", "--plans", str(BASIC), "--cache", str(tmp_path / "cache"), str(out)]) == 0
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    assert written == [
        "corrections/index.md",
        "plans/demo-plan/index.md",
        "plans/demo-plan/meeting-pack/index.md",
        "plans/demo-plan/recommendations/r1/index.md",
        "plans/demo-plan/recommendations/r2/index.md",
        "plans/demo-plan/recommendations/r3/index.md",
        "plans/demo-plan/updates/2020-21-q2/index.md",
        "plans/demo-plan/updates/2020-21-q2/meeting-pack/index.md",
        "plans/demo-plan/updates/2020-21-q2/recommendations/r1/index.md",
        "plans/demo-plan/updates/2020-21-q2/recommendations/r2/index.md",
        "plans/demo-plan/updates/2020-21-q2/recommendations/r3/index.md",
        "plans/index.md",
        "search/index.md",
    ]
    page = (out / "plans/demo-plan/index.md").read_text()
    assert page.startswith(
        "---\ndescription: 'Demo Improvement Plan 2020-21. 3 activities and key milestones: 1 Completed")
