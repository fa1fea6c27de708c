"""The editing form for plan and update files: which fields it shows, how each is labelled and
checked, and the help beside it (each field's docstring in `generator.schema`).

One definition serves the CMS configuration (`generator.cms.config`) and `form_label`, which
names the form field that edits a place in a file (for messages that point editors at the form
as well as at the file and line).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from generator import schema
from generator.cms.entries import entry_reference
from generator.load import PathKey
from generator.model import Plan

FileKind = Literal["plan", "update"]
"""The two kinds of file editors change: a plan (`plan.yaml`) and a quarterly update."""

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
"""The same rule as `schema.Slug`, for ids typed into the form."""
URL_PATTERN = r"^https?://\S+$"


@dataclass(frozen=True)
class FormField:
    """One field of the form, mapped to one key of the file."""

    name: str
    """The key in the YAML file."""
    label: str
    """What the form calls it; `{recommendations}` and the like are the plan's own words."""
    widget: str
    """The Decap CMS widget: `string`, `text`, `number`, `select`, `list` and `hidden`, or ours:
    `plans-readonly` (shown, never changed), `plans-item` (a plan item's reference and text,
    read-only) and `plans-id` (typed once for a new entry, then read-only)."""
    model: type[BaseModel] | None = None
    """The schema class whose docstring for `name` is the field's help text."""
    required: bool = False
    options: Mapping[str, Any] = field(default_factory=dict)
    """Other settings of the widget, e.g. `min` and `max`, or `allow_add` for a list."""
    fields: tuple[FormField, ...] = ()
    """For a list of entries: the fields of one entry."""
    single: FormField | None = None
    """For a list of single values, e.g. transcription notes: the field of one value."""
    names: str = ""
    """For a list of a plan's items: which kind (`recommendation`, `action`, `milestone` or
    `progress`), so messages and summaries name each entry in the plan's words."""
    summary: str = "{{fields._summary}}"
    """For a list of entries: each closed entry's one line (Decap's template; `_summary` is the
    item's reference and text, and its status, worked out in the browser: admin/src/widgets.js)."""

    @property
    def hint(self) -> str:
        """The schema's docstring for this key, as one paragraph."""
        if self.model is None:
            return ""
        info = self.model.model_fields.get(self.name)
        return " ".join((info.description or "").split()) if info else ""

    def labelled(self, terms: schema.Terms | Any) -> str:
        """The label in the plan's own words."""
        return self.label.format(**{name: getattr(terms, name) for name in schema.Terms.model_fields})


LOCKED = {"allow_add": False, "allow_remove": False, "allow_reorder": False}
"""Lists of published entries: no adding, removing or reordering (ids are permanent addresses)."""
NESTED = {**LOCKED, "minimize_collapsed": True}
"""A list inside an entry (a recommendation's actions, an action's milestones): shown as its
count until opened, so that the plan's form need not draw every item when it opens."""
GROWING = {"allow_add": True, "allow_remove": False, "allow_reorder": False}
"""Lists an editor may add to (a new source, a new transcription note), never reorder or delete from."""


def _text(name: str, label: str, model: type[BaseModel], required: bool = False, **options: Any) -> FormField:
    return FormField(name, label, "string", model, required, options)


def _block(name: str, label: str, model: type[BaseModel], required: bool = False) -> FormField:
    return FormField(name, label, "text", model, required)


def _notes(model: type[BaseModel]) -> FormField:
    return FormField("notes", "Transcription notes", "list", model, options=GROWING,
                     single=FormField("note", "Transcription note", "text", required=True))


PROGRESS = FormField(
    "progress", "{actions} and {milestones}", "list", schema.Update, options=LOCKED,
    names="progress", fields=(
        FormField("action", "{action}", "plans-item", schema.Progress),
        FormField("milestone", "{milestone}", "plans-item", schema.Progress),
        FormField("status", "Status", "select", schema.Progress, required=True),
        FormField("percent", "% complete", "number", schema.Progress,
                  options={"value_type": "int", "min": 0, "max": 100, "step": 1}),
        _text("deadline", "Revised deadline (as printed)", schema.Progress),
        _block("commentary", "Commentary", schema.Progress),
    ))

UPDATE_FORM: tuple[FormField, ...] = (
    FormField("period", "Period", "plans-readonly", schema.Update, required=True),
    _text("title", "Title (as printed)", schema.Update, required=True),
    _text("date", "Date (as printed)", schema.Update, required=True),
    _text("covers", "Months covered (as printed)", schema.Update),
    _text("meeting", "Meeting", schema.Update),
    FormField("source", "Source document", "select", schema.Update, required=True),
    _block("summary", "Summary", schema.Update),
    FormField("summaries", "Summary for each {recommendation}", "list", schema.Update, options=LOCKED,
              names="summary", fields=(
                  FormField("recommendation", "{recommendation}", "plans-item", schema.RecommendationSummary),
                  _block("text", "Summary", schema.RecommendationSummary, required=True),
              )),
    PROGRESS,
    _notes(schema.Update),
)
"""The form for a quarterly update file."""

