"""Problems named as the editing interface shows them: beside the file, line and field, the
form field an editor who works in the browser changes ("Activities and Key milestones › Key
milestone 1-4 › % complete")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from generator.cms.form import form_label
from generator.load import Document, Loaded, PathKey
from generator.model import Plan, Site
from generator.problems import Problem

_PART = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


def path_of(field: str) -> PathKey | None:
    """`progress[3].commentary` as a path of keys; None for text that is not a field's path."""
    parts: list[str | int] = []
    position = 0
    for match in _PART.finditer(field):
        if match.start() != position:
            return None
        index, name = match.groups()
        parts.append(int(index) if index is not None else name)
        position = match.end()
    return tuple(parts) if parts and position == len(field) else None


def with_form_fields(problems: Iterable[Problem], loaded: Loaded, site: Site | None) -> list[Problem]:
    """Each problem about a value the forms edit, with that form field's name added (`form`)."""
    documents: dict[str, tuple[Document, bool, str]] = {}
    for files in loaded.plans:
        if files.plan is not None:
            documents[files.plan.name] = (files.plan, True, files.folder.name)
        for doc in files.updates:
            documents[doc.name] = (doc, False, files.folder.name)
    plans: dict[str, Plan] = {plan.file.parent.name: plan for plan in site.plans} if site else {}
    result = []
    for problem in problems:
        found = documents.get(problem.file)
        path = path_of(problem.field) if problem.field else None
        if found is None or path is None:
            result.append(problem)
            continue
        doc, is_plan, folder = found
        label = form_label("plan" if is_plan else "update", path, plans.get(folder), doc.data)
        result.append(replace(problem, form=label) if label else problem)
    return result
