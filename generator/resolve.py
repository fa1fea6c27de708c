"""How what an update file says is resolved to the plan's ids.

Editors may write a status as its id (`on-target`) or as its label as printed (`On Target`,
any case, spaces around it ignored), and an update may name an item or a recommendation by an
id the plan now lists under `former_ids`. Files keep what was written; validation, the model,
spreadsheet import and the corrections record all resolve it here, so a rename never forces an
edit of a published update and writing a label never counts as a different status.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from generator.i18n.active import N_

NOT_REPORTED = "not-reported"
NOT_REPORTED_LABEL = N_("Not reported")

Kind = str
"""`recommendation`, `action` or `milestone`."""


def fold(word: str) -> str:
    """A status word as compared: case and spaces ignored (`  on TARGET ` = `On Target`)."""
    return " ".join(word.split()).casefold()


@dataclass(frozen=True)
class Names:
    """The ways one plan's statuses and ids may be written in its updates."""

    labels: dict[str, str] = field(default_factory=dict)
    """Status id → label, `not-reported` included, in the plan's order."""
    words: dict[str, str] = field(default_factory=dict)
    """A folded id or label → the status id."""
    renamed: dict[tuple[Kind, str], str] = field(default_factory=dict)
    """(kind, former id) → the id the item has now."""
    shared: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """A folded label that several statuses have → their ids (written so, it names none of them)."""

    @classmethod
    def of(cls, plan: Any) -> Names:
        """The names of a plan given as its file's data (a dict) or as a validated `schema.Plan`."""
        data = plan if isinstance(plan, dict) else plan.model_dump()
        labels: dict[str, str] = {}
        for status in _dicts(data.get("statuses")):
            if isinstance(status.get("id"), str):
                labels[status["id"]] = str(status.get("label") or status["id"])
        labels.setdefault(NOT_REPORTED, NOT_REPORTED_LABEL)
        words: dict[str, str] = {}
        by_label: dict[str, list[str]] = {}
        for sid, label in labels.items():  # labels first, so an id always wins over another's label
            words.setdefault(fold(label), sid)
            by_label.setdefault(fold(label), []).append(sid)
        words |= {fold(sid): sid for sid in labels}
        shared = {word: tuple(ids) for word, ids in by_label.items() if len(ids) > 1 and word not in labels}
        renamed: dict[tuple[Kind, str], str] = {}
        for kind, item in _items(data):
            for old in item.get("former_ids") or ():
                if isinstance(item.get("id"), str):
                    renamed.setdefault((kind, str(old)), item["id"])
        return cls(labels, words, renamed, shared)

    def status(self, written: str) -> str | None:
        """The status id `written` stands for, or None when it is no status of this plan (or a
        label several of its statuses share, with no id written so)."""
        if written in self.labels:
            return written
        word = fold(written)
        by_id = next((sid for sid in self.labels if fold(sid) == word), None)
        return by_id or (None if word in self.shared else self.words.get(word))

    def item(self, kind: Kind, written: str) -> str:
        """The id an item has now: `written`, or the item's id when `written` is a former id."""
        return self.renamed.get((kind, written), written)

    def update_data(self, data: Any) -> Any:
        """An update file's data with every status and id written as the plan's current ids,
        for comparing versions of the file (anything it cannot resolve is left as written)."""
        if not isinstance(data, dict):
            return data
        result = dict(data)
        if isinstance(data.get("progress"), list):
            result["progress"] = [self._entry(entry) for entry in data["progress"]]
        if isinstance(data.get("summaries"), list):
            result["summaries"] = [self._named(entry, "recommendation") for entry in data["summaries"]]
        return result

    def _entry(self, entry: Any) -> Any:
        if not isinstance(entry, dict):
            return entry
        entry = self._named(self._named(entry, "action"), "milestone")
        if isinstance(entry.get("status"), str):
            entry = {**entry, "status": self.status(entry["status"]) or entry["status"]}
        return entry

    def _named(self, entry: Any, kind: Kind) -> Any:
        if isinstance(entry, dict) and isinstance(entry.get(kind), str | int):
            return {**entry, kind: self.item(kind, str(entry[kind]))}
        return entry


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _items(data: dict[str, Any]) -> Iterator[tuple[Kind, dict[str, Any]]]:
    for rec in _dicts(data.get("recommendations")):
        yield "recommendation", rec
        for action in _dicts(rec.get("actions")):
            yield "action", action
            for milestone in _dicts(action.get("milestones")):
                yield "milestone", milestone
