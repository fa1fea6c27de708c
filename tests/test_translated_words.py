"""The site's own words in charts, feeds, the common scale and the contact details go through the
catalogues, in the language being rendered (a pseudo-translation stands in for a catalogue),
while the council's words and the open data stay as published."""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from generator import changes, feeds, scale
from generator.charts.cache import ChartCache
from generator.charts.kinds import Bar, CountChart, Segment, StatusChart
from generator.charts.numbers import csv_bytes, table
from generator.charts.specs import plan_charts
from generator.charts.svg import svg_bytes
from generator.charts.words import summary
from generator.contact import Contact, contact_html
from generator.i18n import Language, catalogues, use
from generator.pipeline import read_site
from generator.schema import Scale
from tests.conftest import FIXTURES

DEMO = FIXTURES / "demo" / "plans"

CHART = StatusChart("s", "Key milestones by area", "key milestones", (
    Bar("Elections", (Segment("Completed", Scale.complete, 9), Segment("Overdue", Scale.off_track, 2))),
    Bar("Property", (Segment("Completed", Scale.complete, 5), Segment("Overdue", Scale.off_track, 3))),
), bar_noun="areas")


class _Pseudo(gettext.NullTranslations):
    """Every message in double brackets, so what went through the catalogue shows."""

    def gettext(self, message: str) -> str:
        return f"[[{message}]]"

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return f"[[{msgid1 if n == 1 else msgid2}]]"


@pytest.fixture
def welsh(monkeypatch: pytest.MonkeyPatch) -> Language:
    """A language whose catalogue is the pseudo-translation (the others are untouched)."""
    real: Callable[[str], gettext.NullTranslations] = catalogues.translations
    monkeypatch.setattr(catalogues, "translations", lambda code: _Pseudo() if code == "cy" else real(code))
    return Language("cy", prefix="cy/")


def texts(svg: bytes) -> list[str]:
    return re.findall(r"<text\b[^>]*>([^<]*)</text>", svg.decode("utf-8"))


def test_a_chart_is_summarised_drawn_and_tabulated_in_its_own_language(welsh: Language, tmp_path: Path) -> None:
    chart = replace(CHART, language=welsh)
    sentence = "[[Across 2 areas, 14 of 19 key milestones are Completed; [[Property has the most Overdue (3)]].]]"
    assert summary(chart) == sentence
    assert table(chart)[0] == ("", "Completed", "Overdue", "[[Total]]"), "the plan's status words stay its own"
    assert csv_bytes(chart).splitlines()[:2] == [b",Completed,Overdue,[[Total]]", b"Elections,9,2,11"]
    svg = svg_bytes(chart)
    assert f"<desc>{sentence}</desc>".encode() in svg
    empty = replace(chart, bars=())
    assert "[[No key milestones to show.]]" in texts(svg_bytes(empty))
    assert "[[No figures to show.]]" in texts(svg_bytes(CountChart("c", "t", (), (), language=welsh)))
    assert ChartCache(tmp_path).key(chart) != ChartCache(tmp_path).key(CHART), "a translated drawing is another chart"


def test_a_chart_is_drawn_in_its_language_whatever_language_is_active(welsh: Language) -> None:
    # Charts are drawn in background workers, which render in no page's language.
    english = svg_bytes(CHART)
    with use(welsh):
        assert svg_bytes(CHART) == english
        assert summary(CHART).startswith("Across 2 areas")
    assert b"[[" in svg_bytes(replace(CHART, language=welsh))


# The SVG keeps its text as text, drawn by the reader's fonts; the build machine may have no
# Bengali font for matplotlib to measure with.
@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")
def test_a_council_that_chose_bengali_digits_gets_them_in_charts_but_not_in_the_csv() -> None:
    chart = replace(CHART, language=Language("bn", native_digits=True))
    drawn = texts(svg_bytes(chart))
    assert {"৯", "২", "Elections (১১)"} <= set(drawn)
    assert table(chart)[1][0] == ("Elections", "৯", "২", "১১")
    assert csv_bytes(chart).splitlines()[1] == b"Elections,9,2,11"
    said = summary(chart)
    assert "১৪" in said and "১৯" in said and not any(digit in said for digit in "0123456789")


def test_charts_made_while_rendering_a_language_are_written_in_it(welsh: Language) -> None:
    derived, _problems = read_site(DEMO)
    english = plan_charts(derived.plans[0])
    with use(welsh):
        translated = plan_charts(derived.plans[0])
    assert [f.svg_path for f in translated] == [f.svg_path for f in english]
    assert [f.chart.slug for f in translated] == [f"cy/{f.chart.slug}" for f in english]
    trend = next(f.chart for f in translated if f.svg_path.endswith("plan-trend.svg"))
    assert trend.language == welsh and trend.title.startswith("[[Status of all ")
    assert all(f.chart.language.code == "en" for f in english)


def test_scale_words_and_kinds_of_change_are_translated_where_shown(welsh: Language) -> None:
    assert scale.label(Scale.on_track) == "On track"
    with use(welsh):
        assert scale.label(Scale.on_track) == "[[On track]]"
    assert dict(changes.CHANGE_KINDS)["deadline-moved"] == "Deadline moved", "the table keeps the message id"


def test_feeds_and_contact_details_are_written_in_the_language_being_rendered(welsh: Language) -> None:
    derived, _problems = read_site(DEMO)
    english = feeds.feeds(derived, "https://plans.example/", "Council plans", None)
    with use(welsh):
        translated = feeds.feeds(derived, "https://plans.example/", "Council plans", None)
        contact = contact_html(Contact(email="plans@council.example", phone="020 7364 5000"))
    site = translated[0].data().decode("utf-8")
    assert "<title>[[Council plans: quarterly updates]]</title>" in site
    assert "<title>[[DEMO 2022/23 Q4 update: Synthetic update, quarter 4]]</title>" in site
    assert "<summary>[[Synthetic Demonstration Plan (not real data), 2022/23 Q4 update (14 April 2023).]]" in site
    assert " [[Reported to Demo Improvement Board.]] " in site
    assert [a.path for a in translated] == [a.path for a in english]
    assert contact == ('<div class="cp-contact"><ul><li>[[Email: <a href="mailto:plans@council.example">'
                       'plans@council.example</a>]]</li><li>[[Telephone: 020 7364 5000]]</li></ul></div>\n')
