"""A site with many plans: the home page shows the most recently updated, /plans/ lists them all compactly."""

from __future__ import annotations

import random
from pathlib import Path

from generator.charts.specs import charts_by_page
from generator.derive import OVERVIEW_PLANS
from generator.pipeline import read_site
from generator.render.site import render_site
from tests.synthetic import write_plan


def test_many_plans_keep_the_home_page_and_the_plan_list_small(tmp_path: Path) -> None:
    rng = random.Random(7)
    count = OVERVIEW_PLANS + 3
    for index in range(count):
        write_plan(tmp_path / "plans", index, rng, updates=2)
    derived, _ = read_site(tmp_path / "plans")
    output = render_site(derived, charts_by_page(derived))

    home = output.home_html
    assert home.count('class="cp-plan-card"') == OVERVIEW_PLANS
    assert f">All {count} plans</a>" in home

    plans = next(page for page in output.pages if page.url == "plans/")
    assert plans.html.count('<th scope="row" id="plan-') == count
    assert 'class="cp-plan-card"' not in plans.html
    assert not plans.toc[0].children
    # Per plan, about a third of a kilobyte: 400 plans stay well under 300 KB.
    assert len(plans.html.encode()) < 2000 + 600 * count
