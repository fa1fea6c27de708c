"""The columns of an exported sheet, and the headings import recognises.

The visible columns carry the source reports' headings (Recommendation, Action, Text, Lead
Officer, Deadline, Monitoring, Status, % Complete, Comments); hidden columns carry everything
else a round trip needs (ids, numbers, notes, what is missing, evidence, the plan's order, and
a `Details` column holding the plan's and the update's other fields as YAML).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import get_args

from generator import schema
from generator.period import Period, from_sheet_name


@dataclass(frozen=True)
class Column:
    """One exported column: its heading, the field it holds, and how it is shown."""

    header: str
    field: str
    hidden: bool = False
    width: int = 14
    fixed: bool = False
    """It identifies the row's item: shaded, and an edit to it is refused on import."""
    note: str = ""
    """What the column holds, shown on the sheet that explains the workbook."""


PLAN_VISIBLE = (
    Column("Recommendation", "recommendation", width=10, fixed=True, note="The recommendation's number."),
    Column("Recommendation title", "recommendation_title", width=30, fixed=True,
           note="The recommendation's heading."),
    Column("Action", "action", width=9, fixed=True, note="The action's number."),
    Column("Milestone", "milestone", width=10, fixed=True, note="The milestone's id."),
    Column("Text", "text", width=60, note="What the action or milestone says, word for word."),
    Column("Lead Officer", "lead", width=30, note="Lead officer or responsibility, as published."),
    Column("Deadline", "deadline", width=12, note="The deadline exactly as printed, e.g. May-18."),
    Column("Monitoring", "monitoring", width=24, note="The board or committee that monitors the action."),
)
UPDATE_VISIBLE = (
    Column("Status", "status", width=14, note="The status as the report prints it (choose from the list)."),
    Column("% Complete", "percent", width=11, note="A whole number from 0 to 100, or empty."),
    Column("Comments", "commentary", width=60, note="The update's commentary, word for word."),
)
PLAN_HIDDEN = tuple(
    Column(header, name, hidden=True)
    for header, name in (
        ("Recommendation id", "recommendation_id"),
        ("Recommendation text", "recommendation_text"),
        ("Section", "section"),
        ("Actions shared with", "shared_with"),
        ("Recommendation missing", "recommendation_missing"),
        ("Recommendation notes", "recommendation_notes"),
        ("Action id", "action_id"),
        ("Action number", "action_number"),
        ("Action title", "action_title"),
        ("Milestone number", "milestone_number"),
        ("Missing", "missing"),
        ("Notes", "notes"),
    )
)
UPDATE_HIDDEN = tuple(
    Column(header, name, hidden=True)
    for header, name in (
        ("Revised deadline", "revised_deadline"),
        ("Prior work", "prior_work"),
        ("Contact", "contact"),
        ("Evidence", "evidence"),
        ("Progress missing", "progress_missing"),
        ("Progress notes", "progress_notes"),
    )
)
ORDER = Column("Plan order", "order", hidden=True)
"""Each row's place in the plan, so a sorted sheet is read back in the plan's order."""
PROGRESS_ORDER = Column("Progress order", "progress_order", hidden=True)
DETAILS = Column("Details", "details", hidden=True)

SOURCE_HEADERS = {
    "Responsibility": "lead",
    "Senior Responsible Officer": "lead",
    "Date": "deadline",
    "Target Completion Date": "deadline",
    "%Comp": "percent",
    "Key Deliverables": "commentary",
    **{f"Quarter {n} Comments": "commentary" for n in range(1, 5)},
    "Activity": "action",
    "Key milestones": "milestone_text",
    "Status label": "status",
}
"""Headings printed in the source reports (and by earlier exports), beyond the exported ones."""

_ALL_COLUMNS = (*PLAN_VISIBLE, *UPDATE_VISIBLE, *PLAN_HIDDEN, *UPDATE_HIDDEN, ORDER, PROGRESS_ORDER, DETAILS)
DEFAULT_COLUMNS: dict[str, str] = {c.header: c.field for c in _ALL_COLUMNS} | SOURCE_HEADERS
"""The built-in mapping from headings to fields, matched case- and space-insensitively."""

FIELDS = frozenset({c.field for c in _ALL_COLUMNS} | {"milestone_text", "ignore"})
"""Every field a mapping file can send a column to (`ignore` drops the column)."""

REC_FIELDS = ("recommendation", "recommendation_title", "recommendation_id", "recommendation_text", "section",
              "shared_with", "recommendation_missing", "recommendation_notes")
ACTION_FIELDS = ("action", "action_id", "action_number", "action_title", "monitoring")
ITEM_FIELDS = ("text", "lead", "deadline", "missing", "notes")
PROGRESS_FIELDS = ("status", "percent", "commentary", "revised_deadline", "prior_work", "contact", "evidence",
                   "progress_missing", "progress_notes", "progress_order")
ID_FIELDS = frozenset({"recommendation", "recommendation_id", "action", "action_id", "action_number", "milestone",
                       "milestone_number"})
"""Columns holding ids and numbers, which a spreadsheet must keep as text (never dates)."""
TERMS = frozenset(get_args(schema.Term))
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def normalise_header(header: str) -> str:
    """A heading as matched: lower case, every space removed (`% Complete` = `%complete`)."""
    return "".join(header.split()).casefold()


def sheet_name(period: str) -> str:
    """The sheet an update is exported to: `2017/18 Q2` → `2017-18 Q2` (sheet names cannot hold `/`)."""
    return Period.parse(period).sheet_name


def period_of_sheet(name: str) -> str | None:
    """The period an update sheet is named after (`2017-18 Q2` → `2017/18 Q2`), or None."""
    found = from_sheet_name(name)
    return found.label if found else None


def update_slug(period: str) -> str:
    """The update's file name without `.yaml`: `2017/18 Q2` → `2017-18-q2`."""
    return Period.parse(period).slug
