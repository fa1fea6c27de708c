"""The site in Bengali and Welsh: every word the site writes is in the catalogues and translated,
the council's words stay English and marked so, and a reader can switch language and stay on
the same item."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from babel.messages.catalog import Message

from generator.i18n import catalogues, messages, read_languages
from generator.i18n.languages import SCRIPT_FONTS

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "generator"
TEMPLATES = GENERATOR / "templates"
GETTEXT = {"_", "ngettext", "N_", "gettext"}


def test_the_catalogues_hold_every_message_translated() -> None:
    found = messages.problems()
    assert found == [], "\n".join(found[:40]) + f"\n({len(found)} in all)"


def test_the_sample_languages_have_catalogues_marked_draft() -> None:
    for code in ("bn", "cy"):
        assert catalogues.has_catalogue(code)
        assert catalogues.is_draft(code), f"{code} is marked reviewed, but no fluent reviewer has confirmed it"
    assert int(catalogues.plural_forms("cy").split(";")[0].split("=")[1]) >= 5  # Welsh: one, two, few, many, other


def test_a_translation_with_other_placeholders_is_reported() -> None:
    source = Message("%(done)s of %(total)s done")
    lacking = messages._placeholder_problems(source, Message(source.id, "%(done)s সম্পন্ন"))
    misspelt = messages._placeholder_problems(source, Message(source.id, "%(done)s o %(cyfanswm)s"))
    stray = messages._placeholder_problems(Message("%(n)s%% done"), Message("%(n)s%% done", "%(n)s% wedi"))
    assert lacking == ["the translation lacks %(total)s."]
    assert "the translation has %(cyfanswm)s, which the English does not." in misspelt
    assert any("stray `%`" in p for p in stray)


def test_an_unknown_or_untranslated_language_is_named_in_plain_words() -> None:
    languages, problems = read_languages(["en", "xx-nope", "fr", "en"])
    assert [language.code for language in languages.all] == ["en"]
    assert any("`xx-nope` is not a language tag" in p for p in problems)
    assert any("no message catalogue for `fr`" in p for p in problems)
    assert any("`en` is named twice" in p for p in problems)


def _calls_in_fstrings(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name) and inner.func.id in GETTEXT:
                    lines.append(inner.lineno)
    return lines


def test_no_message_is_hidden_inside_an_fstring() -> None:
    """Babel cannot find a message written inside an f-string's braces: it would never be translated."""
    hidden = [f"{path.relative_to(ROOT)}:{line}" for path in sorted(GENERATOR.rglob("*.py"))
              for line in _calls_in_fstrings(ast.parse(path.read_text(encoding="utf-8")))]
    assert hidden == []


_JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.S)
_TAG = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1>|<[^>]+>", re.S)
_WORDS = re.compile(r"[A-Za-z]{2,}")
_LITERAL_ATTRIBUTE = re.compile(r'\b(?:aria-label|title|alt|placeholder)="([^"{]*[A-Za-z]{2,}[^"{]*)"')


def _unmarked(template: str) -> list[str]:
    found = [m.group(1) for m in _LITERAL_ATTRIBUTE.finditer(template)]
    without_code = _JINJA.sub(" ", _trans_blocks_removed(template))
    text = _TAG.sub(" ", without_code)
    found += [word for word in _WORDS.findall(text) if not word.isupper()]
    return found


def _trans_blocks_removed(template: str) -> str:
    return re.sub(r"\{%-?\s*trans\b.*?\{%-?\s*endtrans\s*-?%\}", " ", template, flags=re.S)


def test_the_templates_write_no_word_outside_a_message() -> None:
    unmarked = {path.name: words for path in sorted(TEMPLATES.rglob("*.html"))
                if (words := _unmarked(path.read_text(encoding="utf-8")))}
    assert unmarked == {}


def test_the_template_check_finds_an_unmarked_word() -> None:
    assert _unmarked('<h2>{{ _("Latest position") }}</h2><p aria-label="Plans">{{ x }} items</p>') == \
        ["Plans", "items"]


def test_the_fonts_for_bengali_are_in_the_pages_and_the_charts() -> None:
    css = (ROOT / "theme" / "assets" / "stylesheets" / "plans.css").read_text(encoding="utf-8")
    for name in SCRIPT_FONTS["bn"]:
        assert f'"{name}"' in css, name


def test_dates_and_numbers_are_written_in_the_page_language() -> None:
    from datetime import date

    from generator.i18n import use
    from generator.i18n.formats import long_date, month_span, number, percent

    languages, _ = read_languages(["en", "bn", "cy"])
    digits, _ = read_languages(["en", "bn"], native_digits=["bn"])
    day = date(2017, 9, 14)
    with use(languages.default):
        assert (long_date(day), number(115), percent(45)) == ("14 September 2017", "115", "45%")
    with use(languages.get("cy")):  # type: ignore[arg-type]
        assert long_date(day) == "14 Medi 2017"
        assert month_span(date(2017, 5, 1), date(2017, 6, 30)) == "Mai–Mehefin 2017"
    with use(languages.get("bn")):  # type: ignore[arg-type]
        assert long_date(day) == "14 সেপ্টেম্বর 2017"
        assert number(115) == "115"
    with use(digits.get("bn")):  # type: ignore[arg-type]
        assert (number(115), percent(45)) == ("১১৫", "৪৫%")
        assert long_date(day).startswith("১৪ সেপ্টেম্বর")


