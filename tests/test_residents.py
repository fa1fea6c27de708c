"""What a resident sees and hears, tried in real Chromium: the first screen of the home page at a
desktop's and a phone's size, how tall the longest pages are, charts read without colour, chart
text as large as body text on a phone, tables that never cut a word, and the pages as a screen
reader walks them (Chromium's accessibility tree).

Screenshots of the main pages at 1280 and 390 px are written to `.artefacts/screenshots/`, to
be looked at before a change is called done.
"""

from __future__ import annotations

import collections
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import chromium, serve
from tests.conftest import ROOT

SCREENS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
SHOTS = ROOT / ".artefacts" / "screenshots"
MAIN_PAGES = {
    "home": "",
    "plan": "plans/bvip-2017-18/",
    "recommendation": "plans/bvip-2017-18/recommendations/organisational-culture/",
    "update": "plans/bvip-2017-18/updates/2017-18-q2/",
}
LARGEST = "plans/bvip-2017-18/recommendations/organisational-culture/"
STOPS = {"heading", "link", "button", "checkbox", "textbox", "combobox", "searchbox", "image", "img",
         "DisclosureTriangle"}
"""Accessibility roles a screen reader's virtual cursor reads as one step (with their name)."""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def base_url(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as url:
        yield url


def _page(browser: Any, screen: str) -> Any:
    return browser.new_context(viewport=SCREENS[screen]).new_page()


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_the_home_page_answers_for_every_plan_in_words_on_the_first_screen(
        browser: Any, base_url: str, screen: str) -> None:
    page = _page(browser, screen)
    page.goto(base_url)
    cards = page.evaluate("""() => [...document.querySelectorAll('.cp-plan-card')].map(card => ({
        title: card.querySelector('h2').innerText,
        when: card.querySelector('.cp-plan-card__when').innerText,
        position: card.querySelector('.cp-plan-card__position').innerText,
        bottom: card.querySelector('.cp-plan-card__position').getBoundingClientRect().bottom,
    }))""")
    height = SCREENS[screen]["height"]
    first_screen = {card["title"]: card for card in cards if card["bottom"] <= height}
    page.context.close()
    assert [c["title"] for c in cards] == [
        "Transforming Tower Hamlets Council: building a stronger future",
        "LGA Corporate Peer Challenge 2023 action plan",
        "Tower Hamlets Improvement Plan 2018-2022",
        "Best Value Improvement Plan 2017-18",
    ]
    assert list(first_screen) == [c["title"] for c in cards], f"below the first screen: {cards}"
    bvip = first_screen["Best Value Improvement Plan 2017-18"]
    assert bvip["when"] == "2017/18 Q2 update, 14 September 2017"
    assert bvip["position"].startswith("115 key milestones: 39 Completed")
    assert "15 Overdue" in bvip["position"]
    words = " ".join(c["title"] + c["when"] + c["position"] for c in cards)
    for code in ("BVIP", "CPC2023", "IP2018", "TTHC2024"):
        assert code not in words, f"{code}: no code without its name"
    assert "Across 4 plans" not in words, "different plans' counts are never added together"


def test_the_longest_recommendation_page_is_a_third_of_its_old_height(browser: Any, base_url: str) -> None:
    heights = {}
    for screen in sorted(SCREENS):
        page = _page(browser, screen)
        for path in (LARGEST, "plans/cpc-2023/recommendations/r4/", "plans/bvip-2017-18/updates/2017-18-q2/"):
            page.goto(base_url + path)
            heights[f"{screen} {path}"] = page.evaluate("document.documentElement.scrollHeight")
        page.context.close()
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "page-heights.json").write_text(json.dumps(heights, indent=1) + "\n")
    # Before the redesign: 29,353 px at 1280 and 47,000 px at 390 (every milestone a 270 px block).
    assert heights[f"desktop {LARGEST}"] <= 10_000, heights
    assert heights[f"phone {LARGEST}"] <= 15_000, heights


