"""Stage 6b, open data: every plan and update as CSV and JSON, one JSON of the whole site, and a
Frictionless `datapackage.json` whose column descriptions come from the data model's docstrings.

Files are published under the Open Government Licence v3.0 and are byte-for-byte
deterministic (sorted keys, fixed order, `\\n` line ends).
"""

from __future__ import annotations

import io
import json
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from generator import address, csvsafe, schema, urls
from generator.dates import PrintedDate
from generator.i18n import _
from generator.model import Action, Item, Plan, Recommendation, Site, Source, Update
from generator.pages import Asset

LICENCE = {
    "name": "OGL-UK-3.0",
    "title": "Open Government Licence v3.0",
    "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}


@dataclass(frozen=True)
class Column:
    """A column of a published table, with its type and description for the data package."""

    name: str
    type: str
    description: str
    value: Callable[[Any], object]


def _doc(model: type[schema.Strict], field: str) -> str:
    info = model.model_fields[field]
    return " ".join((info.description or "").split())


def _printed(value: PrintedDate | None) -> str:
    return value.printed if value else ""


def _start(value: PrintedDate | None) -> str:
    return value.start.isoformat() if value and value.start else ""


def _end(value: PrintedDate | None) -> str:
    return value.end.isoformat() if value and value.end else ""


_DEADLINE_START = "The first day of the printed deadline, where it can be read as a date (empty otherwise)."
_DEADLINE_END = "The last day of the printed deadline, where it can be read as a date (empty otherwise)."


@dataclass(frozen=True)
class _Row:
    plan: Plan
    rec: Recommendation
    action: Action | None
    item: Item | None
    update: Update | None
    site_url: str


def _address(row: _Row) -> str:
    if row.item is not None:
        return address.absolute(row.site_url, urls.item_url(row.plan, row.item))
    return address.absolute(row.site_url, urls.recommendation_url(row.plan, row.rec))


RECOMMENDATION_COLUMNS = (
    Column("plan_id", "string", _doc(schema.Plan, "id"), lambda r: r.plan.id),
    Column("recommendation_id", "string", _doc(schema.Recommendation, "id"), lambda r: r.rec.id),
    Column("number", "string", _doc(schema.Recommendation, "number"), lambda r: r.rec.number or ""),
    Column("title", "string", _doc(schema.Recommendation, "title"), lambda r: r.rec.title),
    Column("text", "string", _doc(schema.Recommendation, "text"), lambda r: r.rec.text or ""),
    Column("section", "string", _doc(schema.Recommendation, "section"), lambda r: r.rec.section or ""),
    Column("actions_shared_with", "string", _doc(schema.Recommendation, "actions_shared_with"),
           lambda r: r.rec.shares_actions_with or ""),
    Column("address", "string", "The recommendation's permanent web address.", _address),
)
ITEM_COLUMNS = (
    Column("plan_id", "string", _doc(schema.Plan, "id"), lambda r: r.plan.id),
    Column("recommendation_id", "string", _doc(schema.Recommendation, "id"), lambda r: r.rec.id),
    Column("action_id", "string", _doc(schema.Action, "id"), lambda r: r.action.id if r.action else ""),
    Column("milestone_id", "string", _doc(schema.Milestone, "id") + " Empty on an action's own row.",
           lambda r: r.item.id if r.item is not None and r.item.kind == "milestone" else ""),
    Column("number", "string", _doc(schema.Action, "number"), lambda r: (r.item.number or "") if r.item else ""),
    Column("text", "string", _doc(schema.Action, "text"), lambda r: r.item.text if r.item else ""),
    Column("lead", "string", _doc(schema.Action, "lead"), lambda r: (r.item.lead or "") if r.item else ""),
    Column("deadline", "string", _doc(schema.Action, "deadline"),
           lambda r: _printed(r.item.deadline if r.item else None)),
    Column("deadline_start", "date", _DEADLINE_START, lambda r: _start(r.item.deadline if r.item else None)),
    Column("deadline_end", "date", _DEADLINE_END, lambda r: _end(r.item.deadline if r.item else None)),
    Column("monitoring", "string", _doc(schema.Action, "monitoring"),
           lambda r: (r.item.monitoring or "") if isinstance(r.item, Action) else ""),
    Column("notes", "string", _doc(schema.Action, "notes"), lambda r: _notes(r.item.notes) if r.item else ""),
    Column("source", "string", "The published document the item is printed in, with its date and page.",
           lambda r: _cited(r.plan.source, r.item.page if r.item else None)),
    Column("address", "string", "The item's permanent web address.", _address),
)


def _notes(*groups: tuple[str, ...]) -> str:
    """Transcription notes, one paragraph each, so downloaded data keeps its caveats."""
    return "\n\n".join(note.strip() for notes in groups for note in notes)


def _cited(source: Source, page: str | None) -> str:
    """A source as cited in a download: "Title, date as printed, p. 12"."""
    where = f", {'p. ' + page if page[:1].isdigit() else page}" if page else ""
    return f"{source.title}, {source.date.printed}{where}"


def _report(row: _Row) -> Any:
    return row.update.report_for(row.item) if row.update is not None and row.item is not None else None


PROGRESS_COLUMNS = (
    Column("plan_id", "string", _doc(schema.Plan, "id"), lambda r: r.plan.id),
    Column("period", "string", _doc(schema.Update, "period"), lambda r: r.update.period.label if r.update else ""),
    Column("recommendation_id", "string", _doc(schema.Recommendation, "id"), lambda r: r.rec.id),
    Column("action_id", "string", _doc(schema.Action, "id"), lambda r: r.action.id if r.action else ""),
    Column("milestone_id", "string", _doc(schema.Milestone, "id") + " Empty on an action's own row.",
           lambda r: r.item.id if r.item is not None and r.item.kind == "milestone" else ""),
    Column("status_id", "string", _doc(schema.Progress, "status"),
           lambda r: _report(r).status.id if _report(r) else "not-reported"),
    Column("status", "string", _doc(schema.Status, "label"),
           lambda r: _report(r).status.label if _report(r) else "Not reported"),
    Column("scale", "string", _doc(schema.Status, "scale"),
           lambda r: _report(r).status.scale.value if _report(r) else "not-reported"),
    Column("percent_complete", "integer", _doc(schema.Progress, "percent"),
           lambda r: "" if not _report(r) or _report(r).percent is None else _report(r).percent),
    Column("revised_deadline", "string", _doc(schema.Progress, "deadline"),
           lambda r: _printed(_report(r).deadline) if _report(r) else ""),
    Column("commentary", "string", _doc(schema.Progress, "commentary"),
           lambda r: (_report(r).commentary or "") if _report(r) else ""),
    Column("notes", "string", "Transcription notes on the item and on this update's report of it, which "
                              "explain how a status or figure was read.",
           lambda r: _notes(r.item.notes if r.item else (), _report(r).notes if _report(r) else ())),
    Column("source", "string", "The published document the update was transcribed from, with its date and page.",
           lambda r: _cited(r.update.source, _report(r).page if _report(r) else None) if r.update else ""),
    Column("address", "string", "The item's permanent web address.", _address),
)


def _recommendation_rows(plan: Plan, site_url: str) -> list[_Row]:
    return [_Row(plan, rec, None, None, None, site_url) for rec in plan.recommendations]


def _item_rows(plan: Plan, site_url: str, update: Update | None = None) -> list[_Row]:
    rows = []
    for rec in plan.recommendations:
        for action in rec.actions:
            rows.append(_Row(plan, rec, action, action, update, site_url))
            rows.extend(_Row(plan, rec, action, m, update, site_url) for m in action.milestones)
    return rows


def _csv(columns: tuple[Column, ...], rows: list[_Row]) -> bytes:
    out = io.StringIO()
    writer = csvsafe.Writer(out, lineterminator="\n")
    writer.writerow([c.name for c in columns])
    writer.writerows([[c.value(row) for c in columns] for row in rows])
    return out.getvalue().encode("utf-8")


def _records(columns: tuple[Column, ...], rows: list[_Row]) -> list[dict[str, object]]:
    return [{c.name: c.value(row) for c in columns} for row in rows]


def _json(data: object) -> bytes:
    return (json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def plan_folder(plan: Plan) -> str:
    """Where a plan's downloads live."""
    return f"{urls.plan_url(plan)}data/"


def update_folder(plan: Plan, update: Update) -> str:
    """Where an update's downloads live."""
    return f"{urls.update_url(plan, update.period)}data/"


def _plan_json(plan: Plan, site_url: str) -> dict[str, object]:
    return {
        "id": plan.id,
        "title": plan.title,
        "short_name": plan.short_name,
        "organisation": plan.organisation,
        "recommended_by": plan.recommended_by,
        "monitored_by": plan.monitored_by,
        "period": plan.period,
        "licence": LICENCE["title"],
        "address": address.absolute(site_url, urls.plan_url(plan)),
        "statuses": [{"id": s.id, "label": s.label, "definition": s.definition, "scale": s.scale.value}
                     for s in plan.statuses],
        "sources": [{"id": s.id, "title": s.title, "date": s.date.printed, "meeting": s.meeting, "url": s.url}
                    for s in plan.sources],
        "recommendations": _records(RECOMMENDATION_COLUMNS, _recommendation_rows(plan, site_url)),
        "items": _records(ITEM_COLUMNS, _item_rows(plan, site_url)),
        "updates": [_update_json(plan, u, site_url) for u in plan.updates],
    }


def _update_json(plan: Plan, update: Update, site_url: str) -> dict[str, object]:
    return {
        "plan_id": plan.id,
        "period": update.period.label,
        "title": update.title,
        "date": update.date.printed,
        "date_iso": update.date.start.isoformat() if update.date.start and update.date.precision == "day" else None,
        "meeting": update.meeting,
        "source_id": update.source.id,
        "licence": LICENCE["title"],
        "address": address.absolute(site_url, urls.update_url(plan, update.period)),
        "progress": _records(PROGRESS_COLUMNS, _item_rows(plan, site_url, update)),
    }


def open_data(site: Site, site_url: str) -> list[Asset]:
    """Every download, plus the whole-site JSON and the data package describing the CSVs.

    The files are produced when written (see `Asset.make`), one at a time."""
    assets: list[Asset] = []
    resources: list[dict[str, object]] = []
    for plan in site.plans:
        folder = plan_folder(plan)
        for name, columns, rows in (
            ("recommendations", RECOMMENDATION_COLUMNS, partial(_recommendation_rows, plan, site_url)),
            ("actions-and-milestones", ITEM_COLUMNS, partial(_item_rows, plan, site_url)),
        ):
            path = f"{folder}{plan.id}-{name}.csv"
            assets.append(_lazy(path, partial(_csv_of, columns, rows)))
            resources.append(_resource(path, f"{plan.id}-{name}", f"{plan.title}: {name.replace('-', ' ')}", columns))
        assets.append(_lazy(f"{folder}{plan.id}.json", partial(_json_of, partial(_plan_json, plan, site_url))))
        for update in plan.updates:
            up = update_folder(plan, update)
            stem = f"{plan.id}-{update.period.slug}-progress"
            assets.append(_lazy(f"{up}{stem}.csv",
                                partial(_csv_of, PROGRESS_COLUMNS, partial(_item_rows, plan, site_url, update))))
            assets.append(_lazy(f"{up}{stem}.json", partial(_json_of, partial(_update_json, plan, update, site_url))))
            resources.append(_resource(f"{up}{stem}.csv", stem, f"{plan.title}: {update.period.label} update",
                                       PROGRESS_COLUMNS))
    assets.append(Asset("data/site.json", make=partial(_site_json, site, site_url)))
    assets.append(Asset("datapackage.json", _json(_package(resources))))
    return assets


def _lazy(path: str, produce: Callable[[], bytes]) -> Asset:
    return Asset(path, make=lambda: (produce(),))


def _csv_of(columns: tuple[Column, ...], rows: Callable[[], list[_Row]]) -> bytes:
    return _csv(columns, rows())


def _json_of(data: Callable[[], object]) -> bytes:
    return _json(data())


def _site_json(site: Site, site_url: str) -> Iterator[bytes]:
    """`data/site.json` one plan at a time: the same bytes as dumping it whole, without holding a
    large site's every plan in memory at once."""
    if not site.plans:
        yield _json({"licence": LICENCE["title"], "plans": []})
        return
    licence = json.dumps(LICENCE["title"], ensure_ascii=False)
    yield ("{\n \"licence\": " + licence + ",\n \"plans\": [\n").encode("utf-8")
    last = len(site.plans) - 1
    for i, plan in enumerate(site.plans):
        text = json.dumps(_plan_json(plan, site_url), indent=1, ensure_ascii=False, sort_keys=True)
        yield (textwrap.indent(text, "  ") + ("," if i < last else "") + "\n").encode("utf-8")
    yield b" ]\n}\n"


def _resource(path: str, name: str, title: str, columns: tuple[Column, ...]) -> dict[str, object]:
    return {
        "name": name,
        "title": title,
        "path": path,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "profile": "tabular-data-resource",
        "schema": {"fields": [{"name": c.name, "type": c.type, "description": c.description} for c in columns]},
    }


def _package(resources: list[dict[str, object]]) -> dict[str, object]:
    return {
        "profile": "tabular-data-package",
        "name": "council-improvement-plans",
        "title": "Council improvement plans: recommendations, actions, milestones and quarterly progress",
        "licenses": [LICENCE],
        "resources": resources,
    }


def plan_downloads(plan: Plan) -> list[tuple[str, str]]:
    """(label, address) of a plan's downloads, for its pages."""
    folder = plan_folder(plan)
    # Translators: the links to a plan's data files; "plan" is the plan's short name, e.g. "BVIP".
    return [
        (_("%(plan)s recommendations (CSV)", plan=plan.short_name), f"{folder}{plan.id}-recommendations.csv"),
        (_("%(plan)s actions and milestones (CSV)", plan=plan.short_name),
         f"{folder}{plan.id}-actions-and-milestones.csv"),
        (_("%(plan)s: the whole plan with every update (JSON)", plan=plan.short_name), f"{folder}{plan.id}.json"),
    ]


def update_downloads(plan: Plan, update: Update) -> list[tuple[str, str]]:
    """(label, address) of an update's downloads."""
    stem = f"{update_folder(plan, update)}{plan.id}-{update.period.slug}-progress"
    # Translators: the links to an update's data files; "period" is the update's period, e.g. "2017/18 Q2".
    return [(_("%(period)s progress (CSV)", period=update.period.label), f"{stem}.csv"),
            (_("%(period)s progress (JSON)", period=update.period.label), f"{stem}.json")]
