"""Rewriting a YAML file with only what changed, edited in place at the loader's positions.

An import must not turn one changed status into a rewritten file: every other line, comment,
quote and blank line stays byte for byte. The old and new data are compared; each changed value
is replaced where it stands, a new field or list entry is inserted after its neighbour (in the
file's indentation), and a removed one is deleted with the comment lines just above it. Lists
whose entries have an identity (an id, the item a progress entry reports on) are matched by it,
so entries keep the file's order whatever order the new data has. The result is read back and
must hold the new data (in the file's order); if not, None is returned and the file is written whole.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, Literal

from generator.load import PathKey, Spans, read_yaml
from generator.problems import Problem
from generator.spreadsheets.cellyaml import to_yaml

Identity = Callable[[PathKey, Any], Hashable | None]
"""The identity of a list entry at a path (None: the list is compared as a whole)."""


@dataclass(frozen=True)
class Change:
    """One difference between the file and the new data, at a path of the new data's keys."""

    path: PathKey
    kind: Literal["changed", "added", "removed"]
    old: Any = None
    new: Any = None


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    text: str
    order: int = 0


def rewrite(text: str, new: Any, identity: Identity) -> tuple[str | None, list[Change]]:
    """The file's text changed to hold `new`, and the changes; the text is None when the file
    cannot be edited in place (then write it whole)."""
    spans = Spans()
    problems: list[Problem] = []
    read = read_yaml(text, "", problems, spans)
    if read is None or problems:
        return None, [Change((), "changed", None, new)]
    editor = _Editor(text, spans, identity)
    editor.diff(read[0], new, (), ())
    if not editor.edits:
        return text, editor.changes
    result = editor.apply()
    again = Spans()
    check: list[Problem] = []
    reread = read_yaml(result, "", check, again)
    if reread is None or check:
        return None, editor.changes
    verify = _Editor(result, again, identity)
    verify.diff(reread[0], new, (), ())
    return (None if verify.changes else result), editor.changes


