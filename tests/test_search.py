"""Search, tried as a scrutiny member and a resident would in real Chromium: a reference typed in
the header box brings its item first, the search page filters by plan and status, the keyboard
works, axe finds nothing with results shown at 1280 and 390 px, and a first visit downloads no
search file. (One search on the 40-plan synthetic site downloading under 300 KB is measured by
`scripts/benchmark`: building that site takes minutes.)"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import AXE, chromium, serve
from tests.test_browser import AXE_TAGS

SCREENS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
ORGANISATIONAL_CULTURE = "plans/bvip-2017-18/recommendations/organisational-culture/"
BVIP = "Best Value Improvement Plan 2017-18"
CPC = "LGA Corporate Peer Challenge 2023 action plan"
MILESTONE_19_5 = {
    "href": f"/{ORGANISATIONAL_CULTURE}#milestone-19-5",
    "title": "19-5 Review Whistleblowing arrangements and implement new scheme",
    "where": f"{BVIP} · Latest position · Status: Delayed",
}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium(AXE) as launched:
        yield launched


@pytest.fixture(scope="module")
def base_url(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as url:
        yield url


def _results(page: Any, scope: str) -> list[dict[str, str]]:
    return list(page.evaluate("""scope => [...document.querySelectorAll(scope + ' .cp-results > li')].map(li => ({
        href: li.querySelector('a').getAttribute('href'), title: li.querySelector('a').innerText,
        where: (li.querySelector('.cp-result__where') || {}).innerText || '',
        scale: (li.querySelector('.cp-result__status') || {dataset: {}}).dataset.scale || '',
        excerpt: (li.querySelector('.cp-result__excerpt') || {}).innerText || ''}))""", scope))


def _type_in_header(page: Any, query: str) -> str:
    page.click("#cp-search-box")
    page.keyboard.type(query)
    page.wait_for_function("() => document.querySelector('.cp-search .cp-search__count').textContent !== ''")
    return str(page.inner_text(".cp-search .cp-search__count"))


def _search_page(page: Any, base_url: str, query: str) -> str:
    page.goto(base_url + "search/?" + query)
    page.wait_for_function("() => document.querySelector('.cp-search-results .cp-search__count').textContent !== ''")
    return str(page.inner_text(".cp-search-results .cp-search__count"))


@pytest.mark.parametrize(("query", "first"), [
    ("19-5", MILESTONE_19_5),
    ("BVIP 19-5", MILESTONE_19_5),
    ("M19-5", MILESTONE_19_5),
    ("6.5", {"href": "/plans/cpc-2023/recommendations/r6/#action-6-5",
             "title": "6-5 The Council will ensure the Head of Audit attends meetings between the three statutory "
                      "officers.",
             "where": f"{CPC} · Latest position · Status: Completed"}),
    ("hr-2-1", {"href": "/plans/transformation-2024/recommendations/hr-phase-2/#action-hr-2-1",
                "title": "Activity “Review senior pay rates”",
                "where": "Transforming Tower Hamlets Council: building a stronger future · Latest position · "
                         "Status: Not reported"}),
    ("R3", {"href": "/plans/cpc-2023/recommendations/r3/", "title": "Recommendation 3: Performance Management",
            "where": f"{CPC} · Latest position"}),
])
def test_a_reference_typed_in_the_header_box_brings_its_item_first(
        browser: Any, base_url: str, query: str, first: dict[str, str]) -> None:
    page = browser.new_context(viewport=SCREENS["desktop"]).new_page()
    page.goto(base_url + "plans/")
    count = _type_in_header(page, query)
    found = _results(page, ".cp-search")
    page.context.close()
    assert count.endswith(f"for “{query}”.") and count[0].isdigit(), count
    assert {k: found[0][k] for k in first} == first, found[:3]
    assert all("cited as" not in r["excerpt"] for r in found), found


def test_the_search_page_filters_by_plan_and_status(browser: Any, base_url: str) -> None:
    page = browser.new_context(viewport=SCREENS["desktop"]).new_page()
    everything = _search_page(page, base_url, "q=review")
    all_plans = {r["where"].split(" · ")[0] for r in _results(page, ".cp-search-results")}
    page.select_option("#cp-filter-plan", BVIP)
    page.wait_for_function("() => !document.querySelector('.cp-search-results .cp-search__count').textContent"
                           ".startsWith(" + json.dumps(everything.split(" ")[0] + " ") + ")")
    in_plan = _results(page, ".cp-search-results")
    page.select_option("#cp-filter-status", "At risk")
    page.wait_for_timeout(300)
    page.wait_for_function("() => [...document.querySelectorAll('.cp-search-results .cp-result__status')]"
                           ".every(s => s.dataset.scale === 'At risk')")
    at_risk = _results(page, ".cp-search-results")
    address = page.evaluate("location.search")
    page.context.close()
    assert len(all_plans) > 1, all_plans
    assert in_plan and all(r["where"].startswith(BVIP + " · ") for r in in_plan), in_plan
    assert at_risk and all(r["scale"] == "At risk" and r["where"].startswith(BVIP) for r in at_risk), at_risk
    assert MILESTONE_19_5["href"] in [r["href"] for r in at_risk]
    assert "status=At+risk" in address and "q=review" in address


def test_the_first_visit_downloads_no_search_file_until_the_visitor_searches(browser: Any, base_url: str) -> None:
    page = browser.new_context(viewport=SCREENS["phone"]).new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url.replace(base_url, "/")))
    page.goto(base_url + ORGANISATIONAL_CULTURE, wait_until="networkidle")
    first_visit = list(requested)
    _type_in_header(page, "19-5")
    page.context.close()
    assert first_visit and not [url for url in first_visit if "pagefind" in url or "search_index" in url], first_visit
    searched = [url for url in requested if "/pagefind/" in url]
    assert "/pagefind/pagefind.js" in searched
    assert any(url.endswith(".pf_fragment") for url in searched), searched


def test_keyboard_arrows_move_through_results_and_escape_returns_to_the_box(browser: Any, base_url: str) -> None:
    page = browser.new_context(viewport=SCREENS["desktop"]).new_page()
    page.goto(base_url)
    _type_in_header(page, "19-5")
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Escape")
    back = page.evaluate("document.activeElement.id")
    panel_hidden = page.evaluate("document.querySelector('.cp-search__panel').hidden")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=19-5")
    page.wait_for_function("() => document.querySelector('.cp-search-results .cp-search__count').textContent !== ''")
    on_page = _results(page, ".cp-search-results")
    page.context.close()
    assert first == MILESTONE_19_5["href"] and second != first
    assert back == "cp-search-box" and panel_hidden
    assert on_page[0]["href"] == MILESTONE_19_5["href"]


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_axe_finds_no_violations_with_results_shown(browser: Any, base_url: str, screen: str) -> None:
    context = browser.new_context(viewport=SCREENS[screen])
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    found = {}
    page.goto(base_url + "plans/bvip-2017-18/")
    _type_in_header(page, "procurement")
    found["header box"] = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    _search_page(page, base_url, "q=procurement")
    found["search page"] = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    wide = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    shown = len(_results(page, ".cp-search-results"))
    context.close()
    problems = {where: [f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}" for v in result["violations"]]
                for where, result in found.items()}
    assert shown >= 10
    assert problems == {"header box": [], "search page": []}
    assert wide <= 0


def test_the_search_page_without_javascript_says_so_and_links_to_the_plans(browser: Any, base_url: str) -> None:
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto(base_url + "search/?q=19-5")
    text = page.inner_text("article")
    link = page.get_attribute("noscript a, article a[href$='plans/']", "href")
    page.context.close()
    assert "Search runs in your browser and needs JavaScript, which is switched off." in text
    assert link == "../plans/"


def test_the_query_normaliser_reads_references_as_people_type_them(browser: Any, base_url: str) -> None:
    page = browser.new_context().new_page()
    page.goto(base_url + "search/")
    cases = ["19 – 5", "19/5", "m 19-5", "bvip19-5", "BVIP  M19-5", "  procurement  plan ", "r 3"]
    got = page.evaluate("""async cases => {
        const m = await import('/assets/javascripts/search.js');
        return cases.map(c => [m.normalise(c), m.referenceIn(c)]); }""", cases)
    page.context.close()
    assert got == [["19-5", "19-5"], ["19-5", "19-5"], ["M19-5", "19-5"], ["bvip 19-5", "19-5"],
                   ["BVIP M19-5", "19-5"], ["procurement plan", ""], ["R3", "3"]]
