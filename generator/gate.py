"""The publication gate: what must never reach the public site, as errors.

The pull-request check (`python -m generator check`) and the deploy build stop on these; the
preview and other builds show them as warnings, so a half-finished update can still be
previewed. Per-file findings apply to the files an editor changed (`generator.scope`): the
gate never asks anyone to edit a published update. An address that would stop working is an
error whatever changed. Every finding names the field it is about by its YAML path
(`progress[3].commentary`), so other tools can point at the same place.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from generator import urls
from generator.changes import previous_update
from generator.lint import public_strings
from generator.load import Document, Loaded, PathKey, field_name
from generator.manifest import MANIFEST, gone, listed_lines, read_manifest
from generator.model import Plan, Site, Update
from generator.problems import Problem, Severity

INSERT, COPIED, DATE, CURLY, COMMENT, ADDRESS = (
    "insert-placeholder", "copied-update", "update-date", "curly-quotes", "comment-cut", "address-gone")
RULES = frozenset({INSERT, COPIED, DATE, CURLY, COMMENT, ADDRESS})
"""The gate's rules; a `Problem` with one of these rules is a gate finding."""
SITE_WIDE = frozenset({ADDRESS})
"""Rules about the whole site, which apply whatever files changed."""
NO_DATE = "not printed"
"""What an update whose report prints no date says instead (`date: Not printed`)."""

_INSERT = re.compile(r"\[insert[^\]\n]*\]?", re.IGNORECASE)
_OPENING, _CLOSING = "“‘„‚«", "”’“‘»"
_COMMENT = re.compile(r"\s#")


def gate(loaded: Loaded, site: Site | None, root: Path, content_dir: Path | None) -> list[Problem]:
    """Every finding of the publication gate, in every file, as errors (callers decide which
    files they apply to: `generator.scope`). Without a model (`site` None, when the files have
    other errors) only the findings about how the files are written, listed with those errors."""
    docs = _documents(loaded)
    found = [p for doc in docs.values() for p in text_findings(doc)]
    if site is None:
        return found
    for plan in site.plans:
        for update in plan.updates:
            update_doc = docs.get(update.file.resolve())
            if update_doc is not None:
                found.extend(_update_findings(plan, update, update_doc))
    return found + address_findings(site, root, content_dir, docs)


def _documents(loaded: Loaded) -> dict[Path, Document]:
    return {doc.path.resolve(): doc for files in loaded.plans for doc in (files.plan, *files.updates) if doc}


def is_gate(problem: Problem) -> bool:
    """True for a finding of the publication gate."""
    return problem.rule in RULES


def as_warnings(problems: list[Problem]) -> list[Problem]:
    """Gate findings as warnings (for the preview and builds that are not published)."""
    return [_warning(p) if is_gate(p) and p.is_error else p for p in problems]


def _warning(problem: Problem) -> Problem:
    return replace(problem, severity=Severity.warning,
                   hint=f"{problem.hint} (The check and the deploy build stop on this.)".strip())


# --- text as written ---------------------------------------------------------------------


def text_findings(doc: Document) -> list[Problem]:
    """Placeholders left by `new-update`, text wrapped in pasted curly quotes, and text cut
    short by a ` #` that YAML read as the start of a comment."""
    found = []
    lines = doc.text.split("\n")
    for key, value in _text_values(doc.data, ()):
        line, column = doc.position(key)
        where = field_name(key)
        raw = lines[line - 1][column - 1:] if 0 < line <= len(lines) else ""
        plain = bool(raw) and raw[0] not in "\"'|>"
        if isinstance(value, str) and (match := _INSERT.search(value)):
            found.append(_error(doc, line, column, where, INSERT,
                                f"`{_shorten(match.group(0), 90)}` is a placeholder left by `new-update`, not "
                                "published text.",
                                "Replace it with the words printed on the report, or delete the line if the report has "
                                "none."))
        if plain and isinstance(value, str) and _wrapped(value):
            found.append(_curly(doc, line, column, where, value))
        if plain and (cut := _COMMENT.search(raw)) is not None and (value is None or isinstance(value, str)):
            comment = raw[cut.start():].strip()
            kept = f"only `{value}` would be published" if value else "nothing would be published"
            found.append(_error(doc, line, column + cut.start() + 1, where, COMMENT,
                                f"The text is cut at `{_shorten(comment)}`: YAML reads a space followed by `#` as the "
                                f"start of a comment, so {kept}.",
                                "Wrap the whole text in double quotes, or write it as a block: `|-` after the field "
                                "name and the text on the next lines, indented. A note for editors goes on a line of "
                                "its own, starting with `#`."))
    return found