MILESTONES = FormField(
    "milestones", "{milestones}", "list", schema.Action, options=NESTED, names="milestone", fields=(
        FormField("id", "{milestone}", "plans-item", schema.Milestone),
        _text("lead", "{lead} (as printed)", schema.Milestone),
        _text("deadline", "{deadline} (as printed)", schema.Milestone),
    ))

ACTIONS = FormField(
    "actions", "{actions}", "list", schema.Recommendation, options=NESTED, names="action", fields=(
        FormField("id", "{action}", "plans-item", schema.Action),
        _text("title", "Title (as printed)", schema.Action),
        _text("lead", "{lead} (as printed)", schema.Action),
        _text("deadline", "{deadline} (as printed)", schema.Action),
        _text("monitoring", "Monitored by", schema.Action),
        MILESTONES,
    ))

SOURCES = FormField(
    "sources", "Source documents", "list", schema.Plan, required=True, options=GROWING, names="source",
    summary="{{fields.title}} ({{fields.date}})", fields=(
        FormField("id", "Id", "plans-id", schema.Source, required=True,
                  options={"pattern": [SLUG_PATTERN, "use lower-case letters, digits and single hyphens, "
                                                     "e.g. cabinet-2024-05-16"]}),
        _text("title", "Title (as printed)", schema.Source, required=True),
        _text("publisher", "Publisher", schema.Source),
        _text("date", "Date (as printed)", schema.Source, required=True),
        _text("meeting", "Meeting", schema.Source),
        _text("url", "Web address", schema.Source,
              pattern=[URL_PATTERN, "start the address with https:// (or http://), with no spaces"]),
        _text("file", "Text extract file", schema.Source),
    ))

PLAN_FORM: tuple[FormField, ...] = (
    _text("title", "Title (as printed)", schema.Plan, required=True),
    SOURCES,
    FormField("recommendations", "{recommendations}", "list", schema.Plan, required=True, options=LOCKED,
              names="recommendation", fields=(
                  FormField("id", "{recommendation}", "plans-item", schema.Recommendation),
                  _text("title", "Title (as printed)", schema.Recommendation, required=True),
                  ACTIONS,
              )),
)
"""The form for a plan file: the fields editors change (titles, leads, deadlines, sources)."""

FORMS: dict[FileKind, tuple[FormField, ...]] = {"plan": PLAN_FORM, "update": UPDATE_FORM}

def form_label(kind: FileKind, path: PathKey, plan: Plan | None = None, data: Any = None) -> str | None:
    """The form field that edits the value at `path` in a plan or update file, e.g.
    `("progress", 3, "percent")` in an update → `Progress on each Action and Milestone › entry 4
    › % complete`; None where the form does not show that value (then only the file can change
    it). Given the plan and the file's data, entries are named in the plan's words
    (`… › Key milestone 1-4 › % complete`)."""
    terms = plan.terms if plan is not None else schema.Terms()
    owner: tuple[FormField, ...] = FORMS[kind]
    current: FormField | None = None
    node = data
    parts: list[str] = []
    for key in path:
        if isinstance(key, int):
            if current is None or current.widget != "list":
                return None
            node = node[key] if isinstance(node, list) and key < len(node) else None
            if current.single is not None:
                current = current.single
                parts.append(f"{current.labelled(terms)} {key + 1}")
            else:
                parts.append(_entry_name(current, plan, node) or f"entry {key + 1}")
                owner = current.fields
            continue
        current = next((f for f in owner if f.name == key), None)
        if current is None:
            return None
        parts.append(current.labelled(terms))
        owner = current.fields
        node = node.get(key) if isinstance(node, Mapping) else None
    return " › ".join(parts) if parts else None


def _entry_name(list_field: FormField, plan: Plan | None, entry: Any) -> str | None:
    if not isinstance(entry, Mapping) or not list_field.names:
        return None
    if plan is None:  # the plan could not be read: the entry's own id still names it
        if list_field.names == "progress":
            kind = "action" if entry.get("action") is not None else "milestone"
            return f"{kind} {entry.get(kind)}" if entry.get(kind) is not None else None
        return f"{list_field.names} {entry.get('id')}" if entry.get("id") is not None else None
    return entry_reference(plan, list_field.names, entry)
