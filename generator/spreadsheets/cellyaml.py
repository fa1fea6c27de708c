"""YAML held in cells, and lists held in one cell: notes one per line, evidence as `title |
url` lines, what is missing as `deadline, lead`, and the same YAML style editors write.

YAML from a cell is read with the plan files' own reader and limits: a cell is hostile input
too (an alias bomb or text nested thousands deep).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import yaml

from generator import schema
from generator.load import read_yaml
from generator.problems import Problem

_NUMERIC = re.compile(r"^[0-9][0-9.-]*$")


def to_yaml(data: Any) -> str:
    """YAML as editors write it: keys in order, lists indented, multi-line text as `|` blocks."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1_000_000,
                     default_flow_style=False)


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def choose_scalar_style(self) -> str:
        style = str(super().choose_scalar_style())
        return '"' if style == "'" else style  # quote as the plan files do


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = '"' if _NUMERIC.match(data) else None  # ids such as "1-3" and "14", quoted as the plan files write them
    if "\n" in data:
        # The plan loader rejects tabs in indentation, so text with a tab starting a line is quoted.
        style = '"' if data.startswith("\t") or "\n\t" in data else "|"
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _represent_str)


def encode_list(items: Sequence[str]) -> str | None:
    """Notes in one cell: one per line, or as a YAML list when an entry spans lines."""
    if not items:
        return None
    if all(_plain_line(item) for item in items):
        return "\n".join(items)
    return to_yaml(list(items))


def decode_list(text: str) -> list[str]:
    """The entries of a notes cell written by `encode_list` or typed one per line."""
    parsed = _yaml_list(text)
    if parsed is not None and all(isinstance(item, str) for item in parsed):
        return [str(item) for item in parsed]
    return [line.strip() for line in text.split("\n") if line.strip()]


def encode_evidence(items: Sequence[schema.Evidence]) -> str | None:
    """Evidence in one cell: `title | url` lines, or a YAML list when that would be ambiguous."""
    if not items:
        return None
    if all(_plain_line(e.title) and " | " not in e.title and (e.url is None or _plain_line(e.url))
           for e in items):
        return "\n".join(e.title if e.url is None else f"{e.title} | {e.url}" for e in items)
    return to_yaml([e.model_dump(exclude_none=True) for e in items])


def decode_evidence(text: str) -> list[Any]:
    """The evidence in a cell written by `encode_evidence` or typed as `title | url` lines."""
    parsed = _yaml_list(text)
    if parsed is not None and all(isinstance(item, dict) for item in parsed):
        return parsed
    found: list[Any] = []
    for line in (line.strip() for line in text.split("\n")):
        if line:
            title, bar, url = line.rpartition(" | ")
            found.append({"title": title, "url": url} if bar else {"title": line})
    return found


def encode_missing(items: Sequence[str]) -> str | None:
    """What is missing from the source, as `deadline, lead`."""
    return ", ".join(items) if items else None


def _plain_line(text: str) -> bool:
    return bool(text) and "\n" not in text and text == text.strip() and not text.startswith("- ")


def _yaml_list(text: str) -> list[Any] | None:
    if not text.startswith("- "):
        return None
    parsed = cell_yaml(text)
    return parsed if isinstance(parsed, list) else None


def cell_yaml(text: str) -> Any:
    """YAML held in cells, read as carefully as plan files (a cell is hostile input too); None
    when it cannot be read."""
    problems: list[Problem] = []
    read = read_yaml(text, "", problems)
    return None if read is None or problems else read[0]