class _Editor:
    def __init__(self, text: str, spans: Spans, identity: Identity) -> None:
        self.text = text
        self.spans = spans
        self.identity = identity
        self.edits: list[_Edit] = []
        self.changes: list[Change] = []

    # --- comparing -----------------------------------------------------------------------

    def diff(self, old: Any, new: Any, at: PathKey, path: PathKey) -> None:
        """`at` is the value's place in the file, `path` in the new data (list indexes differ)."""
        if old == new and type(old) is type(new):
            return
        if isinstance(old, dict) and isinstance(new, dict) and old and self._block(at):
            self._mapping(old, new, at, path)
        elif isinstance(old, list) and isinstance(new, list) and old and self._block(at):
            self._sequence(old, new, at, path)
        else:
            self.changes.append(Change(path, "changed", old, new))
            self._replace(at, new)

    def _mapping(self, old: dict[str, Any], new: dict[str, Any], at: PathKey, path: PathKey) -> None:
        for name, value in new.items():
            if name in old:
                self.diff(old[name], value, (*at, name), (*path, name))
        keys = list(old)
        added = [name for name in new if name not in old]
        for name in added:
            before = [k for k in list(new)[: list(new).index(name)] if k in old]
            after = before[-1] if before else keys[-1]
            self.changes.append(Change((*path, name), "added", None, new[name]))
            self._insert_after((*at, after), self._field(name, new[name], self._column((*at, keys[0]), key=True)),
                               order=list(new).index(name))
        for name in (k for k in keys if k not in new):
            self.changes.append(Change((*path, name), "removed", old[name], None))
            if not self._delete_field((*at, name)):
                self.changes.pop()
                self.changes.append(Change(path, "changed", old, new))
                self._replace(at, new)
                return

    def _sequence(self, old: list[Any], new: list[Any], at: PathKey, path: PathKey) -> None:
        old_keys = [self.identity((*at, i), item) for i, item in enumerate(old)]
        new_keys = [self.identity((*path, i), item) for i, item in enumerate(new)]
        if None in old_keys or None in new_keys or len(set(old_keys)) < len(old) or len(set(new_keys)) < len(new):
            self.changes.append(Change(path, "changed", old, new))
            self._replace(at, new)
            return
        where = {key: i for i, key in enumerate(old_keys)}
        for j, key in enumerate(new_keys):
            if key in where:
                self.diff(old[where[key]], new[j], (*at, where[key]), (*path, j))
        dash = self._column((*at, 0)) - 2
        for j, key in enumerate(new_keys):
            if key in where:
                continue
            self.changes.append(Change((*path, j), "added", None, new[j]))
            before = [where[k] for k in new_keys[:j] if k in where]
            item = self._item(new[j], dash)
            if before:
                self._insert_after((*at, before[-1]), item, order=j)
            else:
                first = self._leading_comments(self._line_start(self.spans.start[(*at, 0)]))
                self.edits.append(_Edit(first, first, item, order=j))
        for i, key in enumerate(old_keys):
            if key not in set(new_keys):
                self.changes.append(Change((*at, i), "removed", old[i], None))
                start = self._leading_comments(self._line_start(self.spans.start[(*at, i)]))
                self.edits.append(_Edit(start, self._line_end(self.spans.end[(*at, i)]), ""))

    # --- editing ---------------------------------------------------------------------------

    def _replace(self, at: PathKey, new: Any) -> None:
        if not at:
            self.edits.append(_Edit(0, len(self.text), to_yaml(new)))
            return
        name = at[-1]
        end = self.spans.end.get(at, self.spans.start.get(at, 0))
        if isinstance(name, str) and at in self.spans.key:
            start = self.spans.key[at]
            column = self._column(at, key=True)
            rendered = self._field(name, new, column)
        else:
            start = self.spans.start[at]
            column = self._column(at)
            rendered = self._value(new, column)
        self.edits.append(_Edit(start, end, rendered[column:].rstrip("\n")))

    def _insert_after(self, at: PathKey, rendered: str, order: int = 0) -> None:
        position = self._line_end(self.spans.end.get(at, self.spans.start.get(at, 0)))
        prefix = "" if position == 0 or self.text[position - 1] == "\n" else "\n"
        self.edits.append(_Edit(position, position, prefix + rendered, order))

    def _delete_field(self, at: PathKey) -> bool:
        start = self.spans.key.get(at)
        if start is None or self.text[self._line_start(start):start].strip():
            return False  # the first field of a list entry (`- name: …`): the entry is rewritten instead
        begin = self._leading_comments(self._line_start(start))
        self.edits.append(_Edit(begin, self._line_end(self.spans.end.get(at, start)), ""))
        return True

    def apply(self) -> str:
        text = self.text
        for edit in sorted(self.edits, key=lambda e: (e.start, e.end, e.order), reverse=True):
            text = text[: edit.start] + edit.text + text[edit.end:]
        return text

    # --- rendering -------------------------------------------------------------------------

    @staticmethod
    def _field(name: str, value: Any, column: int) -> str:
        return _indented(to_yaml({name: value}), column)

    @staticmethod
    def _value(value: Any, column: int) -> str:
        if isinstance(value, dict | list) and value:
            return _indented(to_yaml(value), column)
        first, _, rest = to_yaml({"_": value}).removeprefix("_:").lstrip(" ").partition("\n")
        return " " * column + first + "\n" + _indented(rest, column)

    @staticmethod
    def _item(value: Any, dash: int) -> str:
        return _indented(to_yaml([value]), dash)

    # --- positions -------------------------------------------------------------------------

    def _block(self, at: PathKey) -> bool:
        """True when the value is written in block style (one entry per line), so entries can be
        edited one by one; flow style (`[a, b]`) is rewritten whole."""
        start = self.spans.start.get(at)
        return start is not None and self.text[start: start + 1] not in ("[", "{")

    def _column(self, at: PathKey, key: bool = False) -> int:
        index = (self.spans.key if key else self.spans.start)[at]
        return index - self._line_start(index)

    def _line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def _line_end(self, index: int) -> int:
        """The start of the line after the one holding `index` (the text's end on the last line)."""
        newline = self.text.find("\n", index)
        return len(self.text) if newline < 0 else newline + 1

    def _leading_comments(self, line_start: int) -> int:
        """The start of the comment lines directly above a line (its own notes for editors)."""
        start = line_start
        while start > 0:
            previous = self._line_start(start - 1)
            if not self.text[previous: start].strip().startswith("#"):
                break
            start = previous
        return start


def _indented(text: str, column: int) -> str:
    pad = " " * column
    return "".join(pad + line if line.strip() else line for line in text.splitlines(keepends=True))
