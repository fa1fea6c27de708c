"""Mapping files (`import --mapping`): which heading of a council's own spreadsheet holds which
field, what its status words mean, and the plan's and update's fields the sheet lacks.

A mapping file is read and checked like a plan file: the same reader, and the same schema
validation (`MappingFile` below), so its mistakes get the same messages, at its own lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from generator import schema
from generator.load import Document, PathKey, load_document
from generator.problems import InputError, Problem
from generator.spreadsheets.columns import DEFAULT_COLUMNS, FIELDS, normalise_header
from generator.validate import check_schema

if TYPE_CHECKING:
    ColumnField = str
else:
    ColumnField = Literal[tuple(sorted(FIELDS))]


class MappingFile(schema.Strict):
    """A mapping file for `python -m generator import --mapping`."""

    columns: dict[str, ColumnField] = Field(default_factory=dict)
    """The sheet's headings and the field each holds, e.g. `Owner: lead`; `ignore` drops a
    column. The built-in headings (Recommendation, Action, Lead Officer, Deadline, Status,
    % Complete, Comments, …) need no entry; case and spaces do not matter."""
    status_words: dict[str, str] = Field(default_factory=dict)
    """Words the sheet uses for a status, and the plan's status id each means, e.g. `Done: completed`."""
    plan: dict[str, Any] = Field(default_factory=dict)
    """The plan's fields the sheet does not hold (title, summary, sources, statuses, …), as in plan.yaml."""
    update: dict[str, Any] = Field(default_factory=dict)
    """The update's fields the sheet does not hold (title, date, meeting, source, …), as in an update file."""


_FROM_SPREADSHEET = {"plan": ("id", "recommendations"), "update": ("period", "progress")}
"""Fields that come from the sheet or the command line, never from a mapping file."""


@dataclass(frozen=True)
class Mapping:
    """How a spreadsheet's headings map to fields, and the plan and update fields it lacks."""

    columns: dict[str, str]
    status_words: dict[str, str] = field(default_factory=dict)
    plan: dict[str, Any] = field(default_factory=dict)
    update: dict[str, Any] = field(default_factory=dict)
    doc: Document | None = None

    def position(self, key: PathKey) -> tuple[int, int]:
        """Line and column of a value in the mapping file."""
        return self.doc.position(key) if self.doc else (1, 1)


def load_mapping(path: Path | None) -> Mapping:
    """The built-in mapping, extended by a mapping file; `InputError` listing its problems."""
    defaults = {normalise_header(header): name for header, name in DEFAULT_COLUMNS.items()}
    if path is None:
        return Mapping(defaults)
    if not path.is_file():
        raise InputError([Problem(path.as_posix(), 1, 1, "", f"There is no mapping file `{path.as_posix()}`.",
                                  "Check the name given with --mapping.")])
    problems: list[Problem] = []
    doc = load_document(path, Path.cwd() if path.is_absolute() else Path(), problems)
    read = check_schema(doc, MappingFile, problems) if doc is not None else None
    if doc is not None and read is not None:
        problems += _reserved(doc, read)
    if problems or doc is None or read is None:
        raise InputError(problems)
    columns = defaults | {normalise_header(heading): name for heading, name in read.columns.items()}
    words = {status_key(word): sid for word, sid in read.status_words.items()}
    return Mapping(columns, words, dict(read.plan), dict(read.update), doc)


def _reserved(doc: Document, read: MappingFile) -> list[Problem]:
    found = []
    for section, names in _FROM_SPREADSHEET.items():
        given = read.plan if section == "plan" else read.update
        for name in (n for n in names if n in given):
            line, column = doc.position((section, name))
            found.append(Problem(doc.name, line, column, f"{section}.{name}", f"`{section}: {name}` comes from the "
                                 "spreadsheet or the command line, not the mapping file.", "Remove it."))
    return found


def status_key(word: str) -> str:
    """A status word from a council's sheet as matched: case, spaces, hyphens and underscores
    ignored (`On-target`, `on target` and `ONTARGET` are one word)."""
    return re.sub(r"[\s\-_]+", "", word).casefold()
