"""YAML syntax errors explained by what most likely happened, at the line where it happened.

The YAML parser reports where it gave up, in its own terms ("mapping values are not allowed in
this context" covers an over-indented line, text with a colon in it and text pasted with curly
quotes; a missing colon is reported on the line after). Here the parser's error and the lines
around it are read the way an editor would, to name the likely mistake and point at its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import yaml
from pydantic import BaseModel

from generator import schema

_KEY = re.compile(r"^(?P<indent> *)(?:(?P<dash>-) +)?(?P<key>[^\s:#'\"\[\]{}&*!|>%@`,-][^:#]*?) *:(?: |$)")
"""A `field: value` line (or a list entry starting with one): its indent and field name."""
_CURLY = "“”‘’„‟«»"
_NBSP = re.compile(r"^[ \u00a0]*\u00a0|^ *(?:- +)?[A-Za-z_][\w-]*(?:\u00a0+:|:\u00a0)|^ *-\u00a0")
"""A non-breaking space where YAML needs an ordinary one: in the indentation, around a field's
colon, or after a list entry's `-` (inside text it is harmless and kept)."""
_QUOTING = ("Wrap the whole text in double quotes, or write it as a block: `|-` after the field name and the text "
            "on the next lines, indented two spaces more than the field.")


@dataclass(frozen=True)
class Explained:
    """A syntax error as an editor can act on it."""

    line: int
    column: int
    message: str
    hint: str


def nbsp_lines(text: str) -> list[tuple[int, int]]:
    """(line, column), 1-based, of each non-breaking space that YAML would not read as a space."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        if "\u00a0" in line and _NBSP.match(line):
            found.append((number, line.index("\u00a0") + 1))
    return found


NBSP_MESSAGE = ("A non-breaking space (usually pasted from Word, Outlook or a web page) is used here where YAML "
                "needs an ordinary space.")
NBSP_HINT = ("Delete the spaces at the start of the line and around the colon, and type them again with the space "
             "bar.")


def explain(text: str, exc: yaml.MarkedYAMLError) -> Explained:
    """What most likely went wrong, and where."""
    lines = text.split("\n")
    problem, context = exc.problem or "", exc.context or ""
    at = exc.problem_mark or exc.context_mark
    line, column = (at.line, at.column) if at else (0, 0)
    start = exc.context_mark
    for rule in _RULES:
        found = rule(_Error(lines, problem, context, line, column, start.line if start else None,
                            start.column if start else None))
        if found is not None:
            return found
    what = problem.rstrip(".") or "the YAML cannot be read"
    return Explained(line + 1, column + 1, f"This is not valid YAML: {what}.",
                     "Check this line and the one above. " + _QUOTING)


@dataclass(frozen=True)
class _Error:
    lines: list[str]
    problem: str
    context: str
    line: int
    column: int
    start_line: int | None
    start_column: int | None

    def text(self, number: int) -> str:
        return self.lines[number] if 0 <= number < len(self.lines) else ""

    def at(self, line: int, column: int, message: str, hint: str) -> Explained:
        return Explained(line + 1, column + 1, message, hint)

    def previous_content(self, before: int) -> int | None:
        """The last line before `before` that holds more than spaces or a comment."""
        for number in range(before - 1, -1, -1):
            stripped = self.text(number).strip()
            if stripped and not stripped.startswith("#"):
                return number
        return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_column(line: str) -> tuple[int, str] | None:
    """Where a `field:` line's field name starts, and the name."""
    match = _KEY.match(line)
    if not match:
        return None
    return match.start("key"), match.group("key")


@cache
def _field_names() -> frozenset[str]:
    """Every field name of plan and update files."""
    models = [m for m in vars(schema).values() if isinstance(m, type) and issubclass(m, BaseModel)]
    return frozenset(name for model in models for name in model.model_fields)


def _keys(lines: list[str]) -> set[str]:
    return {found[1] for line in lines if (found := _key_column(line)) is not None}


def _tab(e: _Error) -> Explained | None:
    if "'\\t'" not in e.problem:
        return None
    return e.at(e.line, e.column, "A tab is used here; YAML only allows spaces between a field and its value.",
                "Replace the tab with one space.")


