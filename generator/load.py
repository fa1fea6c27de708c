"""Stage 1, load: read every YAML file under `plans/`, keeping the line and column of each value.

Nothing here judges the data's meaning; it only turns bytes into plain Python values and
reports files that cannot be read at all (encoding, tabs, YAML syntax, empty files).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator import syntax
from generator.files import display_path
from generator.problems import Problem

PathKey = tuple[str | int, ...]
"""Where a value sits in a document, e.g. `("recommendations", 0, "actions", 2, "lead")`."""

_Parser: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""Only its parser is used (libyaml's when installed): values are built from its events here."""

_IMPLICIT: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")),
    ("int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")),
    ("null", re.compile(r"^(?:~|null|Null|NULL|)$")),
)
"""YAML with fewer surprises for editors: only `true`/`false` are booleans, only plain whole
numbers are numbers, and dates and decimals stay as the text that was typed."""

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters no published value may hold: control characters (tab and newline excepted), lone
surrogates and non-characters. They make feeds and charts invalid XML and are never meant."""
_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""The same, as typed in a file, where a carriage return may end a line."""


@dataclass(frozen=True)
class Document:
    """One YAML file as plain values, with the position of every value and key."""

    path: Path
    name: str
    data: Any
    marks: dict[PathKey, tuple[int, int]] = field(repr=False)
    text: str = field(default="", repr=False, compare=False)
    """The file's text as read, for checks that look at how a value was written (quoted or not)."""

    def position(self, key: PathKey) -> tuple[int, int]:
        """Line and column (1-based) of the value at `key`, or of its nearest parent."""
        while key not in self.marks and key:
            key = key[:-1]
        return self.marks.get(key, (1, 1))


@dataclass(frozen=True)
class PlanFiles:
    """The loaded files of one plan folder."""

    folder: Path
    plan: Document | None
    updates: tuple[Document, ...]


@dataclass(frozen=True)
class Loaded:
    """Everything read from `plans/`, with the problems that stopped any file being read."""

    plans: tuple[PlanFiles, ...]
    problems: tuple[Problem, ...]


def load_plans(plans_dir: Path, root: Path | None = None) -> Loaded:
    """Read every plan folder under `plans_dir`; files that cannot be read become problems."""
    root = root or plans_dir.parent
    problems: list[Problem] = list(symlink_problems(plans_dir, root))
    plans = []
    for folder in sorted(p for p in plans_dir.iterdir() if p.is_dir() and not p.is_symlink()):
        plan_file = folder / "plan.yaml"
        plan_doc = None
        if plan_file.is_file() and not plan_file.is_symlink():
            plan_doc = load_document(plan_file, root, problems)
        elif not plan_file.is_symlink():
            problems.append(_no_plan_file(folder, root))
        updates_dir = folder / "updates"
        update_docs = []
        if updates_dir.is_dir() and not updates_dir.is_symlink():
            for update_file in sorted(updates_dir.iterdir()):
                if update_file.is_symlink() or not _is_yaml(update_file):
                    continue
                if update_file.suffix != ".yaml":
                    problems.append(_misnamed(update_file, root))
                    continue
                doc = load_document(update_file, root, problems)
                if doc is not None:
                    update_docs.append(doc)
        plans.append(PlanFiles(folder, plan_doc, tuple(update_docs)))
    return Loaded(tuple(plans), tuple(problems))


def symlink_problems(folder: Path, root: Path) -> list[Problem]:
    """Every symbolic link under `folder`: refused, because a link can publish a file from
    outside the repository (`.git/config`, `/etc/...`) as if it were a page or a plan."""
    found = []
    for here, dirs, files in os.walk(folder):
        for name in sorted(dirs + files):
            path = Path(here) / name
            if path.is_symlink():
                found.append(Problem(
                    display_path(path, root), 1, 1, "",
                    f"`{display_path(path, root)}` is a symbolic link (to `{os.readlink(path)}`); links are not "
                    "published.",
                    "Replace the link with a copy of the file (or folder), or delete it: a link could "
                    "publish files from outside the repository."))
    return found


