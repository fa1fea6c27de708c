"""JSON Schemas for the plan and update files, generated from the schema's docstrings.

Editors' tools (VS Code with the YAML extension, and others) read the
`# yaml-language-server: $schema=…` line at the top of each file to autocomplete fields and
underline mistakes as the editor types.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator import schema

SCHEMAS: dict[str, type[BaseModel]] = {"plan.schema.json": schema.Plan, "update.schema.json": schema.Update}
PLAN_LINE = "# yaml-language-server: $schema=../plan.schema.json"
UPDATE_LINE = "# yaml-language-server: $schema=../../update.schema.json"


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema of one file type. Text fields also accept whole numbers, as the
    validator does (`deadline: 2022` is read as the text "2022")."""
    result = model.model_json_schema()
    result["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    converted: dict[str, Any] = _allow_numbers_as_text(result)
    return converted


def _allow_numbers_as_text(node: Any) -> Any:
    if isinstance(node, dict):
        out = {key: _allow_numbers_as_text(value) for key, value in node.items()}
        if out.get("type") == "string" and "enum" not in out:
            out["type"] = ["string", "integer"]
        return out
    if isinstance(node, list):
        return [_allow_numbers_as_text(value) for value in node]
    return node


def schema_texts() -> dict[str, str]:
    """File name → JSON text, stable byte for byte."""
    return {name: json.dumps(json_schema(model), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
            for name, model in SCHEMAS.items()}


def write_schemas(plans_dir: Path) -> list[Path]:
    """Write the schemas next to the plan folders, where every YAML file's first line points."""
    written = []
    for name, content in schema_texts().items():
        path = plans_dir / name
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written
