"""Every page of the built sample is valid HTML (Nu Html Checker) and every internal link and
fragment resolves."""

from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

from tests.browser import VNU, require

# Material for MkDocs markup the checker reports on every page, listed and justified here,
# the one place where anything is filtered:
MATERIAL_NOISE = {
    # Material's drawer and search toggles are hidden checkboxes with autocomplete="off", which
    # stops Firefox restoring their checked state on reload; harmless to every user.
    "Attribute “autocomplete” is only allowed when the input type is": "Material's hidden toggle checkboxes",
    # Material's overlay labels point at those hidden checkboxes to open and close the drawer
    # and search; keyboard and screen reader users use the real buttons instead.
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.":
        "Material's overlay labels for the hidden toggles",
}


def test_every_page_is_valid_html(sample_site: Path) -> None:
    require("java", VNU)
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
                             str(sample_site)], capture_output=True, text=True, check=False)
    messages = json.loads(result.stderr)["messages"]
    errors = [m for m in messages if not any(m["message"].startswith(noise) for noise in MATERIAL_NOISE)]
    report = [f"{m['url'].split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in errors[:30]]
    assert not errors, "\n".join(report)
    assert len(list(sample_site.rglob("*.html"))) > 100


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("name"):
            self.ids.add(str(values["name"]))
        for attribute in ("href", "src"):
            value = values.get(attribute)
            if value and tag in ("a", "img", "link", "script"):
                self.links.append(value)


def _parse(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _target(site: Path, page: Path, link: str) -> tuple[Path, str] | None:
    url, fragment = urldefrag(link)
    parsed = urlparse(url)
    if parsed.scheme or parsed.netloc or link.startswith(("mailto:", "javascript:", "data:")):
        return None
    if not url:
        return page, fragment
    base = site if parsed.path.startswith("/") else page.parent  # 404.html links from the site root
    path = (base / unquote(parsed.path).lstrip("/")).resolve()
    if path.is_dir() or url.endswith("/"):
        path = path / "index.html"
    return path, fragment


def test_every_internal_link_and_fragment_resolves(sample_site: Path) -> None:
    pages = {page.resolve(): _parse(page) for page in sample_site.rglob("*.html")}
    broken = []
    checked = 0
    for page, parsed in pages.items():
        for link in parsed.links:
            target = _target(sample_site, page, link)
            if target is None:
                continue
            path, fragment = target
            checked += 1
            rel = page.relative_to(sample_site.resolve())
            if not path.exists():
                broken.append(f"{rel}: {link} (no such file)")
            elif fragment and path.suffix == ".html" and fragment not in pages[path.resolve()].ids \
                    and not re.fullmatch(r"__\w+", fragment):
                broken.append(f"{rel}: {link} (no element with id {fragment!r})")
    assert not broken, "\n".join(broken[:40])
    assert checked > 5000
