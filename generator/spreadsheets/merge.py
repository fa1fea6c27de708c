"""Bringing what a sheet says into files that already exist, changing only what the sheet holds.

A field changes only when the sheet has a column for it; everything else (a plan's title and
sources, an item's page or former ids, an update's summary) stays as the file has it. Items
keep the file's order (a new one goes after the item above it in the sheet), a status written
as its label or an item named by a former id stays as written when it still means the same,
and a changed id is refused at its cell: ids are permanent addresses.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from generator.load import PathKey
from generator.problems import Problem
from generator.resolve import Names
from generator.spreadsheets.tables import Table

HELD: dict[str, dict[str, tuple[str, ...]]] = {
    "recommendation": {"number": ("recommendation",), "title": ("recommendation_title", "recommendation"),
                       "text": ("recommendation_text",), "section": ("section",),
                       "actions_shared_with": ("shared_with",), "missing": ("recommendation_missing",),
                       "notes": ("recommendation_notes",)},
    "action": {"number": ("action_number", "action"), "title": ("action_title",), "text": ("text", "action"),
               "lead": ("lead",), "deadline": ("deadline",), "monitoring": ("monitoring",),
               "missing": ("missing",), "notes": ("notes",)},
    "milestone": {"number": ("milestone_number", "milestone"), "text": ("text", "milestone_text"),
                  "lead": ("lead",), "deadline": ("deadline",), "missing": ("missing",), "notes": ("notes",)},
    "progress": {"status": ("status",), "percent": ("percent",), "commentary": ("commentary",),
                 "deadline": ("revised_deadline",), "prior_work": ("prior_work",), "contact": ("contact",),
                 "evidence": ("evidence",), "missing": ("progress_missing",), "notes": ("progress_notes",)},
}
"""For each level, the file's fields and the columns that hold them."""
_CHILDREN = {"recommendation": ("actions", "action"), "action": ("milestones", "milestone")}

Key = Callable[[dict[str, Any]], Hashable]


def merge_plan(old: dict[str, Any], read: dict[str, Any], columns: set[str]) -> dict[str, Any]:
    """The plan file's data with the sheet's recommendations, actions and milestones brought in."""
    merged = dict(old)
    merged["recommendations"] = _items(old.get("recommendations") or [], read.get("recommendations") or [],
                                       "recommendation", columns)
    return merged


def merge_update(old: dict[str, Any], read: dict[str, Any], columns: set[str], names: Names) -> dict[str, Any]:
    """The update file's data with the sheet's progress brought in."""
    def key(entry: dict[str, Any]) -> Hashable:
        kind = "action" if "action" in entry else "milestone"
        return kind, names.item(kind, str(entry.get(kind)))

    merged = dict(old)
    entries = _merged(old.get("progress") or [], read.get("progress") or [], key,
                      lambda before, after: _progress(before, after, columns, names))
    if entries or "progress" in old:
        merged["progress"] = entries
    return merged


def _progress(old: dict[str, Any], read: dict[str, Any], columns: set[str], names: Names) -> dict[str, Any]:
    entry = _fields(old, read, "progress", columns)
    if "status" in old and "status" in entry and names.status(str(old["status"])) == entry["status"]:
        entry["status"] = old["status"]  # a label stays a label
    return entry


def _items(old: list[Any], read: list[Any], level: str, columns: set[str]) -> list[Any]:
    return _merged(old, read, lambda item: item.get("id"), lambda before, after: _item(before, after, level, columns))


def _item(old: dict[str, Any], read: dict[str, Any], level: str, columns: set[str]) -> dict[str, Any]:
    item = _fields(old, read, level, columns)
    if level in _CHILDREN:
        name, child = _CHILDREN[level]
        children = _items(old.get(name) or [], read.get(name) or [], child, columns)
        if children:
            item[name] = children
        else:
            item.pop(name, None)
    return item


def _fields(old: dict[str, Any], read: dict[str, Any], level: str, columns: set[str]) -> dict[str, Any]:
    item = dict(old)
    for name, held_by in HELD[level].items():
        if any(column in columns for column in held_by):
            if name in read:
                item[name] = read[name]
            else:
                item.pop(name, None)
    return item


def _merged(old: list[Any], read: list[Any], key: Key, both: Callable[[Any, Any], Any]) -> list[Any]:
    """Old entries in the file's order (merged with the sheet's), then each new entry placed after
    the entry above it in the sheet; entries the sheet no longer has are left out."""
    read_by = {key(entry): entry for entry in read if isinstance(entry, dict)}
    result = [both(entry, read_by[key(entry)]) for entry in old if isinstance(entry, dict) and key(entry) in read_by]
    placed = {key(entry) for entry in result}
    for index, entry in enumerate(read):
        if not isinstance(entry, dict) or key(entry) in placed:
            continue
        before = [key(e) for e in read[:index] if isinstance(e, dict) and key(e) in placed]
        at = next((i + 1 for i, e in enumerate(result) if before and key(e) == before[-1]), len(result) if before
                  else 0)
        result.insert(at, entry)
        placed.add(key(entry))
    return result


def renamed_ids(old: dict[str, Any], read: dict[str, Any], marks: dict[PathKey, tuple[int, int]],
                table: Table) -> list[Problem]:
    """An id the sheet changed (the item in the same place now has another id, and the old one is
    gone): refused at the cell, since ids are permanent addresses."""
    return _renamed(old.get("recommendations") or [], read.get("recommendations") or [], ("recommendations",),
                    "recommendation", marks, table)


def _renamed(old: list[Any], read: list[Any], path: PathKey, kind: str,
             marks: dict[PathKey, tuple[int, int]], table: Table) -> list[Problem]:
    found = []
    old_ids = [item.get("id") for item in old if isinstance(item, dict)]
    read_ids = [item.get("id") for item in read if isinstance(item, dict)]
    for index, item in enumerate(read):
        if not isinstance(item, dict):
            continue
        here = (*path, index)
        was = old[index].get("id") if index < len(old) and isinstance(old[index], dict) else None
        if item.get("id") not in old_ids and was is not None and was not in read_ids:
            row, column = marks.get((*here, "id"), marks.get(here, (1, 1)))
            found.append(table.problem(row, column, f"This row changes the {kind} id `{was}` to `{item.get('id')}`.",
                                       f"Put `{was}` back: ids are permanent web addresses and never change. A "
                                       "spreadsheet turns an id such as `1-2` into a date unless the column is "
                                       "formatted as Text."))
        if kind in _CHILDREN and item.get("id") in old_ids:
            name, child = _CHILDREN[kind]
            before = old[old_ids.index(item.get("id"))]
            found += _renamed(before.get(name) or [], item.get(name) or [], (*here, name), child, marks, table)
    return found
