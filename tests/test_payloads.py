"""The payload test: a fixed corpus of hostile text goes into every free-text field of the schema
(and into a hand-written page), the site is built with MkDocs, and headless Chromium proves that
no payload runs on any page, including after typing in the search box; feeds, SVGs and the
sitemap are well-formed XML and no CSV cell can start a formula.

Identifiers, periods, colours and status scales are not free text: their patterns refuse
payloads at validation (see tests/fixtures/invalid). One build and one browser, about 20 s.
"""

from __future__ import annotations

import csv
import io
import shutil
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any
from xml.etree import ElementTree

import pytest
import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator import csvsafe, schema
from generator.content import published_pages
from tests.browser import chromium, page_urls, pagefind_search, serve
from tests.conftest import FIXTURES, make_project, run_mkdocs

# Each payload calls `__pwn`, which the browser test defines before any page script runs.
PAYLOADS = (
    '<script>__pwn("script")</script>',
    '"><img src=x onerror=__pwn("img")>',
    "'><svg onload=__pwn('svg')>",
    '</title><script>__pwn("title")</script>',
    '&lt;script&gt;__pwn("entity")&lt;/script&gt;',
    '[link](javascript:__pwn("md-link")) <a href="javascript:__pwn(\'a\')">a</a>',
    '<iframe src="javascript:__pwn(\'iframe\')"></iframe>',
    'Text\n{: onclick="__pwn(\'attr-list\')" }',
    "{{ __pwn('jinja') }} {% raw %}",
    '=HYPERLINK("https://evil.example","click")',
    r"$\alpha$ costs $5 and $6 $\frac{a}{",
    "tab\tand\nnewline",
)
PAYLOAD = " ".join(PAYLOADS)
FORMULA = '=HYPERLINK("https://evil.example","click") ' + PAYLOAD
"""The payloads after a formula, so that a CSV cell starts with it."""
LONG = "A very long text that goes on. " * 200 + "Averylongwordwithoutanyspace" * 40
URL = 'https://example.org/"><svg/onload=__pwn("url")>'
"""A web address the schema accepts (no space) that must still be escaped in `href`."""


def _is_free_text(info: FieldInfo) -> bool:
    """Plain `str` (Markdown and Printed are `str`), not a constrained id, period or address."""
    annotation = info.annotation
    options = typing.get_args(annotation) if isinstance(annotation, types.UnionType) else (annotation,)
    return not info.metadata and str in options and all(typing.get_origin(o) is not Annotated for o in options)


def _fill(model: type[BaseModel], data: dict[str, Any], counter: list[int]) -> None:
    """Every free-text field of `data` (present or not) set to the payloads."""
    for name, info in model.model_fields.items():
        annotation = info.annotation
        if name == "url":
            data[name] = URL
        elif _is_free_text(info):
            counter[0] += 1
            data[name] = LONG if counter[0] % 7 == 0 else FORMULA if counter[0] % 3 == 0 else PAYLOAD
        elif annotation == list[str] and name == "notes":
            data[name] = [PAYLOAD]
        elif typing.get_origin(annotation) is list:
            (inner,) = typing.get_args(annotation)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                for item in data.get(name, []):
                    _fill(inner, item, counter)
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            data.setdefault(name, {})
            _fill(annotation, data[name], counter)


def _hostile_plans(target: Path) -> None:
    shutil.copytree(FIXTURES / "valid" / "basic" / "plans", target)
    plan_file, update_file = target / "demo-plan/plan.yaml", target / "demo-plan/updates/2020-21-q2.yaml"
    plan, update = yaml.safe_load(plan_file.read_text()), yaml.safe_load(update_file.read_text())
    plan["indicators"] = [{"id": "kpis", "title": "", "categories": ["Green", "Red"], "source": "demo-report",
                           "readings": [{"label": "", "values": {"Green": 3, "Red": 1}}]}]
    plan["sections"][0]["summary"] = ""
    update["summaries"] = [{"recommendation": "r1", "text": ""}]
    update["progress"][1]["evidence"].append({"title": "", "url": URL})
    counter = [0]
    _fill(schema.Plan, plan, counter)
    _fill(schema.Update, update, counter)
    indicator = plan["indicators"][0]
    indicator["categories"] = [PAYLOAD, "Plain"]
    indicator["readings"][0]["values"] = {PAYLOAD: 3, "Plain": 1}
    plan_file.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False))
    update_file.write_text(yaml.safe_dump(update, allow_unicode=True, sort_keys=False))