def test_a_cited_milestone_opens_and_is_highlighted(browser: Any, base_url: str) -> None:
    page = _page(browser, "phone")
    page.goto(base_url + LARGEST + "#milestone-19-5")
    page.wait_for_timeout(200)
    state = page.evaluate("""() => {
        const heading = document.getElementById('milestone-19-5');
        const row = heading.closest('tr');
        const details = row.nextElementSibling.querySelector('details');
        const top = heading.getBoundingClientRect().top;
        return {open: details.open, highlighted: row.classList.contains('cp-targeted'),
                background: getComputedStyle(row).backgroundColor, visible: top >= 0 && top < innerHeight};
    }""")
    page.context.close()
    assert state["open"] and state["highlighted"] and state["visible"], state
    assert state["background"] != "rgba(0, 0, 0, 0)", state


def _chart_pages(sample_site: Path) -> list[str]:
    return sorted(p.parent.relative_to(sample_site).as_posix() + "/" for p in sample_site.rglob("index.html")
                  if '<figure class="cp-chart"' in p.read_text())


def test_every_chart_segment_carries_a_number_or_a_pattern_in_greyscale(
        browser: Any, base_url: str, sample_site: Path) -> None:
    from PIL import Image, ImageStat

    page = _page(browser, "desktop")
    failures, checked = [], 0
    for path in _chart_pages(sample_site):
        page.goto(base_url + path)
        for src in page.evaluate("[...document.querySelectorAll('img.cp-chart__image')].map(i => i.src)"):
            svg = page.evaluate("url => fetch(url).then(r => r.text())", src)
            if 'id="segment-' not in svg:
                continue
            page.set_content(f'<body style="margin:0;filter:grayscale(1)">{svg}</body>')
            boxes = page.evaluate("""() => [...document.querySelectorAll('g[id^="segment-"]')].map(g => {
                const r = g.getBoundingClientRect(); return {id: g.id, x: r.x, y: r.y, w: r.width, h: r.height}; })""")
            shot = Image.open(io.BytesIO(page.screenshot(full_page=True))).convert("L")
            for box in boxes:
                checked += 1
                inside = shot.crop((round(box["x"] + 2), round(box["y"] + 2),
                                    round(box["x"] + box["w"] - 2), round(box["y"] + box["h"] - 2)))
                below = shot.crop((round(box["x"] - 8), round(box["y"] + box["h"] + 2),
                                   round(box["x"] + box["w"] + 8), round(box["y"] + box["h"] + 24)))
                patterned = inside.width > 0 and ImageStat.Stat(inside).stddev[0] > 8
                darkest = below.getextrema()[0] if below.width > 0 else 255
                numbered_below = isinstance(darkest, int | float) and darkest < 90
                if not (patterned or numbered_below):
                    failures.append(f"{path} {src.rsplit('/', 1)[-1]} {box['id']}")
            page.goto(base_url + path)
    page.context.close()
    assert checked > 20
    assert not failures, failures


def test_chart_text_is_as_large_as_body_text_on_a_phone(browser: Any, base_url: str) -> None:
    page = _page(browser, "phone")
    page.goto(base_url + "plans/bvip-2017-18/")
    sizes = page.evaluate("""() => {
        const img = document.querySelector('img.cp-chart__image');
        const body = parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize);
        return {shown: img.getBoundingClientRect().width, drawn: img.naturalWidth, body};
    }""")
    page.context.close()
    chart_text = 16 * sizes["shown"] / sizes["drawn"]  # drawn with 12 pt = 16 px text
    assert chart_text >= sizes["body"] - 0.01, sizes


@pytest.mark.parametrize("path", ["plans/bvip-2017-18/", LARGEST, "plans/transformation-2024/",
                                  "plans/cpc-2023/recommendations/r4/"])
