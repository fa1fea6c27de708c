"""Open data, feeds, links that last, meeting packs and search: what re-users and scrutiny
members rely on."""

from __future__ import annotations

import csv
import json
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest

from generator.manifest import MANIFEST, public_urls, read_manifest, unresolved
from generator.pipeline import read_site
from tests.browser import pagefind_search
from tests.conftest import ROOT, make_project, run_mkdocs

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")


def _csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))


def test_downloads_agree_with_the_record_and_the_pages(sample_site: Path) -> None:
    record = json.loads((ROOT / "tests/record/bvip-2017-18.json").read_text())
    items = _csv(sample_site / "plans/bvip-2017-18/data/bvip-2017-18-actions-and-milestones.csv")
    assert sum(1 for r in items if not r["milestone_id"]) == record["actions"]
    assert sum(1 for r in items if r["milestone_id"]) == record["milestones"]
    progress = _csv(sample_site / "plans/bvip-2017-18/updates/2017-18-q2/data/bvip-2017-18-2017-18-q2-progress.csv")
    statuses = Counter(r["status_id"] for r in progress if r["milestone_id"])
    assert statuses == Counter(record["updates"]["2017-18-q2"]["statuses"])
    first = next(r for r in progress if r["milestone_id"] == "1-1")
    # While site_url is the example placeholder, addresses start at the site's root: no
    # placeholder domain is ever written as if it were real.
    assert (first["status"], first["percent_complete"], first["address"]) == (
        "On Target", "20", "/plans/bvip-2017-18/recommendations/elections/#milestone-1-1")
    assert first["source"] == "Best Value Improvement Plan 2017-18 – April-Sept 2017 Update, 14th September 2017"
    noted = next(r for r in progress if r["milestone_id"] == "1-14")
    assert noted["notes"].startswith("The source prints this row straight after a repeated table header row")
    plan_json = json.loads((sample_site / "plans/bvip-2017-18/data/bvip-2017-18.json").read_text())
    assert plan_json["licence"] == "Open Government Licence v3.0"
    assert len(plan_json["updates"][0]["progress"]) == len(progress)
    page = (sample_site / "plans/bvip-2017-18/index.html").read_text()
    assert "115 key milestones: 39 Completed, 52 On Target, 9 Delayed, 15 Overdue." in page
    assert 'href="data/bvip-2017-18-actions-and-milestones.csv" download' in page
    assert "Open Government Licence v3.0" in page
    site = json.loads((sample_site / "data/site.json").read_text())
    assert sorted(p["id"] for p in site["plans"]) == ["bvip-2017-18", "cpc-2023", "improvement-plan-2018-22",
                                                      "transformation-2024"]