def test_a_translation_that_loses_a_link_is_reported() -> None:
    source = Message('<a href="%(url)s">All plans</a>')
    assert messages._placeholder_problems(source, Message(source.id, '<a href="%(url)s">সব পরিকল্পনা</a>')) == []
    assert any("same HTML tags" in p for p in
               messages._placeholder_problems(source, Message(source.id, '<a href="%(url)s">সব পরিকল্পনা')))


# --- the built sample, in three languages --------------------------------------------------

BVIP = "plans/bvip-2017-18/"


def _page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def _bengali(message: str) -> str:
    from generator.i18n import _, use

    languages, _problems = read_languages(["en", "bn", "cy"])
    with use(languages.get("bn")):  # type: ignore[arg-type]
        return _(message)


def test_a_bengali_plan_page_is_in_bengali_with_the_councils_words_marked_english(sample_site: Path) -> None:
    import html as html_module

    page = _page(sample_site, "bn/" + BVIP)
    assert '<html lang="bn"' in page
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    assert h1 is not None and 'lang="en"' in h1.group(0) and "Best Value Improvement Plan 2017-18" in h1.group(1)
    note = re.search(r'<div class="cp-language-note" role="note">(.*?)</div>', page, re.S)
    assert note is not None
    assert html_module.escape(_bengali("The plans' titles, commentary and status words are shown as the council "
                                       "published them, in English.")) in note.group(1)
    assert "খসড়া" in note.group(1)  # "draft"
    assert re.search(r'<a href="(\.\./)+contact/">সমস্যা জানান</a>', note.group(1))
    for code in ("en", "bn", "cy"):
        assert f'hreflang="{code}"' in page


def test_the_language_switcher_keeps_the_reader_on_the_same_item(sample_site: Path) -> None:
    url = BVIP + "recommendations/organisational-culture/"
    for prefix in ("", "bn/", "cy/"):
        page = _page(sample_site, prefix + url)
        switcher = re.search(r'<nav class="cp-languages".*?</nav>', page, re.S)
        assert switcher is not None, prefix
        targets = re.findall(r'href="([^"]+)"', switcher.group(0))
        assert len(targets) == 2
        for target in targets:
            landed = (sample_site / prefix / url / target).resolve()
            assert landed.relative_to(sample_site.resolve()).as_posix().endswith(url.rstrip("/")), target
            assert (landed / "index.html").is_file()


def test_english_pages_keep_their_addresses_and_carry_no_language_marks(sample_site: Path) -> None:
    page = _page(sample_site, BVIP)
    assert '<html lang="en"' in page
    assert 'lang="en">' not in page.split('<nav class="cp-languages"', 1)[1].split("</nav>", 1)[1]
    assert "cp-language-note" not in page
    listed = (ROOT / "public-urls.txt").read_text(encoding="utf-8").splitlines()
    assert BVIP in listed and "bn/" + BVIP in listed and "cy/" + BVIP in listed


def test_search_and_feeds_are_made_per_language(sample_site: Path) -> None:
    import json

    entry = json.loads((sample_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    counts = {code: info["page_count"] for code, info in entry["languages"].items()}
    assert set(counts) == {"en", "bn", "cy"} and counts["bn"] == counts["cy"] > 50
    feed = (sample_site / "bn" / "feed.xml").read_text(encoding="utf-8")
    assert 'xml:lang="bn"' in feed and '<link rel="alternate" type="text/html" href="/bn/" />' in feed


def test_the_councils_own_translation_is_shown_where_it_published_one() -> None:
    from generator.i18n import use
    from generator.labels import status_html, status_text
    from generator.model import Status
    from generator.schema import Scale

    languages, _problems = read_languages(["en", "bn", "cy"])
    status = Status("on-target", "On Target", None, Scale.on_track, None, (("bn", "লক্ষ্য অনুযায়ী"),))
    with use(languages.default):
        assert (status_text(status), str(status_html(status))) == ("On Target", "On Target")
    with use(languages.get("bn")):  # type: ignore[arg-type]
        assert (status_text(status), str(status_html(status))) == ("লক্ষ্য অনুযায়ী", "লক্ষ্য অনুযায়ী")
    with use(languages.get("cy")):  # type: ignore[arg-type]
        assert str(status_html(status)) == '<span lang="en">On Target</span>'


def test_a_translation_must_name_one_of_the_plans_sources(tmp_path: Path) -> None:
    import shutil

    from generator.pipeline import check

    shutil.copytree(ROOT / "tests" / "fixtures" / "demo" / "plans", tmp_path / "plans")
    plan = next((tmp_path / "plans").glob("*/plan.yaml"))
    text = plan.read_text(encoding="utf-8")
    title_line = next(line for line in text.splitlines() if line.startswith("title:"))
    plan.write_text(text.replace(title_line, title_line + "\ntitle_translations:\n  bn:\n    text: পরিকল্পনা\n"
                                 "    source: no-such-report", 1), encoding="utf-8")
    errors = [p for p in check(tmp_path / "plans") if p.is_error]
    assert any("no-such-report" in p.message and p.line > 1 for p in errors), errors
