"""End to end: `mkdocs build --strict` on the sample, and what a reader sees in the pages."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from tests.conftest import ROOT, make_project, public_pages, run_mkdocs


def _tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _text(html: str) -> str:
    """The page's words as read aloud: tags gone, spaces collapsed, no space before punctuation."""
    return re.sub(r"\s+([,.;:])", r"\1", re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def test_home_lists_every_plan_with_its_position(sample_site: Path) -> None:
    home = (sample_site / "index.html").read_text()
    for plan_id in ("bvip-2017-18", "improvement-plan-2018-22", "cpc-2023", "transformation-2024"):
        assert f'href="plans/{plan_id}/"' in home
    assert "115 key milestones: 39 Completed, 52 On Target, 9 Delayed, 15 Overdue." in _text(home)


def test_plans_page_lists_every_plan(sample_site: Path) -> None:
    html = (sample_site / "plans/index.html").read_text()
    assert "&lt;" not in html.split('<article', 1)[1].split("</article>", 1)[0]
    for plan_id in ("bvip-2017-18", "improvement-plan-2018-22", "cpc-2023", "transformation-2024"):
        assert f'<h2 class="cp-plan-card__title" id="plan-{plan_id}"><a href="{plan_id}/">' in html


def test_plan_page_shows_recommendations_statuses_and_sources(sample_site: Path) -> None:
    page = _text((sample_site / "plans/bvip-2017-18/index.html").read_text())
    assert "Best Value Improvement Plan 2017-18" in page
    assert "Area" in page and "Elections" in page
    assert "where the key milestone will be achieved by the deadline" in page
    assert "Latest position: the 2017/18 Q2 update, 14 September 2017." in page
    # Exceptions come first, in the plan's own words, with the deadline check's 11 flags.
    assert page.index("Needs attention") < page.index("What the council said") < page.index("Areas, as at 2017/18 Q2")
    assert ("35 of the 115 key milestones need attention: 15 Overdue, 9 Delayed, "
            "11 reported On Target after the deadline passed.") in page


def test_a_plan_mostly_not_reported_leads_with_what_the_council_said(sample_site: Path) -> None:
    html = (sample_site / "plans/improvement-plan-2018-22/index.html").read_text()
    page = _text(html)
    assert "33 actions: the 2018/19 Q4 update gave none of them a status." in page
    assert page.index("What the council said in the 2018/19 Q4 update") < page.index("Recommendations, as at")
    assert '<figure class="cp-chart"' not in html, "no chart of statuses nobody reported"


def test_recommendation_page_lists_actions_with_permanent_anchors(sample_site: Path) -> None:
    html = (sample_site / "plans/bvip-2017-18/recommendations/elections/index.html").read_text()
    assert 'id="action-1"' in html
    text = _text(html)
    assert "Will Tuckley/Louise Stamp" in text
    assert "May-18" in text
    assert "Initial meetings have taken place along with UKPGE 2017 review meetings." in text
    # Each item is a heading holding its reference and words; its details are named for it.
    assert ('<h4 class="cp-row__heading" id="milestone-1-1"><span class="cp-ref">1-1</span> '
            'Joint working with partner agencies') in html
    assert "<summary>Key milestone 1-1: what 2017/18 Q2 said, link</summary>" in html


def test_shared_recommendations_list_the_same_actions(sample_site: Path) -> None:
    r2 = _text((sample_site / "plans/improvement-plan-2018-22/recommendations/r2/index.html").read_text())
    assert "together with Recommendation 1" in r2
    assert "Action 1" in r2


def test_update_page_is_the_archive_of_what_was_reported(sample_site: Path) -> None:
    html = (sample_site / "plans/bvip-2017-18/updates/2017-18-q2/index.html").read_text()
    text = _text(html)
    assert "You are reading the 2017/18 Q2 update, as it was reported on 14 September 2017." in text
    assert "Date 14 September 2017 (printed “14th September 2017”)" in text
    assert "Overview and Scrutiny Committee" in text


def test_not_reported_is_shown_not_inferred(sample_site: Path) -> None:
    text = _text((sample_site / "plans/improvement-plan-2018-22/recommendations/r3/index.html").read_text())
    assert "Not reported" in text
    assert "On Target" not in text


def test_generated_pages_stay_out_of_the_global_navigation(sample_site: Path) -> None:
    html = (sample_site / "plans/cpc-2023/recommendations/r4/index.html").read_text()
    nav = html.split('<nav class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    assert "recommendations/r1/" not in nav


def test_no_page_shows_escaped_html_as_text(sample_site: Path) -> None:
    for page in sample_site.rglob("*.html"):
        match = re.search(r"&lt;/?(?:p|div|ul|li|a|span|h[1-6]|table|tr|td|figure|section)[ &]", page.read_text())
        assert not match, f"{page}: {match.group(0) if match else ''}"


def test_no_page_loads_anything_from_another_site(sample_site: Path) -> None:
    for page in sample_site.rglob("*.html"):
        html = page.read_text()
        for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", html):
            if re.search(r'rel="(?:canonical|alternate)"', tag):
                continue  # an address of this page, not something the browser loads
            assert not re.search(r'(?:src|href)="(?:https?:)?//', tag), f"{page}: {tag}"


def test_two_builds_of_the_same_commit_are_byte_identical(tmp_path: Path) -> None:
    first = make_project(tmp_path / "a")
    second = make_project(tmp_path / "b")
    assert run_mkdocs(first, "build", "--strict").returncode == 0
    assert run_mkdocs(second, "build", "--strict").returncode == 0
    assert _tree_digest(first / "site") == _tree_digest(second / "site")


def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    assert run_mkdocs(project, "build", "--strict").returncode == 0
    before = _tree_digest(project / "site")
    update = project / "plans/bvip-2017-18/updates/2017-18-q2.yaml"
    update.write_text(update.read_text().replace("status: on-target", "status: on-targte", 1))
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 1
    assert "`on-targte` is not one of this plan's statuses" in result.stderr
    assert "Did you mean `on-target` (On Target)?" in result.stderr
    assert "Traceback" not in result.stderr
    assert _tree_digest(project / "site") == before
    assert sorted(p.name for p in project.iterdir()) == [".cache", "content", "mkdocs.yml", "plans", "site", "theme"]


def test_a_strict_warning_after_rendering_also_leaves_the_site_untouched(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    assert run_mkdocs(project, "build", "--strict").returncode == 0
    before = _tree_digest(project / "site")
    (project / "content" / "broken.md").write_text("# Broken\n\n[a link](missing.md)\n")
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 1
    assert _tree_digest(project / "site") == before
    assert sorted(p.name for p in project.iterdir()) == [".cache", "content", "mkdocs.yml", "plans", "site", "theme"]


def test_readme_starts_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    head = readme.split("\n## ", 1)[0]
    assert "scripts/build-site" in head and "scripts/test" in head
    assert (ROOT / ".ci" / "run").read_text().rstrip().endswith("exec scripts/test")
    assert "chromium" in (ROOT / ".ci" / "run").read_text()


def test_charts_only_where_they_add_to_the_words_and_each_is_accessible(sample_site: Path) -> None:
    pages = [sample_site / "index.html", *sample_site.glob("plans/*/index.html"),
             *sample_site.glob("plans/*/recommendations/*/index.html"),
             *sample_site.glob("plans/*/updates/*/index.html")]
    with_charts = {p.relative_to(sample_site).as_posix() for p in pages if '<figure class="cp-chart"' in p.read_text()}
    # Statuses compared across areas (where they were reported) and published indicators; no chart
    # repeats a sentence (one bar) or shows items nobody gave a status.
    assert with_charts == {"plans/bvip-2017-18/index.html", "plans/bvip-2017-18/updates/2017-18-q2/index.html",
                           "plans/transformation-2024/index.html",
                           "plans/transformation-2024/updates/2024-25-q1/index.html"}
    for page in pages:
        html = page.read_text()
        figures = re.findall(r'<figure class="cp-chart".*?</figure>', html, re.S)
        for figure in figures:
            src = re.search(r'<img class="cp-chart__image" src="([^"]+)" alt=""', figure)
            assert src, figure[:200]
            drawn = (page.parent / src.group(1)).resolve()
            assert drawn.is_file()
            # The room the image needs is reserved before it arrives (no layout shift): the size
            # written in the page is the drawing's own (points to CSS pixels).
            size = re.search(r'width="(\d+)" height="(\d+)"', figure)
            points = re.search(r'width="([\d.]+)pt" height="([\d.]+)pt"', drawn.read_text())
            assert size and points
            assert (int(size.group(1)), int(size.group(2))) == tuple(round(float(v) * 4 / 3) for v in points.groups())
            # The sentence is visible beside the chart, so the image's own alternative is empty
            # (a screen reader hears the sentence once); the numbers are in a table named for it.
            summary = re.search(r'<p class="cp-chart__summary">(.*?)</p>', figure, re.S)
            title = re.search(r'<figcaption class="cp-chart__caption">(.*?)</figcaption>', figure, re.S)
            assert summary and summary.group(1).strip() and title
            if "plan-status" not in src.group(1):
                assert "<table" in figure and 'scope="col"' in figure
                assert f"<summary>The numbers in the chart “{title.group(1)}”</summary>" in figure
            csv = re.search(r'<a href="([^"]+\.csv)" download>Download the numbers in “([^”]+)” \(CSV\)</a>', figure)
            assert csv and (page.parent / csv.group(1)).resolve().is_file() and csv.group(2) == title.group(1)


def test_chart_table_matches_the_chart_csv(sample_site: Path) -> None:
    import csv as csv_module

    page = sample_site / "plans/transformation-2024/index.html"
    html = page.read_text()
    figure = re.search(r'<figure class="cp-chart" id="chart-indicator-kpi-position".*?</figure>', html, re.S)
    assert figure
    rows = [[_text(c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", figure.group(0), re.S)]
    data = list(csv_module.reader(
        (sample_site / "plans/transformation-2024/charts/indicator-kpi-position.csv").read_text().splitlines()))
    assert rows == data
    assert data[1] == ["Previous", "21", "5", "9"]


def test_the_plan_chart_holds_the_numbers_of_the_table_beside_it(sample_site: Path) -> None:
    import csv as csv_module

    html = (sample_site / "plans/bvip-2017-18/index.html").read_text()
    data = list(csv_module.reader((sample_site / "plans/bvip-2017-18/charts/plan-status.csv").read_text().splitlines()))
    assert data[0] == ["", "Completed", "On Target", "Delayed", "Overdue", "Total"]
    assert data[1] == ["Area: Elections", "2", "19", "0", "0", "21"]
    table = html.split('<table class="cp-table cp-stack cp-recs">', 1)[1].split("</table>", 1)[0]
    row = _text(table.split("recommendations/elections/", 1)[1].split("</tr>", 1)[0])
    assert "21 2 Completed, 19 On Target." in row


def test_with_a_repository_and_an_address_configured_every_page_links_to_its_source(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    config = project / "mkdocs.yml"
    settings = ("repo_url: https://github.com/example/plans\nedit_uri: edit/main/content/\n"
                "extra:\n  contact:\n    email: plans@council.gov.uk\n")
    text = config.read_text().replace("site_url: https://plans.example.org/", "site_url: https://plans.council.gov.uk/")
    text = text.replace("  contact: {}\n", "  contact:\n    email: plans@council.gov.uk\n")
    config.write_text(text.replace("site_dir: site\n", "site_dir: site\n" + settings.split("extra:")[0]))
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert "placeholder" not in result.stderr and "No contact address" not in result.stderr
    site = project / "site"
    # A citation of a past quarter is its own canonical address, however many updates follow.
    archived = (site / "plans/bvip-2017-18/updates/2017-18-q2/recommendations/elections/index.html").read_text()
    assert ('<link rel="canonical" href="https://plans.council.gov.uk/'
            'plans/bvip-2017-18/updates/2017-18-q2/recommendations/elections/">') in archived
    assert 'data-address="https://plans.council.gov.uk/plans/bvip-2017-18/updates/2017-18-q2/' in archived
    contact_page = (site / "contact/index.html").read_text()
    assert '<a href="mailto:plans@council.gov.uk">plans@council.gov.uk</a>' in contact_page
    rec = (site / "plans/cpc-2023/recommendations/r4/index.html").read_text()
    line = next(n for n, text in enumerate((project / "plans/cpc-2023/plan.yaml").read_text().splitlines(), 1)
                if text.strip() == "- id: r4")
    assert f'href="https://github.com/example/plans/blob/main/plans/cpc-2023/plan.yaml#L{line}"' in rec
    assert 'href="https://github.com/example/plans/edit/main/plans/cpc-2023/plan.yaml"' in rec
    update = (site / "plans/cpc-2023/updates/2023-24-q3/index.html").read_text()
    assert "https://github.com/example/plans/edit/main/plans/cpc-2023/updates/2023-24-q3.yaml" in update
    about = (site / "about/index.html").read_text()
    assert 'href="https://github.com/example/plans/edit/main/content/about.md"' in about


def test_every_page_links_to_the_accessibility_statement_in_its_footer(sample_site: Path) -> None:
    for page in public_pages(sample_site):
        footer = page.read_text().split('<nav class="cp-footer-links"', 1)
        assert len(footer) == 2, page
        links = footer[1].split("</nav>", 1)[0]
        name = {"bn": "প্রবেশযোগ্যতা বিবৃতি", "cy": "Datganiad hygyrchedd"}.get(
            page.relative_to(sample_site).parts[0], "Accessibility statement")  # the page's own language
        assert re.search(rf'href="[^"]*(?:accessibility/|\./)">{name}</a>', links), page
