"""How the form names a plan's entries: in the plan's own words ("Key milestone 1-4",
"Area: Elections"), with the short form of the text that `new-update` writes above each entry."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.labels import item_label, rec_label, summary_words
from generator.model import Item, Plan


def entry_reference(plan: Plan, names: str, entry: Mapping[str, Any]) -> str | None:
    """The reference of one entry of a list in a plan or update file, e.g. "Key milestone 1-4"
    for a progress entry; None if the entry names nothing the plan knows."""
    if names == "progress":
        kind = "action" if entry.get("action") is not None else "milestone"
        item = _item(plan, kind, entry.get(kind))
        return item_label(plan, item) if item else None
    if names in ("action", "milestone"):
        item = _item(plan, names, entry.get("id"))
        return item_label(plan, item) if item else None
    if names in ("recommendation", "summary"):
        rec_id = str(entry.get("recommendation" if names == "summary" else "id"))
        rec = next((r for r in plan.recommendations if r.id == rec_id), None)
        return rec_label(plan, rec) if rec else None
    if names == "source" and entry.get("id") is not None:
        return f"Source {entry['id']}"
    return None


def catalogue(plan: Plan, kind: str, deadlines: bool = True) -> dict[str, dict[str, str]]:
    """Every recommendation, action or milestone of the plan by id, as the form shows it
    read-only: its reference, a one-line summary (the reference and the start of the text, as
    above each entry of a new update), the text in full and (with `deadlines`) the deadline as
    the plan prints it."""
    found: dict[str, dict[str, str]] = {}
    if kind == "recommendation":
        for rec in plan.recommendations:
            found[rec.id] = _described(rec_label(plan, rec), rec.text or "", with_text=False)
        return found
    for item in plan.items():
        if item.kind == kind:
            found[item.id] = _described(item_label(plan, item), item.text,
                                        item.deadline.printed if item.deadline and deadlines else "")
    return found


def _described(reference: str, text: str, deadline: str = "", with_text: bool = True) -> dict[str, str]:
    entry = {"reference": reference,
             "summary": f"{reference}: {summary_words(text)}" if text and with_text else reference}
    if text:
        entry["text"] = text
    if deadline:
        entry["deadline"] = deadline
    return entry


def _item(plan: Plan, kind: str, item_id: Any) -> Item | None:
    return next((i for i in plan.items() if i.kind == kind and i.id == str(item_id)), None)
