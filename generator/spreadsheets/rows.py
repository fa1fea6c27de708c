"""The row reader: a sheet's rows, below its header, as recommendations, actions, milestones and
progress, with the cell each value came from.

It reads the exported layout (ids in hidden columns) and councils' own layouts: a recommendation
given by number, heading or full text on its first row only, actions and key milestones in
their own columns, cells merged over an action's rows. Every bad cell becomes a `Problem` at
that cell; reading goes on, so every problem is listed at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from generator import suggest
from generator.load import PathKey
from generator.problems import Problem
from generator.resolve import NOT_REPORTED, Names
from generator.spreadsheets.cellyaml import decode_evidence, decode_list
from generator.spreadsheets.columns import (
    ACTION_FIELDS,
    ITEM_FIELDS,
    PROGRESS_FIELDS,
    REC_FIELDS,
    SLUG,
    TERMS,
)
from generator.spreadsheets.mapping import status_key
from generator.spreadsheets.tables import Cell, Header, Table

T = TypeVar("T")
_NUMBER_LIKE = re.compile(r"^[A-Za-z]{0,3}\.?\s?\d+[A-Za-z0-9.\-]*$")
ID_HINT = ("Identifiers use lower-case letters, digits and single hyphens only, e.g. `r4` or `1-3`; "
           "they become part of permanent web addresses.")


@dataclass(frozen=True)
class Row:
    """One row below the header: its number and its cells by field."""

    number: int
    cells: dict[str, tuple[int, Cell]]

    def text(self, name: str) -> str | None:
        """The cell's text exactly, or None when it is empty or only spaces."""
        found = self.cells.get(name)
        return found[1].text if found and found[1].text.strip() else None

    def key(self, name: str) -> str | None:
        """The cell's text without surrounding spaces, or None when empty."""
        text = self.text(name)
        return text.strip() if text is not None else None

    def column(self, name: str) -> int:
        """The 1-based column of a field (the first column when the sheet has none)."""
        found = self.cells.get(name)
        return found[0] + 1 if found else 1

    def has(self, names: Sequence[str]) -> bool:
        """True when any of the named cells is filled in."""
        return any(self.text(name) is not None for name in names)


@dataclass
class Draft:
    """An item being read: its data, where it sits in the plan, and the row it started on."""

    data: dict[str, Any]
    path: PathKey
    row: int


@dataclass
class ProgressRow:
    """An update's progress entry as read from a row, with its cells' positions."""

    order: int | None
    row: int
    data: dict[str, Any]
    marks: dict[PathKey, tuple[int, int]]


class Statuses:
    """The plan's status words: its ids and labels as `check` reads them, and as a council's
    sheet may write them (hyphens and spaces aside), plus the mapping file's `status_words`."""

    def __init__(self, statuses: Sequence[Any], words: dict[str, str]) -> None:
        self.names = Names.of({"statuses": [s for s in statuses if isinstance(s, dict)]})
        self.labels = [label for sid, label in self.names.labels.items() if sid != NOT_REPORTED]
        self.lenient = {status_key(word): sid for word, sid in self.names.words.items()} | words

    def find(self, word: str) -> str | None:
        """The status id for a word from the sheet, or None."""
        return self.names.status(word) or self.lenient.get(status_key(word))

    def hint(self, word: str) -> str:
        """A did-you-mean, or the list of statuses."""
        if not self.labels:
            return "The plan lists no statuses; add them under `plan: statuses:` in the mapping file."
        guess = suggest.closest(word, self.labels)
        if guess is not None:
            return f"Did you mean `{guess}`?"
        return ("The plan's statuses: " + ", ".join(self.labels) + ". Add the word under `status_words:` in the "
                "mapping file to read it as one of them.")


@dataclass
class Context:
    """What the reader needs to know about the sheet, and the problems found so far."""

    table: Table
    header: Header
    statuses: Statuses
    term: str
    with_update: bool
    problems: list[Problem] = field(default_factory=list)


