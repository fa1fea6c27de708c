"""The dead-code check run by `scripts/lint`: code in `generator/` that nothing uses.

Vulture reads the Python of `generator/`, `tests/` and `scripts/` (a helper that only a test
calls is still used: the tests are its users). Two kinds of use it cannot see are added here:
names the Jinja templates read (every identifier inside `{{ … }}` and `{% … %}` in
`generator/templates/` and `theme/`), and the hooks that a framework calls by name, listed
below with the framework that calls them. Run it alone with `.venv/bin/python -m tests.deadcode`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from vulture import Vulture

ROOT = Path(__file__).resolve().parent.parent

CALLED_BY_NAME = {
    # MkDocs calls a plugin's events by name (generator/engines/mkdocs/plugin.py) and reads these.
    "PlansPlugin", "supports_multiple_instances", "on_startup", "on_config", "on_pre_build", "on_files",
    "on_nav", "on_page_markdown", "on_page_content", "on_page_context", "on_post_page", "on_env", "on_serve",
    "on_post_build", "on_build_error", "on_shutdown", "dirty", "builder", "inclusion", "canonical_url",
    "edit_url", "bytecode_cache",
    # http.server and html.parser call their handlers by name.
    "do_OPTIONS", "do_POST", "log_message", "daemon_threads", "handle_starttag", "handle_endtag",
    # watchdog calls an event handler's on_any_event (the Zensical preview).
    "on_any_event",
    # PyYAML's emitter passes `indentless`; pydantic reads `model_config`.
    "indentless", "model_config",
    # jinja2.ext.i18n reads the environment's newstyle_gettext for {% trans %} blocks.
    "newstyle_gettext",
    # openpyxl and zipfile read what the spreadsheet export sets on their objects.
    "created", "modified", "creator", "font", "alignment", "freeze_panes", "compress_type", "create_system",
    "external_attr",
}
"""Names a framework calls or reads (never our own code), so no call appears in ours."""

MIN_CONFIDENCE = 60
"""Vulture's lowest confidence (60 %: unused functions, classes, attributes and variables)."""

_TAG = re.compile(r"\{\{(.*?)\}\}|\{%(.*?)%\}", re.S)
_NAME = re.compile(r"\b[A-Za-z_][A-Za-z0-9_]*\b")


def template_names() -> set[str]:
    """Every identifier the templates use."""
    names: set[str] = set()
    for folder in (ROOT / "generator" / "templates", ROOT / "theme"):
        for path in folder.rglob("*.html"):
            for match in _TAG.finditer(path.read_text(encoding="utf-8")):
                names.update(_NAME.findall(match.group(1) or match.group(2)))
    return names


def unused() -> list[str]:
    """One line per unused name in `generator/` (`file:line: unused … 'name'`)."""
    found = Vulture(ignore_names=sorted(CALLED_BY_NAME | template_names()))
    found.scavenge([str(ROOT / "generator"), str(ROOT / "tests"), str(ROOT / "scripts")],
                   exclude=[str(ROOT / "tests" / "lighthouse"), "*/node_modules/*"])
    lines = []
    for item in found.get_unused_code(min_confidence=MIN_CONFIDENCE, sort_by_size=False):
        path = Path(item.filename).resolve()
        if path.is_relative_to(ROOT / "generator"):
            lines.append(f"{path.relative_to(ROOT).as_posix()}:{item.first_lineno}: {item.message} "
                         f"({item.confidence}% confidence)")
    return lines


def main() -> int:
    """Print the unused code; exit 1 when there is any."""
    lines = unused()
    for line in lines:
        print(line)
    if lines:
        print("Dead code: remove it, or, if a framework calls it by name, add it to CALLED_BY_NAME in "
              "tests/deadcode.py with the framework that calls it.", file=sys.stderr)
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