def _nbsp(e: _Error) -> Explained | None:
    for number in (e.start_line, e.line):
        if number is not None and "\u00a0" in e.text(number):
            return e.at(number, e.text(number).index("\u00a0"), NBSP_MESSAGE, NBSP_HINT)
    return None


def _missing_colon(e: _Error) -> Explained | None:
    if "could not find expected ':'" not in e.problem or e.start_line is None:
        return None
    text = e.text(e.start_line)
    words = text.strip().removeprefix("- ").split(None, 1)
    if len(words) == 2 and (words[0] in _field_names() or words[0] in _keys(e.lines)):
        return e.at(e.start_line, _indent(text), f"The field `{words[0]}` has no colon after its name.",
                    f"Write `{words[0]}: {words[1]}`, with a colon and a space after the field name.")
    return e.at(e.start_line, _indent(text), "This line has no colon, so it is neither a field (`name: value`) nor "
                "part of the text above.",
                "If it is a field, add a colon and a space after its name. If it continues the text on the line "
                "above, indent it further than that line's field name, or write that text as a block: `|-` after "
                "the field name and the text on the next lines.")


def _mapping_values(e: _Error) -> Explained | None:
    if "mapping values are not allowed" not in e.problem:
        return None
    text = e.text(e.line)
    quote = next((c for c in text[: e.column] if c in _CURLY), None)
    if quote is not None:
        return e.at(e.line, text.index(quote), f"The text starts with a curly quote ({quote}), which YAML reads as an "
                    "ordinary letter, so the colon and space inside the text look like the start of a new field.",
                    "Replace the curly quotes with straight ones, \"…\", or write the text as a block: `|-` after "
                    "the field name and the text on the next lines, indented.")
    here = _key_column(text)
    above = e.previous_content(e.line)
    if here is not None and here[0] + len(here[1]) == e.column and above is not None:
        before = _key_column(e.text(above))
        if before is not None and here[0] > before[0]:
            return e.at(e.line, here[0], f"`{here[1]}:` is indented more than `{before[1]}:` on the line above, so "
                        f"YAML reads it as part of the text of `{before[1]}`.",
                        f"Line up `{here[1]}:` with `{before[1]}:`: the same number of spaces before it.")
    field = f" after `{here[1]}:`" if here is not None else ""
    words = re.search(r"(\S*)$", text[: e.column])
    after = re.match(r":\s*(\S*)", text[e.column:])
    snippet = f"{words.group(1) if words else ''}: {after.group(1) if after else ''}".strip()
    return e.at(e.line, e.column, f"The text{field} holds a colon followed by a space (`{snippet}`), which YAML "
                "reads as the start of another field on this line.", _QUOTING)


def _unclosed_quote(e: _Error) -> Explained | None:
    if "quoted scalar" not in e.context or e.start_line is None or e.start_column is None:
        return None
    return e.at(e.start_line, e.start_column, "The quote that starts here is never closed.",
                "Add the closing quote at the end of the text, or remove the opening one. " + _QUOTING)


def _special_start(e: _Error) -> Explained | None:
    if "alias" in e.context or "anchor" in e.context or "cannot start any token" in e.problem:
        column = e.start_column if e.start_line == e.line and e.start_column is not None else e.column
        char = e.text(e.line)[column: column + 1] or "?"
        return e.at(e.line, column, f"Text cannot start with `{char}` unless it is wrapped in quotes (YAML gives "
                    f"`{char}` a meaning of its own).", _QUOTING)
    if "block scalar" in e.context:
        return e.at(e.line, e.column, "After `|` (or `>`) the text starts on the next line, not on this one.",
                    "Move the text to the next line and indent it two spaces more than the field name.")
    return None