class Reader:
    """Turns the rows below the header into recommendations, actions, milestones and progress."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        columns = ctx.header.columns
        self.milestone_text = "milestone_text" in columns
        self.action_is_text = "text" not in columns and "action" in columns
        self.title_column = "recommendation_title" in columns
        self.recs: list[Draft] = []
        self.rec_keys: dict[Any, Draft] = {}
        self.actions: dict[str, Draft] = {}
        self.milestones: dict[str, int] = {}
        self.rec: Draft | None = None
        self.action: Draft | None = None
        self.progress: list[ProgressRow] = []
        self.ignored_progress: Row | None = None
        self.marks: dict[PathKey, tuple[int, int]] = {}

    def read(self, rows: Sequence[Row]) -> None:
        """Read every row, collecting problems."""
        header_texts = {name: self.ctx.header.names[name] for name in self.ctx.header.columns}
        for row in rows:
            filled = [name for name in row.cells if name not in ("details", "order") and row.text(name) is not None]
            if filled and any(row.key(name) != header_texts[name] for name in filled):
                self._row(row)

    def problem(self, row: Row, name: str, message: str, hint: str) -> None:
        """Report a problem at the row's cell for `name`."""
        self.ctx.problems.append(self.ctx.table.problem(row.number, row.column(name), message, hint))

    def put(self, draft: Draft, key: str, value: Any, row: Row, name: str) -> None:
        """Set a field and remember the cell it came from."""
        draft.data[key] = value
        self.marks[(*draft.path, key)] = (row.number, row.column(name))

    def _row(self, row: Row) -> None:
        rec = self._recommendation(row)
        if rec is None:
            return
        item = self._milestone_text_row(row, rec) if self.milestone_text else self._plain_row(row, rec)
        if item is not None:
            self._progress(row, *item)
        elif row.has(PROGRESS_FIELDS):
            self.problem(row, "status", "This row gives progress but no action or milestone.",
                         "Fill in the action's or milestone's text on the same row.")

    # recommendations

    def _recommendation(self, row: Row) -> Draft | None:
        key, number, title = self._rec_identity(row)
        rec = self.rec if key is None else self.rec_keys.get(key) or self._new_recommendation(row, key, number, title)
        if rec is None:
            name = next((n for n in (*REC_FIELDS, "text") if n in row.cells), "text")
            self.problem(row, name, "This row comes before any recommendation.",
                         "Fill in the Recommendation cell on the first row of each recommendation.")
            return None
        self._recommendation_fields(rec, row, number, title)
        if rec is not self.rec:
            self.rec, self.action = rec, None
        return rec

    def _rec_identity(self, row: Row) -> tuple[Any, str | None, str | None]:
        number, title = row.text("recommendation"), row.text("recommendation_title")
        if not self.title_column and number is not None and not _NUMBER_LIKE.match(number.strip()):
            number, title = None, number  # a heading or full text in the Recommendation column
        if "recommendation_id" in row.cells:
            return row.key("recommendation_id"), number, title
        if number is not None:
            return ("number", number.strip()), number, title
        if title is not None and (self.rec is None or self.rec.data.get("title") != title):
            return ("title", title.strip()), number, title
        return None, number, title

    def _new_recommendation(self, row: Row, key: Any, number: str | None, title: str | None) -> Draft:
        rec = Draft({}, ("recommendations", len(self.recs)), row.number)
        self.marks[rec.path] = (row.number, 1)
        explicit = row.key("recommendation_id")
        if explicit is not None:
            rec_id = self._checked_id(row, "recommendation_id", explicit)
        else:
            short = _slug(title or "")
            wanted = f"r{_slug(number)}" if number else short if 0 < len(short) <= 30 else f"r{len(self.recs) + 1}"
            rec_id = self._unique_id(wanted, {r.data["id"] for r in self.recs})
        self.put(rec, "id", rec_id, row, "recommendation_id" if explicit else "recommendation")
        rec.data["actions"] = []
        self.recs.append(rec)
        self.rec_keys[key] = rec
        return rec

    def _recommendation_fields(self, rec: Draft, row: Row, number: str | None, title: str | None) -> None:
        title_field = "recommendation_title" if self.title_column else "recommendation"
        values: list[tuple[str, str, Any]] = [
            ("number", "recommendation", number), ("title", title_field, title),
            ("text", "recommendation_text", row.text("recommendation_text")),
            ("section", "section", row.key("section")), ("actions_shared_with", "shared_with", row.key("shared_with")),
            ("missing", "recommendation_missing", self._missing(row, "recommendation_missing")),
            ("notes", "recommendation_notes", _maybe(decode_list, row.text("recommendation_notes"))),
        ]
        for key, name, value in values:
            if value is not None:
                self._set_once(rec, key, value, row, name)

    def _set_once(self, draft: Draft, key: str, value: Any, row: Row, name: str) -> None:
        if key not in draft.data:
            self.put(draft, key, value, row, name)
        elif draft.data[key] != value:
            first = self.marks.get((*draft.path, key), (draft.row, 1))[0]
            self.problem(row, name, f"The {self.ctx.header.names.get(name, name)} cell differs from row {first} "
                         "of the same recommendation.",
                         "A recommendation's cells must be the same on all its rows (or empty after the first).")

    # actions and milestones

    def _plain_row(self, row: Row, rec: Draft) -> tuple[str, str] | None:
        if row.key("milestone") is not None:
            parent = self._parent(row)
            return ("milestone", self._new_milestone(row, parent, "text")) if parent else None
        if row.has((*ACTION_FIELDS, *ITEM_FIELDS)):
            return "action", self._new_action(row, rec, with_item=True)
        return None

    def _milestone_text_row(self, row: Row, rec: Draft) -> tuple[str, str] | None:
        is_milestone = row.has(("milestone", "milestone_text"))
        action = self.action
        if row.has((*ACTION_FIELDS, "text")) and not self._same_action(row):
            self._new_action(row, rec, with_item=not is_milestone)
            action = self.action
        elif not is_milestone and row.has(ITEM_FIELDS) and action is None:
            self._new_action(row, rec, with_item=True)
            action = self.action
        if not is_milestone:
            return ("action", action.data["id"]) if action else None
        if action is None:
            self.problem(row, "milestone_text", "This milestone row comes before any action.",
                         "Put each milestone's row below its action's row.")
            return None
        return "milestone", self._new_milestone(row, action, "milestone_text")

    def _same_action(self, row: Row) -> bool:
        if self.action is None:
            return False
        ref = row.key("action_id") or (None if self.action_is_text else row.key("action"))
        if ref is not None:
            return ref in (self.action.data["id"], self.action.data.get("number"))
        text = row.text("action" if self.action_is_text else "text")
        return text is None or text == self.action.data.get("text")

    def _new_action(self, row: Row, rec: Draft, with_item: bool) -> str:
        action = Draft({}, (*rec.path, "actions", len(rec.data["actions"])), row.number)
        self.marks[action.path] = (row.number, 1)
        number_field = "action_number" if "action_number" in row.cells else (None if self.action_is_text else "action")
        number = row.text(number_field) if number_field else None
        explicit = row.key("action_id")
        default = f"{rec.data['id']}-{len(rec.data['actions']) + 1}"
        if explicit:
            action_id, id_field = self._checked_id(row, "action_id", explicit), "action_id"
        else:
            action_id = (_slug(number) if number else "") or default
            id_field = number_field if number and number_field else self._text_field()
        self.put(action, "id", self._first_use(row, id_field, action_id, "action", self.actions), row, id_field)
        for key, name, value in (("number", number_field or "action", number),
                                 ("title", "action_title", row.text("action_title")),
                                 ("text", self._text_field(), row.text(self._text_field()))):
            if value is not None:
                self.put(action, key, value, row, name)
        if with_item:
            self._item_fields(row, action, self._text_field(), "action")
        if row.text("monitoring") is not None:
            self.put(action, "monitoring", row.text("monitoring"), row, "monitoring")
        action.data["milestones"] = []
        rec.data["actions"].append(action.data)
        self.actions[action.data["id"]] = action
        self.action = action
        return str(action.data["id"])

    def _text_field(self) -> str:
        return "action" if self.action_is_text else "text"

    def _parent(self, row: Row) -> Draft | None:
        ref = row.key("action_id") or (None if self.action_is_text else row.key("action"))
        if ref is None:
            if self.action is None:
                self.problem(row, "milestone", "This milestone row comes before any action.",
                             "Put each milestone's row below its action's row.")
            return self.action
        found = self.actions.get(ref) or self.actions.get(_slug(ref)) or next(
            (a for a in self.actions.values() if a.data.get("number") == ref), None)
        if found is None:
            name = "action_id" if row.key("action_id") else "action"
            self.problem(row, name, f"This milestone row names the action `{ref}`, but no action row above has "
                         "that id or number.", "Put each milestone's row below its action's row.")
        else:
            self.action = found
        return found

    def _new_milestone(self, row: Row, action: Draft, text_field: str) -> str:
        milestones: list[Any] = action.data["milestones"]
        milestone = Draft({}, (*action.path, "milestones", len(milestones)), row.number)
        self.marks[milestone.path] = (row.number, 1)
        cell = row.text("milestone")
        default = f"{action.data['id']}-{len(milestones) + 1}"
        milestone_id = (cell.strip() if cell and SLUG.match(cell.strip()) else _slug(cell or "")) or default
        id_field = "milestone" if cell else text_field
        self.put(milestone, "id", self._first_use(row, id_field, milestone_id, "milestone", self.milestones),
                 row, id_field)
        number = row.text("milestone_number") if "milestone_number" in row.cells else cell
        if number is not None:
            self.put(milestone, "number", number, row, "milestone_number" if "milestone_number" in row.cells else
                     "milestone")
        self._item_fields(row, milestone, text_field, "milestone")
        milestones.append(milestone.data)
        self.milestones[milestone.data["id"]] = row.number
        return str(milestone.data["id"])

    def _item_fields(self, row: Row, item: Draft, text_field: str, kind: str) -> None:
        text = row.text(text_field)
        if text is None:
            heading = self.ctx.header.names.get(text_field, "Text")
            self.problem(row, text_field, f"This {kind} has no text: its {heading} cell is empty.",
                         f"Every {kind} needs its text as published; fill in the cell, or delete the row.")
        self.put(item, "text", text or "", row, text_field)
        for key in ("lead", "deadline"):
            if row.text(key) is not None:
                self.put(item, key, row.text(key), row, key)
        missing = self._missing(row, "missing")
        if missing:
            self.put(item, "missing", missing, row, "missing")
        if row.text("notes") is not None:
            self.put(item, "notes", decode_list(str(row.text("notes"))), row, "notes")

    def _first_use(self, row: Row, name: str, item_id: str, kind: str, seen: dict[str, Any]) -> str:
        if item_id not in seen:
            return item_id
        first = seen[item_id]
        first_row = first.row if isinstance(first, Draft) else first
        self.problem(row, name, f"The {kind} id `{item_id}` is used twice (first on row {first_row}).",
                     f"Give each {kind} its own number or id; ids are permanent web addresses.")
        return f"duplicate-row-{row.number}"

    def _checked_id(self, row: Row, name: str, value: str) -> str:
        if SLUG.match(value) and len(value) <= 60:
            return value
        self.problem(row, name, f"`{value}` is not a valid id.", ID_HINT)
        return _slug(value) or f"row-{row.number}"

    def _unique_id(self, wanted: str, taken: set[str]) -> str:
        candidate, n = wanted, 1
        while candidate in taken:
            n += 1
            candidate = f"{wanted}-{n}"
        return candidate

    def _missing(self, row: Row, name: str) -> list[str] | None:
        text = row.text(name)
        if text is None:
            return None
        words = [w.strip() for w in re.split(r"[,;\n]", text) if w.strip()]
        for word in (w for w in words if w not in TERMS):
            self.problem(row, name, f"`{word}` is not a field that can be missing.",
                         suggest.hint(word, sorted(TERMS), "Use one of"))
        return [w for w in words if w in TERMS] or None

    # progress

    def _progress(self, row: Row, kind: str, item_id: str) -> None:
        if not row.has(PROGRESS_FIELDS):
            return
        if not self.ctx.with_update:
            self.ignored_progress = self.ignored_progress or row
            return
        entry = ProgressRow(self._order(row), row.number, {kind: item_id}, {(kind,): (row.number, 1)})

        def put(key: str, value: Any, name: str) -> None:
            if value is not None:
                entry.data[key] = value
                entry.marks[(key,)] = (row.number, row.column(name))

        put("status", self._status(row, "status"), "status")
        put("percent", self._percent(row), "percent")
        for key, name in (("commentary", "commentary"), ("deadline", "revised_deadline"),
                          ("prior_work", "prior_work"), ("contact", "contact")):
            put(key, row.text(name), name)
        put("evidence", _maybe(decode_evidence, row.text("evidence")), "evidence")
        put("missing", self._missing(row, "progress_missing"), "progress_missing")
        put("notes", _maybe(decode_list, row.text("progress_notes")), "progress_notes")
        self.progress.append(entry)

    def _status(self, row: Row, name: str) -> str:
        word = row.key(name)
        if word is None:
            return NOT_REPORTED
        found = self.ctx.statuses.find(word)
        if found is None:
            self.problem(row, name, f"`{word}` is not one of the plan's statuses.", self.ctx.statuses.hint(word))
            return NOT_REPORTED
        return found

    def _percent(self, row: Row) -> int | None:
        found = row.cells.get("percent")
        if found is None or not found[1].text.strip():
            return None
        value = parse_percent(found[1])
        if value is None:
            heading = self.ctx.header.names["percent"]
            self.problem(row, "percent", f"{heading} must be a number from 0 to 100, not `{found[1].text.strip()}`.",
                         "Write a whole number such as 20 or 20%, or leave the cell empty.")
        return value

    def _order(self, row: Row) -> int | None:
        text = row.key("progress_order")
        if text is None:
            return None
        if text.isdigit():
            return int(text)
        self.problem(row, "progress_order", f"Progress order must be a whole number, not `{text}`.",
                     "Leave it empty to keep the rows' order.")
        return None