HOSTILE_PAGE = """---
description: "x\\" onmouseover=\\"__pwn('description')"
author: '"><script>__pwn("author")</script>'
---
# Notes &lt;/title&gt;&lt;script&gt;__pwn("h1")&lt;/script&gt;

<script>__pwn("content-script")</script>

## <img src=x onerror=__pwn("heading")> Heading

A paragraph with [a link](javascript:__pwn("content-link")) and <a href="javascript:__pwn('raw')">a raw one</a>.

A paragraph with an attribute list
{: onclick="__pwn('content-attr')" onmouseover="__pwn('content-attr')" }

## Label {: data-toc-label="<img src=y onerror=__pwn('toc')>" }

<div markdown onmouseover="__pwn('md-in-html')">In *HTML*</div>
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("payloads")
    _hostile_plans(root / "plans")
    project = make_project(root / "site-project", root / "plans")
    (project / "public-urls.txt").unlink(missing_ok=True)
    (project / "content" / "hostile.md").write_text(HOSTILE_PAGE)
    (project / "content" / "unfinished.md").write_text("---\ndraft: true\n---\n# Unfinished draft\n\nNot yet.\n")
    (project / "content" / "drafts").mkdir()
    (project / "content" / "drafts" / "idea.md").write_text("# An idea in drafts\n\nNot yet.\n")
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    return project / "site"


def _free_text(model: type[BaseModel], data: dict[str, Any]) -> Iterator[tuple[str, object]]:
    for name, info in model.model_fields.items():
        if _is_free_text(info):
            yield name, data.get(name)
        elif typing.get_origin(info.annotation) is list:
            (inner,) = typing.get_args(info.annotation)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                for item in data.get(name, []):
                    yield from _free_text(inner, item)
        elif isinstance(info.annotation, type) and issubclass(info.annotation, BaseModel):
            yield from _free_text(info.annotation, data[name])


def test_every_free_text_field_holds_a_payload(hostile_site: Path) -> None:
    plans = hostile_site.parent / "plans/demo-plan"
    found = [*_free_text(schema.Plan, yaml.safe_load((plans / "plan.yaml").read_text())),
             *_free_text(schema.Update, yaml.safe_load((plans / "updates/2020-21-q2.yaml").read_text()))]
    assert len(found) > 60
    assert [name for name, value in found if value not in (PAYLOAD, FORMULA, LONG)] == []
    assert {name for name, _ in found} >= {"title", "short_name", "label", "definition", "number", "recommendation",
                                           "lead", "commentary", "contact", "summary", "publisher", "file"}


def test_a_hand_written_pages_front_matter_is_escaped(hostile_site: Path) -> None:
    html = (hostile_site / "hostile/index.html").read_text()
    assert '<meta name="description" content="x&quot; onmouseover=&quot;__pwn(\'description\')">' in html
    assert '<meta name="author" content="&quot;&gt;&lt;script&gt;__pwn(&quot;author&quot;)&lt;/script&gt;">' in html


def test_drafts_are_not_published(hostile_site: Path) -> None:
    """Draft pages were published, searchable and in the sitemap (and would have been listed as
    public addresses)."""
    assert list(published_pages(hostile_site.parent / "content")) == [
        "about.md", "accessibility.md", "contact.md", "editors-guide.md", "hostile.md", "how-to-read.md", "index.md",
        "permanent-links.md"]
    assert not (hostile_site / "unfinished").exists() and not (hostile_site / "drafts").exists()
    assert (hostile_site / "hostile" / "index.html").is_file()
    sitemap = (hostile_site / "sitemap.xml").read_text()
    assert "hostile/" in sitemap and "unfinished" not in sitemap and "drafts/" not in sitemap
    found = pagefind_search(hostile_site, ["unfinished", "draft"])
    assert not [r["url"] for results in found.values() for r in results if "unfinished" in r["url"]
                or "drafts/" in r["url"]], found


def test_titles_and_descriptions_are_escaped_where_mkdocs_inserts_them(hostile_site: Path) -> None:
    """A title reached `<title>`, the meta description and Material's search index unescaped."""
    html = (hostile_site / "plans/demo-plan/index.html").read_text()
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title.startswith("&lt;script&gt;__pwn(&quot;script&quot;)&lt;/script&gt; &quot;&gt;&lt;img src=x")
    description = html.split('<meta name="description" content="', 1)[1].split('">', 1)[0]
    assert "<" not in description and '"' not in description
    found = pagefind_search(hostile_site, ["script", "onerror"])
    titles = [r["title"] for results in found.values() for r in results]
    assert titles, "the payloads are found by search"
    # Text as written (search shows titles as text, never as markup), never escaped twice.
    assert any('<script>__pwn("script")</script>' in title for title in titles), titles[:3]
    assert not any("&amp;lt;" in title for title in titles)


