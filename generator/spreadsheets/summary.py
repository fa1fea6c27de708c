"""What an import changed, in plain words: "3 statuses changed, 1 milestone added"."""

from __future__ import annotations

from collections import Counter

from generator.spreadsheets.rewrite import Change

_NOUNS = {
    "status": ("status", "statuses"), "percent": ("percentage", "percentages"),
    "commentary": ("commentary", "commentaries"), "deadline": ("deadline", "deadlines"),
    "lead": ("lead", "leads"), "text": ("text", "texts"), "title": ("title", "titles"),
    "number": ("number", "numbers"), "monitoring": ("monitoring board", "monitoring boards"),
    "notes": ("set of notes", "sets of notes"), "missing": ("list of missing fields", "lists of missing fields"),
    "evidence": ("list of evidence", "lists of evidence"), "contact": ("contact", "contacts"),
    "prior_work": ("prior work", "prior work"),
}
_ITEMS = {"recommendations": ("recommendation", "recommendations"), "actions": ("action", "actions"),
          "milestones": ("milestone", "milestones"), "progress": ("progress entry", "progress entries")}


def describe(changes: list[Change]) -> str:
    """The changes counted by what they are about, in the order they first occur."""
    counts: Counter[str] = Counter()
    for change in changes:
        counts[_phrase(change)] += 1
    return ", ".join(_counted(phrase, count) for phrase, count in counts.items())


def _phrase(change: Change) -> str:
    path = change.path
    if path and isinstance(path[-1], int) and isinstance(path[-2] if len(path) > 1 else None, str) \
            and str(path[-2]) in _ITEMS:
        return f"{path[-2]}|{change.kind}"
    name = next((str(part) for part in reversed(path) if isinstance(part, str)), "file")
    if len(path) > 1 and isinstance(path[-1], int):
        name = str(path[-2])
    return f"field:{name}|changed"


def _counted(phrase: str, count: int) -> str:
    what, _, kind = phrase.partition("|")
    if what.startswith("field:"):
        one, many = _NOUNS.get(what[6:], ("other field", "other fields"))
        return f"{count} {one if count == 1 else many} changed"
    one, many = _ITEMS[what]
    return f"{count} {one if count == 1 else many} {kind}"