def _text_values(data: Any, key: PathKey) -> Iterator[tuple[PathKey, str | None]]:
    """Every published text value, and every empty one (which a comment may have emptied)."""
    yield from public_strings(data, key, with_empty=True)


def _wrapped(value: str) -> bool:
    text = value.strip()
    return len(text) >= 2 and text[0] in _OPENING and text[-1] in _CLOSING and \
        not any(c in text[1:-1] for c in _OPENING + _CLOSING)


def _curly(doc: Document, line: int, column: int, where: str, value: str) -> Problem:
    text = value.strip()
    if len(text) == 2:
        message = (f"The text is only a pair of curly quotes ({text}), as Word writes an empty quotation: {text} "
                   "would be published.")
        hint = ("Write the report's words; if the report gives none, delete the line and list the field under "
                "`missing:`.")
    else:
        message = (f"The text is wrapped in curly quotes ({text[0]}…{text[-1]}), as pasted from Word: they would be "
                   "published as part of the text.")
        hint = ("Remove the curly quotes around the text. If the report really prints them, wrap the whole value in "
                "straight double quotes, e.g. `\"“Quoted words”\"`.")
    return _error(doc, line, column, where, CURLY, message, hint)


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _error(doc: Document, line: int, column: int, where: str, rule: str, message: str, hint: str) -> Problem:
    return Problem(doc.name, line, column, where, message, hint, Severity.error, rule)


# --- updates -------------------------------------------------------------------------------


def _update_findings(plan: Plan, update: Update, doc: Document) -> list[Problem]:
    found = []
    line, column = doc.position(("date",))
    printed = update.date.printed
    if update.date.impossible:
        found.append(_error(doc, line, column, "date", DATE, f"The date `{printed}` is not a real date.",
                            "Check the day and month against the report; write the date as it is printed."))
    elif not update.date.readable and printed.strip().casefold() != NO_DATE and not _INSERT.search(printed):
        found.append(_error(doc, line, column, "date", DATE,
                            f"The date `{printed}` cannot be read as a date, so the site cannot check deadlines "
                            "against this update.",
                            "Write the date as the report prints it, e.g. `14th September 2017`, `14/09/2017` or "
                            "`September 2017`. If the report prints no date, write `date: Not printed`."))
    previous = previous_update(plan, update)
    if previous is not None and _repeats(plan, update, previous):
        count = sum(1 for item in plan.items() if (r := update.report_for(item)) and r.commentary)
        found.append(_error(doc, line, column, "date", COPIED,
                            f"This update repeats the {previous.period.label} update: the same date ({printed}), "
                            f"meeting and all {count} commentaries.",
                            "It looks like a copy of the previous file with only the period changed: write this "
                            "report's date, meeting and commentaries. Nothing in the published "
                            f"{previous.period.label} update needs to change."))
    return found


def _repeats(plan: Plan, update: Update, previous: Update) -> bool:
    if update.date.printed != previous.date.printed or update.meeting != previous.meeting:
        return False
    for item in plan.items():
        now, before = update.report_for(item), previous.report_for(item)
        if (now.commentary if now else None) != (before.commentary if before else None):
            return False
    return True


# --- addresses -----------------------------------------------------------------------------


def address_findings(site: Site, root: Path, content_dir: Path | None,
                     docs: dict[Path, Document] | None = None) -> list[Problem]:
    """Public addresses listed in `public-urls.txt` that the site would no longer serve, one
    finding per renamed or removed id (a recommendation's rename loses dozens of addresses)."""
    path = root / MANIFEST
    listed = read_manifest(path)
    lost = gone(site, content_dir, listed) if listed else []
    if not lost:
        return []
    lines = listed_lines(path)
    causes: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for address in lost:
        causes[_cause(site, address)].append(address)
    plans = {plan.id: plan for plan in site.plans}
    docs = docs or {}
    return [_lost(cause, addresses, plans, docs, lines, set(listed)) for cause, addresses in causes.items()]