def test_tables_have_one_look_and_never_cut_a_word_on_a_phone(browser: Any, base_url: str, path: str) -> None:
    page = _page(browser, "phone")
    page.goto(base_url + path)
    found = page.evaluate("""() => {
        const broken = [], styles = [];
        for (const cell of document.querySelectorAll('.md-typeset table td, .md-typeset table th')) {
            const s = getComputedStyle(cell);
            if (s.wordBreak === 'break-all' || s.overflowWrap === 'anywhere' || s.hyphens === 'auto') {
                styles.push(cell.innerText);
            }
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const re = /[^\\s\\-–\\/]+/g; let m;  // a line may break after a hyphen or a slash
                while ((m = re.exec(node.data))) {
                    const range = document.createRange();
                    range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
                    const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                    if (lines.size > 1) broken.push(m[0]);
                }
            }
        }
        const wide = document.documentElement.scrollWidth - document.documentElement.clientWidth;
        return {broken, styles, wide};
    }""")
    desktop = _page(browser, "desktop")
    desktop.goto(base_url + path)
    alignment = desktop.evaluate("""() => [...document.querySelectorAll('.md-typeset table th, .md-typeset table td')]
        .filter(c => c.offsetParent).map(c => [c.classList.contains('cp-num'), getComputedStyle(c).textAlign])""")
    desktop.context.close()
    page.context.close()
    assert not found["broken"], f"words cut across lines: {found['broken'][:10]}"
    assert not found["styles"] and found["wide"] <= 0, found
    assert {tuple(a) for a in alignment} <= {(False, "left"), (True, "right")}, set(map(tuple, alignment))


def _reading_steps(page: Any) -> list[tuple[str, str]]:
    """The page as a screen reader's virtual cursor reads it: one step per heading, link, control,
    disclosure or run of text, in document order (from Chromium's accessibility tree)."""
    cdp = page.context.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    by_id = {node["nodeId"]: node for node in nodes}
    steps: list[tuple[str, str]] = []

    def walk(node: dict[str, Any]) -> None:
        role = node.get("role", {}).get("value", "")
        name = node.get("name", {}).get("value", "")
        if not node.get("ignored"):
            if role in STOPS:
                steps.append((role, name))
                return
            if role == "StaticText":
                if name.strip():
                    steps.append(("text", name))
                return
        for child in node.get("childIds", []):
            if child in by_id:
                walk(by_id[child])

    walk(nodes[0])
    return steps


@pytest.mark.parametrize("path", [LARGEST, "plans/bvip-2017-18/updates/2017-18-q2/",
                                  "plans/transformation-2024/updates/2024-25-q1/", "plans/cpc-2023/recommendations/r4/",
                                  "plans/improvement-plan-2018-22/updates/2018-19-q4/"])
def test_headings_are_an_index_of_the_page_not_repeated_labels(browser: Any, base_url: str, path: str) -> None:
    page = _page(browser, "desktop")
    page.goto(base_url + path)
    steps = _reading_steps(page)
    page.context.close()
    headings = collections.Counter(name for role, name in steps if role == "heading")
    assert not {h: n for h, n in headings.items() if n > 2}, headings.most_common(5)
    # "What the update said" is a label on each item, never a heading; the page's own summary is one.
    assert sum(n for name, n in headings.items() if name.startswith("What the")) <= 1, headings


def test_the_first_milestones_status_is_heard_within_40_steps_of_the_heading(browser: Any, base_url: str) -> None:
    page = _page(browser, "desktop")
    page.goto(base_url + LARGEST)
    skip = page.evaluate("document.querySelector('a.md-skip').getAttribute('href')")
    target = page.evaluate("id => document.getElementById(id).tagName", skip.lstrip("#"))
    first = page.evaluate("""() => { const row = document.querySelector('table.cp-items tr.cp-row');
        return {heading: row.querySelector('h3, h4, h5').innerText,
                status: row.querySelector('.cp-status').innerText}; }""")
    steps = _reading_steps(page)
    site_names = [s for s in steps[: steps.index(("heading", "Area: Organisational Culture"))]
                  if s[1] == "Tower Hamlets Council improvement plans"]
    page.context.close()
    assert target == "H1", "the skip link lands on the page's h1"
    start = steps.index(("heading", "Area: Organisational Culture"))
    row = steps.index(("heading", first["heading"]), start)
    status = next(i for i in range(row, len(steps)) if steps[i] == ("text", first["status"]))
    assert status - start <= 40, steps[start:status + 1]
    assert len(site_names) <= 1, site_names


def test_screenshots_of_the_main_pages(browser: Any, base_url: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    written = []
    for screen in sorted(SCREENS):
        page = _page(browser, screen)
        for name, path in MAIN_PAGES.items():
            page.goto(base_url + path)
            target = SHOTS / f"{name}-{SCREENS[screen]['width']}.png"
            page.screenshot(path=str(target))
            written.append(target)
        page.context.close()
    assert all(p.stat().st_size > 10_000 for p in written)