def parse_percent(cell: Cell) -> int | None:
    """Percent complete from `20%`, `20`, 20, or 0.2 in a cell formatted as a percentage; else None."""
    if cell.number is not None:
        value = cell.number * 100 if cell.percent else cell.number
    else:
        text = cell.text.strip().removesuffix("%").strip()
        try:
            value = float(text)
        except ValueError:
            return None
    if abs(value - round(value)) > 1e-6 or not 0 <= round(value) <= 100:
        return None
    return round(value)


def _maybe(parse: Callable[[str], T], text: str | None) -> T | None:
    return parse(text) if text is not None else None


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    if len(slug) > 60:
        slug = slug[:60].rsplit("-", 1)[0] if "-" in slug[:60] else slug[:60]
    return slug




def rows_of(table: Table, header: Header) -> list[Row]:
    """The rows below the header, in the plan's order when the sheet has the exported `Plan
    order` column (a sorted or filtered sheet is read as it was exported); a row added without
    one stays after the row above it."""
    rows = [Row(number, {name: (index, cells[index] if index < len(cells) else Cell())
                         for name, index in header.columns.items()})
            for number, cells in enumerate(table.rows[header.row:], start=header.row + 1)]
    if "order" not in header.columns:
        return rows
    keyed, last = [], 0.0
    for position, row in enumerate(rows):
        text = row.key("order")
        number = _order_number(text)
        last = number if number is not None else last
        keyed.append(((last, 0 if number is not None else 1, position), row))
    return [row for _, row in sorted(keyed, key=lambda pair: pair[0])]


def _order_number(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None