def _expected_key(e: _Error) -> Explained | None:
    if "did not find expected key" not in e.problem:
        return None
    text = e.text(e.line)
    before = text[: e.column].rstrip()
    if before and before[-1] in "\"'":
        quote = before[-1]
        return e.at(e.line, e.column, f"The text starts with a quote ({quote}), so YAML takes it to end at the next "
                    f"{quote}, but the text goes on after it.",
                    ("An apostrophe inside single quotes is written twice (`'It''s done'`). " if quote == "'" else "")
                    + _QUOTING)
    if before and before[-1] in "]}":
        opening = min((i for i in (text.find("["), text.find("{")) if i >= 0), default=e.column)
        return e.at(e.line, opening, "Text that starts with `[` or `{` must be wrapped in quotes (YAML reads it as "
                    "a list or a set of fields).", _QUOTING)
    for number in range(e.start_line or 0, e.line + 1):
        dashed = re.match(r"^( *)-[^\s-]", e.text(number))
        if dashed:
            return e.at(number, len(dashed.group(1)), "A `-` that starts a list entry needs a space after it.",
                        f"Write `- {e.text(number).strip()[1:]}`.")
    if text.lstrip().startswith("- "):
        return _misaligned_entry(e, text)
    if text.lstrip().startswith(":"):
        return e.at(e.line, _indent(text), "This line starts with a colon: the field name before it is missing.",
                    "Write the field's name before the colon, e.g. `title: …`.")
    return _less_indented(e, text)


def _misaligned_entry(e: _Error, text: str) -> Explained:
    dashes = [_indent(e.text(n)) for n in range(e.line - 1, -1, -1) if e.text(n).lstrip().startswith("- ")]
    wanted = next((d for d in dashes if d != _indent(text)), None)
    where = f", {wanted} spaces from the left" if wanted is not None else ""
    return e.at(e.line, _indent(text), "This list entry is not lined up with the entries above it.",
                f"Put its `-` in the same column as the `-` of the entries above{where}.")


def _less_indented(e: _Error, text: str) -> Explained | None:
    above = e.previous_content(e.line)
    if above is None or not text.strip():
        return None
    line_above = e.text(above)
    key = _key_column(line_above)
    comment = re.search(r"\s#", line_above[key[0] + len(key[1]) + 1:]) if key else None
    if key is not None and comment is not None and _indent(text) > key[0]:
        column = key[0] + len(key[1]) + 1 + comment.start() + 1
        return e.at(above, column, f"The text of `{key[1]}` is cut at `{line_above[column:].strip()}`: YAML reads a "
                    "space followed by `#` as the start of a comment, so the next line cannot continue the text.",
                    _QUOTING)
    opener = next((n for n in range(above, -1, -1) if e.text(n).strip() and _indent(e.text(n)) < _indent(text)),
                  None)
    if opener is not None and re.search(r":\s*[|>][-+]?\s*$", e.text(opener)):
        field = (_key_column(e.text(opener)) or (0, "the field"))[1]
        return e.at(e.line, _indent(text), f"This line is indented less than the text block of `{field}` above it, "
                    "so YAML cannot tell where it belongs.",
                    "Indent every line of the block by the same number of spaces, at least two more than the field "
                    "name.")
    return e.at(e.line, _indent(text), "This line is not lined up with the lines above it, so YAML cannot tell "
                "where it belongs.", "Line it up with the field it belongs with, with the same number of spaces "
                "before it, or indent it two spaces more than the field it belongs under.")


def _expected_dash(e: _Error) -> Explained | None:
    if "expected '-' indicator" not in e.problem:
        return None
    text = e.text(e.line)
    if text.lstrip().startswith("- "):
        return _misaligned_entry(e, text)
    here = _key_column(text)
    for number in range(e.line - 1, -1, -1):
        found = _key_column(e.text(number))
        if found is not None and (here is None or found[0] != here[0]):
            name = f"`{here[1]}:`" if here else "This line"
            return e.at(e.line, _indent(text), f"{name} is indented {_indent(text)} spaces, but the fields of the "
                        f"list entry above are indented {found[0]} (`{found[1]}:` on line {number + 1}).",
                        f"Line it up with `{found[1]}:`, or start a new list entry with `- `.")
    return _misaligned_entry(e, text)


_RULES = (_tab, _nbsp, _missing_colon, _mapping_values, _unclosed_quote, _special_start, _expected_key,
          _expected_dash)