def _is_yaml(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in (".yaml", ".yml")


def _no_plan_file(folder: Path, root: Path) -> Problem:
    others = sorted(p.name for p in folder.iterdir() if _is_yaml(p) and p.stem.lower() == "plan")
    if others:
        return Problem(display_path(folder / others[0], root), 1, 1, "",
                       f"The plan file is named `{others[0]}`; it must be `plan.yaml` (lower case).",
                       f"Rename `{others[0]}` to `plan.yaml`; files with other names are not read.")
    return Problem(
        display_path(folder, root),
        1,
        1,
        "plan.yaml",
        f"The plan folder {folder.name!r} has no plan.yaml.",
        "Every folder in plans/ needs a plan.yaml; remove the folder if it is not a plan.",
    )


def _misnamed(path: Path, root: Path) -> Problem:
    wanted = path.stem + ".yaml"
    return Problem(display_path(path, root), 1, 1, "",
                   f"`{path.name}` is not read: update files end in `.yaml` (lower case).",
                   f"Rename it to `{wanted}`.")


MAX_FILE_BYTES = 5_000_000
"""The largest plan or update file read (the largest real plan is about 35 KB)."""
MAX_DEPTH = 40
"""How deeply lists and fields may nest (real plans nest about 8 levels)."""


def load_document(path: Path, root: Path, problems: list[Problem]) -> Document | None:
    """Read one YAML file; on failure add a problem and return None."""
    name = display_path(path, root)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        problems.append(Problem(name, 1, 1, "", f"The file is too large to be a plan or update file "
                                f"({size / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB).",
                                "Check that the right file was saved here; split a very long plan into several."))
        return None
    raw = path.read_bytes()
    text = _decode(raw, name, problems)
    if text is None:
        return None
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        problems.append(_empty(name))
        return None
    if _tabs(text, name, problems) or _nbsp(text, name, problems) or _raw_controls(text, name, problems):
        return None
    read = read_yaml(text, name, problems)
    if read is None:
        return None
    data, marks = read
    return Document(path, name, data, marks, text)


def _empty(name: str) -> Problem:
    return Problem(name, 1, 1, "", "The file is empty.",
                   "Fill it in (copy an existing file as a starting point). If the file was published, restore its "
                   f"text with `git restore {name}`: a published file is never emptied or deleted.")



def _decode(raw: bytes, name: str, problems: list[Problem]) -> str | None:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        problems.append(
            Problem(
                name,
                line,
                column,
                "",
                f"The file is not saved as UTF-8 (byte 0x{raw[exc.start]:02x} cannot be read).",
                "Save the file with UTF-8 encoding; curly quotes and dashes pasted from Word "
                "or Excel are the usual cause.",
            )
        )
        return None


def _tabs(text: str, name: str, problems: list[Problem]) -> bool:
    found = False
    for number, line in enumerate(text.splitlines(), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            found = True
            problems.append(
                Problem(
                    name,
                    number,
                    line.index("\t") + 1,
                    "",
                    "A tab is used for indentation; YAML only allows spaces.",
                    "Replace the tab with spaces (two per level, lined up with the lines above).",
                )
            )
    return found


def _nbsp(text: str, name: str, problems: list[Problem]) -> bool:
    found = syntax.nbsp_lines(text) if "\u00a0" in text else []
    problems.extend(Problem(name, line, column, "", syntax.NBSP_MESSAGE, syntax.NBSP_HINT) for line, column in found)
    return bool(found)


def _syntax_problem(exc: yaml.MarkedYAMLError, name: str, text: str) -> Problem:
    explained = syntax.explain(text, exc)
    return Problem(name, explained.line, explained.column, "", explained.message, explained.hint)


def _raw_controls(text: str, name: str, problems: list[Problem]) -> bool:
    if not _RAW_CONTROL.search(text):
        return False
    found = False
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _RAW_CONTROL.finditer(line):
            found = True
            problems.append(_control_problem(name, number, match.start() + 1, "", match.group(0)))
    return found


def _control_problem(name: str, line: int, column: int, where: str, char: str) -> Problem:
    return Problem(name, line, column, where,
                   f"The text holds an invisible control character (U+{ord(char):04X}), which cannot be published.",
                   "Delete it: it usually comes with text pasted from another program. In quoted text, a "
                   "backslash escape such as `\\a` or `\\x07` also makes one.")


@dataclass
class _Open:
    """A list or a set of fields being read."""

    value: list[Any] | dict[str, Any]
    key: PathKey
    keep: bool
    """False for what is read only to be dropped (the second of two fields with the same name)."""
    field: str | None = None
    """In a set of fields: the name just read, whose value comes next."""
    field_kept: bool = True
    flow: bool = False
    """Written on one line in brackets (`[a, b]`), so its closing bracket is its last character."""


@dataclass
class Spans:
    """Where each value (and each field's name) is in the text, as character offsets: what an
    edit in place needs (`generator.spreadsheets.rewrite`)."""

    start: dict[PathKey, int] = field(default_factory=dict)
    """The value's first character."""
    end: dict[PathKey, int] = field(default_factory=dict)
    """Just after the value's last character (trailing blank lines and comments not included)."""
    key: dict[PathKey, int] = field(default_factory=dict)
    """The first character of the field name a value belongs to."""

    def reach(self, where: PathKey, end: int) -> None:
        """`where` and every value holding it end at `end` or later."""
        for depth in range(len(where) + 1):
            part = where[:depth]
            if self.end.get(part, -1) < end:
                self.end[part] = end


class _Stop(Exception):
    """The file cannot be read further."""


class _Reader:
    """Builds plain values from the parser's events in one pass, with the line and column of
    each value, so hostile input costs no more than its length: aliases (`*name`) and explicit
    tags (`!!bool`) are refused, and nesting deeper than `MAX_DEPTH` stops the read."""

    def __init__(self, name: str, problems: list[Problem], spans: Spans | None = None) -> None:
        self.name = name
        self.problems = problems
        self.spans = spans
        self.text = ""
        self.marks: dict[PathKey, tuple[int, int]] = {}
        self.stack: list[_Open] = []
        self.result: list[Any] = []
        self.on: dict[type, Any] = {
            yaml.ScalarEvent: self._scalar, yaml.MappingStartEvent: self._start, yaml.SequenceStartEvent: self._start,
            yaml.MappingEndEvent: self._end, yaml.SequenceEndEvent: self._end, yaml.AliasEvent: self._alias,
            yaml.DocumentStartEvent: self._document,
        }

    def read(self, text: str) -> tuple[Any, dict[PathKey, tuple[int, int]]] | None:
        on = self.on
        self.text = text
        try:
            for event in yaml.parse(text, Loader=_Parser):
                handle = on.get(event.__class__)
                if handle is not None:
                    handle(event)
        except yaml.MarkedYAMLError as exc:
            self.problems.append(_syntax_problem(exc, self.name, text))
            return None
        except yaml.YAMLError as exc:  # a reader error without a position
            self.problems.append(Problem(self.name, 1, 1, "", f"This is not valid YAML: {exc}.",
                                         "Check the file's text."))
            return None
        except _Stop:
            return None
        if not self.result:
            self.problems.append(_empty(self.name))
            return None
        return self.result[0], self.marks

    # --- events -------------------------------------------------------------------------

    def _document(self, event: yaml.DocumentStartEvent) -> None:
        if self.result:
            self._problem(event, "", "The file holds more than one YAML document.",
                          "Remove the `---` line that starts the second one.")
            raise _Stop

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        where, keep = self._place(event)
        value = _typed(event)
        if isinstance(value, str) and (bad := _CONTROL.search(value)):
            self.problems.append(_control_problem(self.name, *_position(event), field_name(where), bad.group(0)))
        if self.spans is not None and keep and event.end_mark is not None:
            end = event.end_mark.index
            if event.style in ("|", ">"):  # a block ends at its last character, not after the blank lines
                end = len(self.text[:end].rstrip())
            self.spans.reach(where, end)
        self._add(value, keep, event)

    def _start(self, event: yaml.CollectionStartEvent) -> None:
        where, keep = self._place(event)
        if len(self.stack) >= MAX_DEPTH:
            self._problem(event, "", f"Lists and fields are nested more than {MAX_DEPTH} levels "
                          "deep here.", "Check the indentation; no plan or update needs this many levels.")
            raise _Stop
        value: list[Any] | dict[str, Any] = {} if event.__class__ is yaml.MappingStartEvent else []
        self.stack.append(_Open(value, where, keep, flow=bool(event.flow_style)))

    def _end(self, event: yaml.CollectionEndEvent) -> None:
        done = self.stack.pop()
        if self.spans is not None and done.keep and done.flow and event.end_mark is not None:
            self.spans.reach(done.key, event.end_mark.index)
        self._add(done.value, done.keep, event)

    def _alias(self, event: yaml.AliasEvent) -> None:
        where, _ = self._place(event)
        self._problem(event, field_name(where), f"`*{event.anchor}` repeats another value by reference (a YAML alias).",
                      f"Write the value out in full here; aliases (`&{event.anchor}` and `*{event.anchor}`) are "
                      "not allowed in plan files.")
        self._add(None, False, event)

    # --- helpers ------------------------------------------------------------------------

    def _place(self, event: yaml.NodeEvent) -> tuple[PathKey, bool]:
        """Where the value starting at `event` goes and whether it is kept; marks its position
        and refuses an explicit tag."""
        top = self.stack[-1] if self.stack else None
        where: PathKey
        if top is None:
            where, keep, is_value = (), True, True
        elif top.value.__class__ is list:
            where, keep, is_value = (*top.key, len(top.value)), top.keep, True
        elif top.field is None:
            where, keep, is_value = top.key, False, False  # a field name
        else:
            where, keep, is_value = (*top.key, top.field), top.keep and top.field_kept, True
        if is_value and keep:
            self.marks[where] = _position(event)
            if self.spans is not None and event.start_mark is not None:
                self.spans.start[where] = event.start_mark.index
        tag = getattr(event, "tag", None)
        if tag is not None:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            self._problem(event, field_name(where), f"`{shown}` sets the type of this value by hand (a YAML tag).",
                          f"Delete `{shown}`: the generator reads numbers, true/false and text itself; wrap text "
                          "in quotes if it could be read as something else.")
        return where, keep

    def _add(self, value: Any, keep: bool, event: yaml.Event) -> None:
        if not self.stack:
            self.result.append(value)
            return
        top = self.stack[-1]
        fields = top.value
        if isinstance(fields, list):
            if keep:
                fields.append(value)
            return
        if top.field is None:
            self._field_name(top, fields, value, event)
            return
        if keep:
            fields[top.field] = value
        top.field, top.field_kept = None, True

    def _field_name(self, top: _Open, fields: dict[str, Any], value: Any, event: yaml.Event) -> None:
        if isinstance(value, dict | list):
            self._problem(event, field_name(top.key), "A field name must be a word, not a list or a set of fields.",
                          "Write `name: value`, one field per line.")
        name = "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
        top.field, top.field_kept = name, name not in fields
        if self.spans is not None and top.field_kept and event.start_mark is not None:
            self.spans.key[(*top.key, name)] = event.start_mark.index
        if not top.field_kept and top.keep:
            self._problem(event, field_name((*top.key, name)), f"The field {name!r} appears twice here.",
                          "Keep one of them; the second would silently replace the first.")

    def _problem(self, event: yaml.Event, where: str, message: str, hint: str) -> None:
        self.problems.append(Problem(self.name, *_position(event), where, message, hint))


def _position(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def read_yaml(text: str, name: str, problems: list[Problem],
              spans: Spans | None = None) -> tuple[Any, dict[PathKey, tuple[int, int]]] | None:
    """The values of one YAML document and the line and column of each (see `_Reader`), and
    with `spans` where each value is in the text. Problems are added to `problems`; None when
    the file cannot be read at all."""
    return _Reader(name, problems, spans).read(text)


_MAY_BE_TYPED = frozenset("tTfF-+0123456789~nN")


def _typed(event: yaml.ScalarEvent) -> Any:
    value: str = event.value
    if event.tag is not None or not event.implicit[0]:
        return value  # quoted, a block, or tagged (refused): text
    if value and value[0] not in _MAY_BE_TYPED:
        return value  # the usual case: words
    for tag, pattern in _IMPLICIT:
        if pattern.match(value):
            if tag == "null":
                return None
            if tag == "bool":
                return value.lower() == "true"
            return int(value)
    return value


def _field(key: PathKey) -> str:
    """Render a path as editors write it: `recommendations[0].actions[2].lead`."""
    out = ""
    for part in key:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


field_name = _field
