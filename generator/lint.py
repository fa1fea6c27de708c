"""Pre-publication lint: warnings about legal but doubtful content, before the public sees it.

Each rule has a name (shown with the warning) and never stops a build; `check --strict`
turns them into failures. Text rules read the files as written (so they can point at the
line); progress rules compare each update with the one before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import derive
from generator.derived import Derived, PlanFacts
from generator.files import display_path
from generator.labels import item_label
from generator.load import Document, Loaded, PathKey, field_name
from generator.model import Item, Plan, Report, Update
from generator.problems import Problem, Severity
from generator.schema import Scale


@dataclass(frozen=True)
class Rule:
    """A lint rule as listed for editors."""

    name: str
    description: str


RULES: tuple[Rule, ...] = (
    Rule("placeholder", 'Placeholders and internal notes in public text: "TBC", "XX", "to confirm", '
                        'a name followed by "to check". (`[insert …]` from new-update is an error: see the gate.)'),
    Rule("contact-details", "E-mail addresses or phone numbers in public text: commentary, contact officers, "
                            "leads, status definitions and transcription notes."),
    Rule("completed-below-100", "A status meaning complete reported with less than 100% complete."),
    Rule("not-started-with-progress", "A not-started status reported with more than 0% complete."),
    Rule("unexplained-change", "An item whose status changed since the last update has no commentary."),
    Rule("on-track-after-deadline", "An on-track status reported after the item's deadline had passed."),
    Rule("worse-without-explanation", "A status worse than last quarter with commentary that is empty or "
                                      "unchanged from last quarter."),
    Rule("url-manifest", "New public addresses are not yet listed in public-urls.txt."),
)

_PUBLIC_TEXT = {"title", "text", "summary", "commentary", "prior_work", "contact", "lead", "meeting", "date", "covers",
                "notes", "definition", "status_notes", "label"}
"""Fields shown to readers that the text rules read (transcription notes and status
definitions included: both are published)."""
_PLACEHOLDER = re.compile(
    r"\b(?:TBC|TBA|TBD)\b|\bXX+\b|\bto (?:be )?confirm(?:ed)?(?=\s*(?:$|[.)\]]|if\b|whether\b))|"
    r"\b[A-Z][a-z]+ to check\b|^\s*x\s+[A-Z][a-z]+\b",
    re.MULTILINE,
)
_QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”')
"""Quoted words in a transcription note: what the source said, quoted on purpose."""
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE = re.compile(r"(?<![\w/.-])(?:\+44\s?|0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b")


def lint(loaded: Loaded, derived: Derived, root: Path) -> list[Problem]:
    """Every pre-publication warning for the loaded files and the model built from them."""
    found: list[Problem] = []
    for files in loaded.plans:
        for doc in (files.plan, *files.updates):
            if doc is not None:
                found.extend(text_problems(doc))
    for facts in derived:
        found.extend(progress_problems(facts, root))
    return found


# --- text rules --------------------------------------------------------------------------


def text_problems(doc: Document) -> list[Problem]:
    """Placeholders, internal notes and contact details in a file's public text."""
    found = []
    for key, value in public_strings(doc.data, ()):
        line, column = doc.position(key)
        where = field_name(key)
        note = _field_of(key) == "notes"
        match = _PLACEHOLDER.search(_QUOTED.sub("", value) if note else value)
        if match:
            hint = ("A note may quote what the source left out, in quotation marks; otherwise replace it."
                    if note else "Replace it with the published wording, or move it to a transcription note.")
            found.append(Problem(doc.name, line, column, where,
                                 f"`{match.group(0).strip()}` looks like a placeholder or an internal note, "
                                 "not published text.", hint, Severity.warning, "placeholder"))
        contact = _EMAIL.search(value) or _PHONE.search(value)
        if contact:
            found.append(Problem(doc.name, line, column, where,
                                 f"`{contact.group(0)}` looks like an e-mail address or phone number.",
                                 "Personal contact details do not belong in published text; "
                                 "name the team or the council's main contact page instead.",
                                 Severity.warning, "contact-details"))
    return found


