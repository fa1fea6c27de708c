"""Accessibility and quality in a real browser (Debian's Chromium driven by Playwright):
axe-core on every page at 1280×800 and 320×640, no horizontal scroll at 320 px, keyboard
access with visible focus, no request leaving 127.0.0.1, and printing to PDF."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import AXE, chromium, page_urls, serve

CHUNKS = 4
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "mobile": {"width": 320, "height": 640}}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SAMPLE_PAGES = ["", "plans/", "plans/bvip-2017-18/", "plans/bvip-2017-18/recommendations/elections/",
                "plans/cpc-2023/recommendations/r4/", "plans/bvip-2017-18/updates/2017-18-q2/", "how-to-read/"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium(AXE) as launched:
        yield launched


@pytest.fixture(scope="module")
def base_url(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as url:
        yield url


def _context(browser: Any, viewport: str, base_url: str, outside: list[str] | None = None) -> Any:
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    if outside is not None:
        def route(request_route: Any) -> None:
            url = request_route.request.url
            if url.startswith(base_url) or url.startswith(("data:", "blob:")):
                request_route.continue_()
            else:
                outside.append(url)
                request_route.abort()
        context.route("**/*", route)
    return context


TRANSLATED = ("bn/", "cy/")
"""The sample's other languages: their pages are the English pages' templates with other words, so
axe checks one page of each kind in them (every page in English)."""
EACH_KIND = ["", "plans/bvip-2017-18/", "plans/bvip-2017-18/recommendations/organisational-culture/",
             "plans/bvip-2017-18/updates/2017-18-q2/",
             "plans/bvip-2017-18/updates/2017-18-q2/recommendations/organisational-culture/",
             "plans/bvip-2017-18/meeting-pack/", "plans/", "plans/cpc-2023/recommendations/r4/", "search/",
             "corrections/"]


ARCHIVED = re.compile(r"^plans/(?P<plan>[^/]+)/updates/[^/]+/recommendations/")
"""A recommendation as an earlier update reported it: the latest view's template with that
update's data. axe checks every one of the first plan's (BVIP) and the first of each other plan's."""


def _checked_pages(site: Path) -> list[str]:
    every = page_urls(site)
    english = [path for path in every if not path.startswith(TRANSLATED)]
    seen: set[str] = set()
    kept = []
    for path in english:
        archived = ARCHIVED.match(path)
        if archived and archived["plan"] != "bvip-2017-18" and archived["plan"] in seen:
            continue
        if archived:
            seen.add(archived["plan"])
        kept.append(path)
    english = kept
    translated = [prefix + path for prefix in TRANSLATED for path in EACH_KIND if prefix + path in every]
    assert len(translated) == len(TRANSLATED) * len(EACH_KIND)
    return english + translated


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_axe_finds_no_violations_and_nothing_leaves_127_0_0_1(
        browser: Any, base_url: str, sample_site: Path, viewport: str, chunk: int) -> None:
    outside: list[str] = []
    context = _context(browser, viewport, base_url, outside)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    found: dict[str, list[str]] = {}
    for path in _checked_pages(sample_site)[chunk::CHUNKS]:
        page.goto(base_url + path)
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
        for violation in result["violations"]:
            targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
            found.setdefault(path, []).append(f"{violation['id']}: {violation['help']} {targets}")
        if viewport == "mobile":
            wide = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if wide > 0:
                found.setdefault(path, []).append(f"scrolls sideways by {wide}px at 320px wide")
    context.close()
    assert not found, json.dumps(found, indent=1)
    assert not outside, f"requests left 127.0.0.1: {sorted(set(outside))[:10]}"


def _focus_report(page: Any) -> dict[str, Any]:
    return dict(page.evaluate("""() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        const rect = el.getBoundingClientRect();
        const header = document.querySelector('.md-header');
        return {
          tag: el.tagName, cls: el.className || '', text: (el.textContent || '').trim().slice(0, 60),
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
          shadow: style.boxShadow !== 'none', decorated: style.textDecorationLine.includes('underline'),
          top: rect.top, bottom: rect.bottom, height: rect.height,
          headerBottom: header ? header.getBoundingClientRect().bottom : 0,
          inHeader: !!el.closest('.md-header'), inSidebar: !!el.closest('.md-sidebar'),
        };
    }"""))


@pytest.mark.parametrize("path", SAMPLE_PAGES)
def test_keyboard_skip_link_first_focus_visible_and_not_under_the_header(
        browser: Any, base_url: str, path: str) -> None:
    context = _context(browser, "desktop", base_url)
    page = context.new_page()
    page.goto(base_url + path)
    page.keyboard.press("Tab")
    first = _focus_report(page)
    assert "md-skip" in first["cls"], first
    problems = []
    count = page.evaluate("document.querySelectorAll('a[href], button, input, summary, [tabindex=\"0\"]').length")
    for _ in range(min(count, 80)):
        page.keyboard.press("Tab")
        focus = _focus_report(page)
        if focus["tag"] == "BODY":
            break
        if not (focus["outline"] or focus["shadow"]):
            problems.append(f"no visible focus on {focus['tag']} {focus['text']!r}")
        if not focus["inHeader"] and focus["height"] > 0 and focus["top"] < focus["headerBottom"] - 1:
            problems.append(f"{focus['tag']} {focus['text']!r} is hidden under the sticky header")
    context.close()
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("path", ["plans/bvip-2017-18/", "plans/bvip-2017-18/recommendations/property/"])
def test_plan_and_recommendation_pages_print_cleanly(browser: Any, base_url: str, path: str, tmp_path: Path) -> None:
    context = _context(browser, "desktop", base_url)
    page = context.new_page()
    page.goto(base_url + path)
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary',
        '.md-footer', '.cp-search'].every(s => {
            const el = document.querySelector(s); return !el || getComputedStyle(el).display === 'none'; })""")
    assert hidden, "navigation, search or footer would be printed"
    address = page.evaluate("() => (document.querySelector('.cp-print-address') || {}).textContent || ''")
    assert "Permanent address: /plans/bvip-2017-18/" in address and "as at 2017/18 Q2" in address
    assert "no public address yet" in address, "a placeholder address is never printed as if real"
    avoid = page.evaluate(
        "() => getComputedStyle(document.querySelector('figure.cp-chart, table.cp-items tr')).breakInside")
    assert avoid == "avoid"
    pdf = tmp_path / "print.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    context.close()
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page") >= 2


def test_switching_language_keeps_the_cited_item_and_search_answers_in_that_language(
        browser: Any, base_url: str) -> None:
    context = _context(browser, "mobile", base_url)
    page = context.new_page()
    page.goto(base_url + "bn/plans/bvip-2017-18/recommendations/organisational-culture/#milestone-19-5")
    page.click("nav.cp-languages a[lang=cy]")
    page.wait_for_url("**/cy/**")
    assert page.url.endswith("/cy/plans/bvip-2017-18/recommendations/organisational-culture/#milestone-19-5")
    assert page.evaluate("document.documentElement.lang") == "cy"
    page.goto(base_url + "bn/search/?q=19-5")
    page.wait_for_selector(".cp-search-results .cp-results li")
    assert "ফলাফল" in page.inner_text(".cp-search-results .cp-search__count")  # "results", in Bengali
    assert "19-5" in page.inner_text(".cp-search-results .cp-results li")
    context.close()