def test_feeds_svgs_and_sitemap_are_well_formed_and_csvs_neutral(hostile_site: Path) -> None:
    """One control character made every feed and chart invalid XML; `=HYPERLINK` reached CSVs."""
    xml = [*hostile_site.rglob("*.xml"), *hostile_site.rglob("*.svg")]
    names = {p.relative_to(hostile_site).as_posix() for p in xml}  # the redesign draws fewer charts
    assert {"sitemap.xml", "feed.xml", "plans/demo-plan/feed.xml"} <= names and any(n.endswith(".svg") for n in names)
    for path in xml:
        ElementTree.parse(path)  # raises on anything not well-formed
    svg = "".join(p.read_text() for p in hostile_site.rglob("*.svg"))
    assert "$\\alpha$" in svg.replace("&#36;", "$")  # drawn as written, not as mathtext
    csvs = list(hostile_site.rglob("*.csv"))
    assert {"plans/demo-plan/data/demo-plan-recommendations.csv", "plans/demo-plan/charts/indicator-kpis.csv"} <= {
        p.relative_to(hostile_site).as_posix() for p in csvs}
    cells = [cell for path in csvs for row in csv.reader(io.StringIO(path.read_text())) for cell in row]
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)
    assert [cell for cell in cells if cell.startswith(csvsafe.TRIGGERS)] == []


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


TRAP = """
window.__pwned = [];
window.__pwn = (what) => window.__pwned.push(String(what));
window.alert = window.confirm = window.prompt = (what) => window.__pwned.push("dialog " + what);
"""


def test_no_payload_runs_on_any_page_or_in_search(browser: Any, hostile_site: Path) -> None:
    ran: list[str] = []
    with serve(hostile_site) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        context.add_init_script(TRAP)
        page = context.new_page()
        page.on("console", lambda message: ran.append(message.text) if "__pwn" in message.text else None)
        paths = page_urls(hostile_site)
        assert len(paths) >= 20
        for path in paths:
            page.goto(base + path)
            page.mouse.move(200, 300)
            ran += [f"{path}: {what}" for what in page.evaluate("window.__pwned")]
        page.goto(base)
        page.click(".cp-search__input")
        results = ""
        for query in ("costs", "newline", "script", "onerror"):  # words of the payloads as search splits them
            page.fill(".cp-search__input", "")
            page.keyboard.type(query)
            page.wait_for_selector(".cp-result", timeout=10000)
            page.wait_for_timeout(200)
            results += page.inner_text(".cp-results")
        ran += [f"search: {what}" for what in page.evaluate("window.__pwned")]
        context.close()
    assert ran == []
    assert "__pwn" in results  # the payloads were found by search, and shown as text
