"""The manifest of public addresses: every address the site has ever published must keep working.

`public-urls.txt` (committed) lists every page, every action and milestone fragment, every
download and feed. New addresses are added to it, none are ever removed; the test suite
fails when an address in it no longer resolves in the built site (a renamed id needs
`former_ids`, which makes a redirect).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from generator import opendata, urls
from generator.content import published_pages
from generator.feeds import SITE_FEED, plan_feed_path
from generator.i18n.addresses import localised, translated
from generator.i18n.configured import site_languages
from generator.i18n.languages import Languages
from generator.model import Item, Site
from generator.problems import Problem, Severity
from generator.redirects import file_moves, page_urls, redirects

MANIFEST = "public-urls.txt"
HEADER = (
    "# Every public address of the site, one per line, relative to the site's root.\n"
    "# Addresses are added here and never removed: each must keep working (see the editors' guide).\n"
    "# Regenerate with: python -m generator urls --write\n"
)


def public_urls(site: Site, content_dir: Path | None = None, languages: Languages | None = None) -> list[str]:
    """Every public address the site has now, sorted: the generated pages, fragments and feeds in
    each of the `languages` (by default those the project's mkdocs.yml names)."""
    found = {"/", urls.PLANS, urls.CORRECTIONS, urls.SEARCH, SITE_FEED, "datapackage.json", "data/site.json"}
    if content_dir is not None:
        for page in published_pages(content_dir):
            rel = page.removesuffix(".md")
            found.add("/" if rel == "index" else (rel.removesuffix("/index") + "/"))
    for plan in site.plans:
        found.update(page_urls(plan))
        found.add(plan_feed_path(plan))
        found.update(url for _, url in opendata.plan_downloads(plan))
        for update in plan.updates:
            found.update(url for _, url in opendata.update_downloads(plan, update))
        found.update(urls.item_url(plan, item) for item in plan.items())
    if languages is None:
        languages = site_languages(content_dir.parent) if content_dir is not None else Languages()
    for language in languages.translated:
        found |= {localised("" if url == "/" else url, language) for url in found if translated(url.removeprefix("/"))}
    return sorted(found)


def unlisted_problems(site: Site, root: Path) -> list[Problem]:
    """A warning when the committed list of public addresses lacks some current addresses."""
    path = root / MANIFEST
    if not path.exists():
        return []
    new = sorted(set(public_urls(site, root / "content")) - set(read_manifest(path)))
    if not new:
        return []
    shown = ", ".join(new[:3]) + (", …" if len(new) > 3 else "")
    return [Problem(MANIFEST, 1, 1, "", f"{len(new)} new public address(es) are not listed yet: {shown}",
                    "Run `python -m generator urls --write` and commit public-urls.txt.", Severity.warning,
                    "url-manifest")]


def gone(site: Site, content_dir: Path | None, listed: list[str]) -> list[str]:
    """The listed addresses that the site, as the model describes it, would no longer serve:
    neither a page, file or fragment of its own nor one reached through a redirect of a
    renamed id (`former_ids`). The check before a build, where `unresolved` checks a built site."""
    current = set(public_urls(site, content_dir))
    moved = redirects(site) | file_moves(site)
    anchors = _anchors(site)
    languages = site_languages(content_dir.parent) if content_dir is not None else Languages()
    prefixes = tuple(language.prefix for language in languages.translated)
    lost = []
    for entry in listed:
        page, _, fragment = entry.partition("#")
        # A page in another language has the fragments and the redirects of its English page.
        base = next((page.removeprefix(p) for p in prefixes if page.startswith(p)), page)
        target = base if page in current or base in anchors else moved.get(base)
        if target is None or (fragment and fragment not in anchors.get(target, ())):
            lost.append(entry)
    return lost


def _anchors(site: Site) -> dict[str, set[str]]:
    """Each recommendation page's item fragments, former ones included (kept as extra anchors)."""
    found: dict[str, set[str]] = {}
    for plan in site.plans:
        for rec in plan.recommendations:
            ids = found.setdefault(urls.recommendation_url(plan, rec), set())
            for action in plan.actions_of(rec):
                items: list[Item] = [action, *action.milestones]
                for item in items:
                    ids.update(f"{item.kind}-{name}" for name in (item.id, *item.former_ids))
    return found


def listed_lines(path: Path) -> dict[str, int]:
    """Each address in a manifest file and the line it is on."""
    if not path.exists():
        return {}
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.strip(): number for number, line in enumerate(lines, start=1)
            if line.strip() and not line.startswith("#")}


def read_manifest(path: Path) -> list[str]:
    """The addresses listed in a manifest file."""
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def write_manifest(path: Path, current: list[str]) -> list[str]:
    """Add the current addresses to the manifest (never removing any); returns those added."""
    known = read_manifest(path)
    added = sorted(set(current) - set(known))
    body = "".join(f"{url}\n" for url in sorted(set(known) | set(current)))
    path.write_text(HEADER + body, encoding="utf-8")
    return added


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.refresh: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            match = re.search(r"url=(.+)$", values.get("content") or "")
            self.refresh = match.group(1) if match else None


def _file(site_dir: Path, address: str) -> Path:
    path = site_dir / address
    return path / "index.html" if address.endswith("/") or address == "" else path


def _parse(path: Path) -> _Ids:
    parser = _Ids()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def unresolved(addresses: list[str], site_dir: Path) -> list[str]:
    """The addresses (with the reason) that no longer work in a built site, following redirects."""
    problems = []
    for entry in addresses:
        address, _, fragment = ("" if entry == "/" else entry).partition("#")
        path = _file(site_dir, address)
        if not path.is_file():
            problems.append(f"{entry}: the page is gone and no redirect replaces it")
            continue
        if not fragment:
            continue
        page = _parse(path)
        if page.refresh:  # a redirect page: the fragment must exist at the new address
            target = (path.parent / page.refresh).resolve()
            page = _parse(target / "index.html" if target.is_dir() else target)
        if fragment not in page.ids:
            problems.append(f"{entry}: the page no longer has #{fragment}")
    return problems
