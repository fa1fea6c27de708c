"""Stage 6d, redirects: addresses that once existed keep working after an id is renamed.

A plan or recommendation listed with `former_ids` gets a small page at each old address that
sends readers (and their `#action-…` fragment) to the new one. Renamed actions and
milestones keep their old fragment as an extra anchor on their page (see the templates).
A renamed plan's downloads and feed cannot redirect (they are not pages), so each is also
written at its old address.
"""

from __future__ import annotations

import html
from dataclasses import replace

from generator import address, urls
from generator.model import Plan, Site
from generator.pages import Asset


def page_urls(plan: Plan) -> list[str]:
    """Every page address of a plan."""
    result = [urls.plan_url(plan), urls.meeting_pack_url(plan)]
    result += [urls.recommendation_url(plan, rec) for rec in plan.recommendations]
    for update in plan.updates:
        result.append(urls.update_url(plan, update.period))
        result += [urls.archive_recommendation_url(plan, update.period, rec) for rec in plan.recommendations]
        if update is not plan.updates[0]:
            result.append(urls.changes_url(plan, update.period))
    return result


def redirects(site: Site) -> dict[str, str]:
    """Old address → new address, for every renamed plan and recommendation."""
    moved: dict[str, str] = {}
    for plan in site.plans:
        current = page_urls(plan)
        for old_plan in plan.former_ids:
            for page in current:
                moved[page.replace(f"plans/{plan.id}/", f"plans/{old_plan}/", 1)] = page
        for rec in plan.recommendations:
            for old in rec.former_ids:
                moved[f"{urls.plan_url(plan)}recommendations/{old}/"] = urls.recommendation_url(plan, rec)
                for update in plan.updates:
                    moved[f"{urls.update_url(plan, update.period)}recommendations/{old}/"] = \
                        urls.archive_recommendation_url(plan, update.period, rec)
    return moved


def redirect_assets(site: Site, site_url: str) -> list[Asset]:
    """A small HTML page at every old address."""
    return [Asset(f"{old}index.html", _page(urls.relative(old, new), address.absolute(site_url, new)))
            for old, new in sorted(redirects(site).items())]


def _page(target: str, canonical: str) -> bytes:
    href = html.escape(target)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>This page has moved</title>
<link rel="canonical" href="{html.escape(canonical)}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={href}">
<script>location.replace({target!r} + location.hash);</script>
</head>
<body>
<main>
<h1>This page has moved</h1>
<p>Its permanent address changed when an identifier was renamed.
<a href="{href}">Go to the page at its new address</a>.</p>
</main>
</body>
</html>
""".encode()


def file_moves(site: Site) -> dict[str, str]:
    """Old address → new address of every download and feed of a renamed plan."""
    from generator.feeds import plan_feed_path
    from generator.opendata import plan_downloads, update_downloads

    moved: dict[str, str] = {}
    for plan in site.plans:
        files = [url for _, url in plan_downloads(plan)] + [plan_feed_path(plan)]
        files += [url for update in plan.updates for _, url in update_downloads(plan, update)]
        for old in plan.former_ids:
            for new in files:
                folder, _, name = new.replace(f"plans/{plan.id}/", f"plans/{old}/", 1).rpartition("/")
                if name.startswith((f"{plan.id}-", f"{plan.id}.")):  # file names made from the plan's id
                    name = old + name[len(plan.id):]
                moved[f"{folder}/{name}"] = new
    return moved


def moved_files(site: Site, assets: list[Asset]) -> list[Asset]:
    """A copy of each renamed plan's downloads and feed at its old address."""
    by_path = {asset.path: asset for asset in assets}
    return [replace(by_path[new], path=old) for old, new in sorted(file_moves(site).items()) if new in by_path]