def _cause(site: Site, address: str) -> tuple[str, ...]:
    """What was renamed or removed: ("recommendation", plan, id), ("action", plan, id), …"""
    page, _, fragment = address.partition("#")
    parts = page.split("/")
    plans = {plan.id: plan for plan in site.plans} | {old: plan for plan in site.plans for old in plan.former_ids}
    if len(parts) < 3 or parts[0] != "plans":
        return ("page", address)
    plan = plans.get(parts[1])
    if plan is None:
        return ("plan", parts[1])
    rest = parts[2:]
    if rest[:1] == ["updates"] and len(rest) > 1 and rest[1] not in {u.period.slug for u in plan.updates}:
        return ("update", plan.id, rest[1])
    if "recommendations" in rest:
        rec = rest[rest.index("recommendations") + 1] if rest.index("recommendations") + 1 < len(rest) else ""
        known = {r.id for r in plan.recommendations} | {old for r in plan.recommendations for old in r.former_ids}
        if rec and rec not in known:
            return ("recommendation", plan.id, rec)
    kind, dash, item = fragment.partition("-")
    if fragment and dash and kind in ("action", "milestone"):
        return (kind, plan.id, item)
    return ("page", address)


def _lost(cause: tuple[str, ...], addresses: list[str], plans: dict[str, Plan], docs: dict[Path, Document],
          lines: dict[str, int], listed: set[str]) -> Problem:
    kind = cause[0]
    count = f"{len(addresses)} public address{'es' if len(addresses) > 1 else ''} would stop working"
    example = f"e.g. `{addresses[0]}`" if len(addresses) > 1 else f"`{addresses[0]}`"
    first_line = lines.get(addresses[0], 1)
    if kind in ("recommendation", "action", "milestone") and cause[1] in plans:
        plan, old = plans[cause[1]], cause[2]
        doc = docs.get(plan.file.resolve())
        new = _new_ids(plan, kind, listed)
        where: PathKey = ("recommendations",)
        if len(new) == 1 and doc is not None:
            where = new[0][1]
        line, column = doc.position(where) if doc is not None else (1, 1)
        name = plan.file.name if doc is None else doc.name
        if len(new) == 1:
            hint = (f"If `{old}` was renamed to `{new[0][0]}`, add `former_ids: [\"{old}\"]` to that {kind}: its old "
                    "addresses then lead to the new ones. A published address must keep working.")
        else:
            hint = (f"If the {kind} was renamed, list `{old}` under `former_ids:` of its new entry, so its old "
                    f"addresses lead to the new ones; if it was removed, put it back. A published address must keep "
                    "working.")
        return Problem(name, line, column, field_name(where), f"The {kind} id `{old}` is no longer in the plan, so "
                       f"{count} ({example}, listed in {MANIFEST}).", hint, Severity.error, ADDRESS)
    if kind == "update":
        message = (f"The update `{cause[2]}` of `{cause[1]}` is gone (its file `plans/{cause[1]}/updates/{cause[2]}"
                   f".yaml` was deleted or renamed), so {count} ({example}).")
        hint = ("Restore the file under its old name (`git restore`): a published update keeps its file name, which "
                "is its permanent address. Correct its content instead.")
    elif kind == "plan":
        message = f"The plan `{cause[1]}` is gone, so {count} ({example})."
        hint = (f"If the plan was renamed, add `former_ids: [\"{cause[1]}\"]` to its plan.yaml so its old addresses "
                "lead to the new ones; if its folder was deleted, restore it.")
    else:
        message = f"{example[0].upper() + example[1:]} is listed as a public address but would stop working" + (
            f" ({len(addresses)} addresses)." if len(addresses) > 1 else ".")
        hint = ("Restore the page or file it names (a written page lives in `content/`). Addresses are never removed "
                "from the list: every published address must keep working.")
    return Problem(MANIFEST, first_line, 1, "", message, hint, Severity.error, ADDRESS)


def _new_ids(plan: Plan, kind: str, listed: set[str]) -> list[tuple[str, PathKey]]:
    """Ids of `kind` the plan has now that no listed address names yet: the likely new names."""
    fragments = {entry.partition("#")[2] for entry in listed if "#" in entry}
    found: list[tuple[str, PathKey]] = []
    for r, rec in enumerate(plan.recommendations):
        if kind == "recommendation":
            if urls.recommendation_url(plan, rec) not in listed:
                found.append((rec.id, ("recommendations", r, "id")))
            continue
        for a, action in enumerate(rec.actions):
            if kind == "action" and action.anchor not in fragments:
                found.append((action.id, ("recommendations", r, "actions", a, "id")))
            for m, milestone in enumerate(action.milestones if kind == "milestone" else ()):
                if milestone.anchor not in fragments:
                    found.append((milestone.id, ("recommendations", r, "actions", a, "milestones", m, "id")))
    return found