def test_datapackage_validates_and_describes_columns_from_the_data_model(sample_site: Path) -> None:
    import frictionless

    report = frictionless.validate(str(sample_site / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]
    package = json.loads((sample_site / "datapackage.json").read_text())
    lead = next(f for r in package["resources"] for f in r["schema"]["fields"] if f["name"] == "lead")
    assert lead["description"].startswith("Lead officer or responsibility exactly as published")


def test_atom_feeds_have_the_rfc_4287_required_elements(sample_site: Path) -> None:
    for path in [sample_site / "feed.xml", *sample_site.glob("plans/*/feed.xml")]:
        feed = ET.fromstring(path.read_bytes())
        assert feed.tag == f"{ATOM}feed"
        for name in ("id", "title", "updated"):
            assert feed.find(f"{ATOM}{name}") is not None, (path, name)
        assert RFC3339.match(feed.findtext(f"{ATOM}updated", ""))
        assert feed.find(f"{ATOM}author/{ATOM}name") is not None
        assert feed.find(f"{ATOM}link[@rel='self']") is not None
        entries = feed.findall(f"{ATOM}entry")
        assert entries
        for entry in entries:
            for name in ("id", "title", "updated", "summary"):
                assert entry.findtext(f"{ATOM}{name}"), (path, name)
            assert RFC3339.match(entry.findtext(f"{ATOM}updated", ""))
            link = entry.find(f"{ATOM}link[@rel='alternate']")
            assert link is not None and "/updates/" in link.get("href", "")
    site_feed = ET.fromstring((sample_site / "feed.xml").read_bytes())
    assert len(site_feed.findall(f"{ATOM}entry")) == 4
    head = (sample_site / "plans/bvip-2017-18/index.html").read_text().split("</head>")[0]
    assert 'type="application/atom+xml" title="All quarterly updates" href="../../feed.xml"' in head
    assert 'type="application/atom+xml" title="Quarterly updates of this plan" href="feed.xml"' in head


def test_the_committed_url_manifest_lists_every_address_and_each_still_works(sample_site: Path) -> None:
    derived_site, _ = read_site(ROOT / "plans")
    site = derived_site.site
    manifest = read_manifest(ROOT / MANIFEST)
    new = sorted(set(public_urls(site, ROOT / "content")) - set(manifest))
    assert not new, f"new addresses missing from {MANIFEST}: run `python -m generator urls --write`: {new[:5]}"
    assert unresolved(manifest, sample_site) == []
    assert len(manifest) > 500


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with recommendation r4 of cpc-2023 renamed to workforce and action 4-2 to 4-2a."""
    project = make_project(tmp_path_factory.mktemp("renamed"))
    plan = project / "plans/cpc-2023/plan.yaml"
    text = plan.read_text()
    text = text.replace("  - id: r4\n", "  - id: workforce\n    former_ids: [r4]\n", 1)
    text = text.replace('      - id: 4-2\n', '      - id: 4-2a\n        former_ids: ["4-2"]\n', 1)
    plan.write_text(text)
    update = project / "plans/cpc-2023/updates/2023-24-q3.yaml"
    update.write_text(update.read_text().replace("action: 4-2\n", "action: 4-2a\n"))
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_a_removed_address_is_caught_and_a_renamed_id_keeps_it_working(renamed_site: Path, tmp_path: Path) -> None:
    old = ["plans/cpc-2023/recommendations/r4/", "plans/cpc-2023/recommendations/r4/#action-4-2",
           "plans/cpc-2023/updates/2023-24-q3/recommendations/r4/"]
    assert unresolved(old, renamed_site) == []
    redirect = (renamed_site / "plans/cpc-2023/recommendations/r4/index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../workforce/">' in redirect
    removed = tmp_path / "site"
    shutil.copytree(renamed_site, removed)
    shutil.rmtree(removed / "plans/cpc-2023/recommendations/r4")
    assert unresolved(old[:2], removed) == [
        "plans/cpc-2023/recommendations/r4/: the page is gone and no redirect replaces it",
        "plans/cpc-2023/recommendations/r4/#action-4-2: the page is gone and no redirect replaces it",
    ]


def test_every_item_has_a_citation_and_a_copyable_permanent_link(sample_site: Path) -> None:
    html = (sample_site / "plans/cpc-2023/recommendations/r4/index.html").read_text()
    assert '<a class="cp-permalink" href="./#action-4-2">CPC2023 Action 4-2, as at 2023/24 Q3</a>' in html
    frozen = "../../updates/2023-24-q3/recommendations/r4/#action-4-2"
    assert f'<a href="{frozen}">as at 2023/24 Q3, frozen</a>' in html
    script = (sample_site / "assets/javascripts/plans.js").read_text()
    assert "Copy link" in script and "navigator.clipboard" in script


def test_meeting_pack_lists_every_action_with_status_and_address(sample_site: Path) -> None:
    html = (sample_site / "plans/cpc-2023/meeting-pack/index.html").read_text()
    assert html.count('class="cp-pack-item"') == 56
    assert ('CPC2023 Action 4-2, as at 2023/24 Q3: <a href="../recommendations/r4/#action-4-2">'
            "/plans/cpc-2023/recommendations/r4/#action-4-2</a>") in html
    frozen = (sample_site / "plans/cpc-2023/updates/2023-24-q3/meeting-pack/index.html").read_text()
    assert frozen.count('class="cp-pack-item"') == 56
    assert 'CPC2023 Action 4-2, as at 2023/24 Q3: <a href="../recommendations/r4/#action-4-2">' in frozen


def test_the_bvip_pack_starts_with_the_exceptions_and_counts_the_deadline_flags(sample_site: Path) -> None:
    html = (sample_site / "plans/bvip-2017-18/updates/2017-18-q2/meeting-pack/index.html").read_text()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.split("<article", 1)[1]))
    assert text.index("Exceptions") < text.index("Area: Elections")
    for row in ("Overdue 15", "Delayed 9", "Reported On Target after the deadline passed 11",
                "Deadline passed, not reported complete 0"):
        assert row in text, row
    assert "This is the plan's first update" in text
    assert "Meeting Overview and Scrutiny Committee, 14th September 2017" in text


SEARCHES = ["4-2", "Will Tuckley", "1,183 marketing sites", "numbers in the chart", "Permanent address",
            "Page last changed", "in each update", "procurement"]


@pytest.fixture(scope="module")
def searched(sample_site: Path) -> dict[str, list[dict[str, Any]]]:
    """Each of SEARCHES run on the sample's search index (Pagefind, in Chromium)."""
    return pagefind_search(sample_site, SEARCHES)


def test_search_finds_action_numbers_lead_officers_and_commentary(searched: dict[str, list[dict[str, Any]]]) -> None:
    subs = {s["url"]: s["title"] for page in searched["4-2"] for s in page["sub_results"]}
    assert subs["/plans/cpc-2023/recommendations/r4/#action-4-2"] == (
        "4-2 The Council will complete the recruitment programme for Corporate Directors and Directors")
    assert any("Will Tuckley" in s["excerpt"] and page["url"].startswith("/plans/bvip-2017-18/recommendations/")
               for page in searched["Will Tuckley"] for s in page["sub_results"])
    marketing = {page["url"]: page for page in searched["1,183 marketing sites"]}
    for url in ("/plans/bvip-2017-18/recommendations/communications/", "/plans/bvip-2017-18/updates/2017-18-q2/"):
        assert any("(identifying 1,183 marketing sites)" in s["excerpt"] for s in marketing[url]["sub_results"]), url
    assert marketing["/plans/bvip-2017-18/updates/2017-18-q2/"]["kind"] == "Quarterly update"
    # Archived recommendation views and meeting packs repeat other pages, which are what search finds.
    found = {page["url"] for pages in searched.values() for page in pages}
    assert len(found) > 60
    assert not [url for url in found if "/updates/" in url and "/recommendations/" in url]
    assert not [url for url in found if "/meeting-pack/" in url]


def test_no_page_presents_the_placeholder_address_as_its_own(sample_site: Path) -> None:
    for page in sample_site.rglob("*.html"):
        html = page.read_text()
        assert 'rel="canonical"' not in html, page
        assert "plans.example.org" not in html, page
    for data in [*sample_site.rglob("*.csv"), *sample_site.rglob("*.json"), *sample_site.rglob("*.xml")]:
        assert "plans.example.org" not in data.read_text(encoding="utf-8"), data
    assert (sample_site / "sitemap.xml").exists()
    assert '<meta name="description" content="Area: Elections. 21 key milestones:' in (
        sample_site / "plans/bvip-2017-18/recommendations/elections/index.html").read_text()


def test_history_tables_chart_data_and_print_only_text_stay_out_of_search_snippets(
        searched: dict[str, list[dict[str, Any]]]) -> None:
    snippets = [text for pages in searched.values() for page in pages
                for text in [page["excerpt"], *(s["excerpt"] for s in page["sub_results"])]]
    assert len(snippets) > 200
    for unwanted in ("The numbers in the chart", "in each update Update Status", "Permanent address:",
                     "Page last changed on", "Download the numbers", "Permanent link:", "Home Plans"):
        assert not [text for text in snippets if unwanted in text], unwanted
    kinds = {page["url"]: page["kind"] for pages in searched.values() for page in pages}
    assert kinds["/plans/bvip-2017-18/recommendations/communications/"] == "Latest position"