def public_strings(value: Any, key: PathKey, with_empty: bool = False) -> Iterator[tuple[PathKey, Any]]:
    """Every value of a field shown to readers, with where it is (and, with `with_empty`, the
    fields left empty too)."""
    if isinstance(value, dict):
        for name, child in value.items():
            yield from public_strings(child, (*key, name), with_empty)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from public_strings(child, (*key, index), with_empty)
    elif (isinstance(value, str) or (with_empty and value is None)) and _field_of(key) in _PUBLIC_TEXT:
        yield key, value


def _field_of(key: PathKey) -> str | None:
    """The field a text belongs to: `notes` for `notes[2]`."""
    if key and isinstance(key[-1], int):
        key = key[:-1]
    return key[-1] if key and isinstance(key[-1], str) else None


# --- progress rules ----------------------------------------------------------------------


def progress_problems(facts: PlanFacts, root: Path) -> list[Problem]:
    """Rules that compare what an update says with the plan and with the update before it."""
    found = []
    plan = facts.plan
    for at in facts.updates:
        update = at.update
        name = display_path(update.file, root)
        worse = {id(c.item) for c in at.changes if c.kind == "worsened"}
        for item in plan.items():
            report = update.report_for(item)
            if report is None:
                continue
            for rule in _PROGRESS_RULES:
                message = rule(Seen(plan, update, at.previous, item, report, id(item) in worse))
                if message is not None:
                    rule_name, text, hint = message
                    found.append(Problem(name, report.line, report.column,
                                         f"{item.kind}: {item.id}", text, hint, Severity.warning, rule_name))
    return found


Message = tuple[str, str, str] | None


@dataclass(frozen=True)
class Seen:
    """One item as one update reported it, with what the derive stage found about it."""

    plan: Plan
    update: Update
    previous: Update | None
    item: Item
    report: Report
    worse: bool
    """True when the item is worse than in the update before (`changes`' "worsened")."""


def _unexplained_change(seen: Seen) -> Message:
    plan, previous, item, report = seen.plan, seen.previous, seen.item, seen.report
    if previous is None or (report.commentary or "").strip():
        return None
    before = previous.report_for(item)
    if before is None or before.status.id == report.status.id or report.status.scale is Scale.not_reported:
        return None
    return ("unexplained-change",
            f"{item_label(plan, item)} changed from {before.status.label} to {report.status.label} "
            "but has no commentary.",
            "Say in the commentary why the status changed.")


def _on_track_after_deadline(seen: Seen) -> Message:
    update, item, report = seen.update, seen.item, seen.report
    if report.status.scale is not Scale.on_track or not derive.deadline_passed(update, item):
        return None
    deadline = derive.deadline_of(update, item)
    assert deadline is not None
    return ("on-track-after-deadline",
            f"{item_label(seen.plan, item)} is reported {report.status.label} but its deadline ({deadline.printed}) "
            f"passed before this update ({update.date.printed}).",
            "Check the status against the plan's criteria, or record a revised `deadline:` for this item.")


def _worse_without_explanation(seen: Seen) -> Message:
    previous, report = seen.previous, seen.report
    if previous is None or not seen.worse:
        return None
    before = previous.report_for(seen.item)
    commentary = (report.commentary or "").strip()
    if commentary and before is not None and commentary != (before.commentary or "").strip():
        return None
    return ("worse-without-explanation",
            f"{item_label(seen.plan, seen.item)} is worse than last quarter "
            f"({before.status.label if before else 'not reported'} → {report.status.label}) "
            "and its commentary does not explain why.",
            "Add commentary that explains the change.")


_PROGRESS_RULES: tuple[Callable[[Seen], Message], ...] = (
    _unexplained_change,
    _on_track_after_deadline,
    _worse_without_explanation,
)
