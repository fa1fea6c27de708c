"""Stage 1, load: read every YAML file under `plans/`, keeping the line and column of each value.

Nothing here judges the data's meaning; it only turns bytes into plain Python values and
reports files that cannot be read at all (encoding, tabs, YAML syntax, empty files).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from generator.problems import Problem

PathKey = tuple[str | int, ...]
"""Where a value sits in a document, e.g. `("recommendations", 0, "actions", 2, "lead")`."""

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """YAML with fewer surprises for editors: only `true`/`false` are booleans, only plain
    whole numbers are numbers, and dates and decimals stay as the text that was typed."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}


_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


@dataclass(frozen=True)
class Document:
    """One YAML file as plain values, with the position of every value and key."""

    path: Path
    name: str
    data: Any
    marks: dict[PathKey, tuple[int, int]] = field(repr=False)

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
    problems: list[Problem] = []
    plans = []
    for folder in sorted(p for p in plans_dir.iterdir() if p.is_dir()):
        plan_file = folder / "plan.yaml"
        plan_doc = None
        if plan_file.exists():
            plan_doc = load_document(plan_file, root, problems)
        else:
            problems.append(
                Problem(
                    _display(folder, root),
                    1,
                    1,
                    "plan.yaml",
                    f"The plan folder {folder.name!r} has no plan.yaml.",
                    "Every folder in plans/ needs a plan.yaml; remove the folder if it is not a plan.",
                )
            )
        updates_dir = folder / "updates"
        update_docs = []
        if updates_dir.is_dir():
            for update_file in sorted(updates_dir.glob("*.y*ml")):
                doc = load_document(update_file, root, problems)
                if doc is not None:
                    update_docs.append(doc)
        plans.append(PlanFiles(folder, plan_doc, tuple(update_docs)))
    return Loaded(tuple(plans), tuple(problems))


def load_document(path: Path, root: Path, problems: list[Problem]) -> Document | None:
    """Read one YAML file; on failure add a problem and return None."""
    name = _display(path, root)
    raw = path.read_bytes()
    text = _decode(raw, name, problems)
    if text is None:
        return None
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        problems.append(
            Problem(
                name,
                1,
                1,
                "",
                "The file is empty.",
                "Fill it in (copy an existing file as a starting point) or delete it.",
            )
        )
        return None
    if _tabs(text, name, problems):
        return None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        problems.append(_syntax_problem(exc, name))
        return None
    if node is None:
        problems.append(Problem(name, 1, 1, "", "The file is empty.", "Fill it in or delete it."))
        return None
    marks: dict[PathKey, tuple[int, int]] = {}
    data = _construct(node, (), marks, name, problems)
    return Document(path, name, data, marks)


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


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


def _syntax_problem(exc: yaml.MarkedYAMLError, name: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    what = (exc.problem or "the YAML cannot be read").rstrip(".")
    return Problem(
        name,
        line,
        column,
        "",
        f"This is not valid YAML: {what}.",
        "Check the line above too. Text containing a colon followed by a space, or starting "
        "with a quote, [, {, *, & or #, must be wrapped in quotes; long text is easiest as a "
        "block: `field: |` with the text indented on the next lines.",
    )


def _construct(
    node: yaml.Node,
    key: PathKey,
    marks: dict[PathKey, tuple[int, int]],
    name: str,
    problems: list[Problem],
) -> Any:
    marks[key] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            child = str(key_node.value)
            if child in result:
                problems.append(
                    Problem(
                        name,
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                        _field((*key, child)),
                        f"The field {child!r} appears twice here.",
                        "Keep one of them; the second would silently replace the first.",
                    )
                )
                continue
            result[child] = _construct(value_node, (*key, child), marks, name, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _construct(item, (*key, index), marks, name, problems)
            for index, item in enumerate(node.value)
        ]
    return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    value = node.value
    if node.tag == "tag:yaml.org,2002:null":
        return None
    if node.tag == "tag:yaml.org,2002:bool":
        return value.lower() == "true"
    if node.tag == "tag:yaml.org,2002:int":
        return int(value)
    return value


def _field(key: PathKey) -> str:
    """Render a path as editors write it: `recommendations[0].actions[2].lead`."""
    out = ""
    for part in key:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


field_name = _field
