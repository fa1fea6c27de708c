"""Print problems for people and tools: plain text, `file:line:col` lines, GitHub annotations, JSON."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable

from generator.problems import Problem

FORMATS = ("text", "lines", "github", "json")


def default_format() -> str:
    """GitHub annotations under GitHub Actions, plain text everywhere else."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def render(problems: Iterable[Problem], fmt: str) -> str:
    """Format problems in one of `FORMATS`."""
    items = sorted(problems)
    if fmt == "json":
        return json.dumps([_as_dict(p) for p in items], indent=2, ensure_ascii=False) + "\n"
    if fmt == "github":
        return "".join(_github(p) + "\n" for p in items)
    if fmt == "lines":
        return "".join(_line(p) + "\n" for p in items)
    return "".join(_text(p) for p in items) + _summary(items)


def _as_dict(p: Problem) -> dict[str, object]:
    return {
        "file": p.file,
        "line": p.line,
        "column": p.column,
        "field": p.field,
        "severity": p.severity.value,
        "message": p.message,
        "hint": p.hint,
        "rule": p.rule,
        "form": p.form,
    }


def _line(p: Problem) -> str:
    hint = f" ({p.hint})" if p.hint else ""
    rule = f" [{p.rule}]" if p.rule else ""
    return f"{p.file}:{p.line}:{p.column}: {p.severity.value}: {p.message}{hint}{_in_form(p)}{rule}"


def _in_form(p: Problem) -> str:
    return f" In the editing form: {p.form}." if p.form else ""


def _github(p: Problem) -> str:
    kind = "error" if p.is_error else "warning"
    text = _github_data(p.message + (f" {p.hint}" if p.hint else "") + _in_form(p))
    file, title = _github_property(p.file), _github_property(p.rule or p.field or "plan data")
    return f"::{kind} file={file},line={p.line},col={p.column},title={title}::{text}"


def _github_data(text: str) -> str:
    """GitHub's escaping of a workflow command's message: a newline in a file or folder name
    must not start a command of its own (`::set-output`, `::add-mask`, …)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    """GitHub's escaping of a workflow command's property (`file=…`, `title=…`)."""
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def _text(p: Problem) -> str:
    where = f"{p.file}:{p.line}:{p.column}"
    label = "Error" if p.is_error else f"Warning ({p.rule})" if p.rule else "Warning"
    lines = [f"{label} in {where}" + (f" ({p.field})" if p.field else ""), f"  {p.message}"]
    if p.hint:
        lines.append(f"  Hint: {p.hint}")
    if p.form:
        lines.append(f"  In the editing form: {p.form}")
    return "\n".join(lines) + "\n\n"


def _summary(items: list[Problem]) -> str:
    errors = sum(1 for p in items if p.is_error)
    warnings = len(items) - errors
    if not items:
        return "No problems found.\n"
    return f"{_count(errors, 'error')} and {_count(warnings, 'warning')}.\n"


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")
