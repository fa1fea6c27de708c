"""Stage 2, validate: check every loaded file against the schema and against each other.

Every problem in every file is collected before anything stops, so an editor sees the whole
list in one run. The result pairs each valid plan with its valid updates, ready for the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator import schema, suggest
from generator.dates import parse_printed_date
from generator.load import Document, Loaded, PathKey, field_name
from generator.period import Period
from generator.problems import Problem, Severity
from generator.resolve import NOT_REPORTED, Names, fold

__all__ = ["NOT_REPORTED", "ValidPlan", "Validated", "check_schema", "validate"]
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class ValidPlan:
    """A plan file and its update files that passed every check."""

    plan: schema.Plan
    plan_doc: Document
    updates: tuple[tuple[schema.Update, Document], ...]


@dataclass(frozen=True)
class Validated:
    """The plans that passed, and every problem found (errors and warnings)."""

    plans: tuple[ValidPlan, ...]
    problems: tuple[Problem, ...]


def validate(loaded: Loaded) -> Validated:
    """Check everything that was loaded; never stops at the first problem."""
    problems = list(loaded.problems)
    valid: list[ValidPlan] = []
    seen_plan_ids: dict[str, Document] = {}
    plans: list[tuple[schema.Plan, Document]] = []
    for files in loaded.plans:
        plan = check_schema(files.plan, schema.Plan, problems) if files.plan else None
        updates = [
            (update, doc)
            for doc in files.updates
            if (update := check_schema(doc, schema.Update, problems)) is not None
        ]
        if plan is None or files.plan is None:
            continue
        plans.append((plan, files.plan))
        before = len(problems)
        _check_plan(plan, files.plan, files.folder.name, seen_plan_ids, problems)
        _check_updates(plan, updates, problems)
        if not any(p.is_error for p in problems[before:]):
            valid.append(ValidPlan(plan, files.plan, tuple(updates)))
    _check_former_plan_ids(plans, problems)
    return Validated(tuple(valid), tuple(problems))


# --- schema ---------------------------------------------------------------------------


def check_schema(doc: Document, model: type[M], problems: list[Problem]) -> M | None:
    """`doc` read as `model` (a plan, an update, a spreadsheet mapping file), or None with
    every problem added to `problems` at its line in the file."""
    if not isinstance(doc.data, dict):
        problems.append(
            _at(doc, (), "", "The file should hold fields (`name: value` lines) at the top level.",
                "Start each top-level line with a field name followed by a colon.")
        )
        return None
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        for error in exc.errors():
            problems.append(_schema_problem(doc, model, error))
        return None


_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "list_type": "a list (lines starting with `- `)",
    "dict_type": "a set of fields (`name: value` lines)",
    "model_type": "a set of fields (`name: value` lines)",
    "bool_type": "true or false",
}


def _schema_problem(doc: Document, model: type[BaseModel], error: Any) -> Problem:
    loc: PathKey = tuple(error["loc"])
    kind: str = error["type"]
    where = field_name(loc)
    last = str(loc[-1]) if loc else ""
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc[:-1])
        hint = suggest.hint(last, allowed, "Allowed fields here", cutoff=0.6)
        return _at(doc, loc, where, f"Unknown field `{last}`.", hint)
    if kind == "missing":
        description = _field_doc(model, loc)
        return _at(
            doc, loc[:-1], where, f"The required field `{last}` is missing.",
            f"Add `{last}:` here. {description}".strip(),
        )
    if kind in _TYPE_WORDS:
        got = _describe(error.get("input"))
        return _at(doc, loc, where, f"`{where}` should be {_TYPE_WORDS[kind]}, not {got}.",
                   _type_hint(kind))
    if kind in ("greater_than_equal", "less_than_equal") and last == "percent":
        return _at(doc, loc, where, f"Percent complete must be between 0 and 100, not {error['input']}.",
                   "Write the number without a % sign, e.g. `percent: 75`.")
    if kind == "string_pattern_mismatch" and last == "url":
        return _at(doc, loc, where, f"`{error['input']}` is not a web address the site can link to.",
                   "Use an address starting with `https://` (or `http://`), or a path on this site such as "
                   "`/about/`; other kinds, such as `javascript:` or `data:`, are refused because they can run "
                   "code. Write a space as `%20`.")
    if kind == "string_pattern_mismatch":
        return _at(doc, loc, where, f"`{error['input']}` is not a valid {last or 'value'}.",
                   _pattern_hint(last))
    if kind in ("enum", "literal_error"):
        options = error.get("ctx", {}).get("expected", "")
        value = str(error.get("input"))
        choices = re.findall(r"'([^']+)'", options)
        return _at(doc, loc, where, f"`{value}` is not allowed for `{last}`.",
                   suggest.hint(value, choices, "Use one of"))
    if kind == "too_short":
        return _at(doc, loc, where, f"`{where}` needs at least one entry.",
                   "Add an entry, or check its indentation.")
    return _at(doc, loc, where, f"`{where}`: {error['msg']}.", "")


def _type_hint(kind: str) -> str:
    if kind in ("string_type",):
        return "Wrap the value in quotes if it should be read as text."
    if kind in ("list_type",):
        return "Put each entry on its own line starting with `- `, indented under the field."
    if kind in ("dict_type", "model_type"):
        return "Indent the fields that belong here by two more spaces than this line."
    if kind in ("int_type", "int_parsing"):
        return "Write digits only, e.g. `75`."
    return ""


def _pattern_hint(name: str) -> str:
    if name == "period":
        return "Write the financial-year quarter as `2017/18 Q2` (Q1 is April to June)."
    if name == "colour":
        return "Write a colour as `#` followed by six hex digits, e.g. `#1d70b8`."
    return ("Identifiers use lower-case letters, digits and single hyphens only, e.g. `r4` "
            "or `1-3`; they become part of permanent web addresses.")


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    return f"`{value}`"


def _model_at(model: type[BaseModel], loc: PathKey) -> type[BaseModel] | None:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _inner(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner(annotation: Any) -> Any:
    for arg in getattr(annotation, "__args__", ()) or ():
        inner = _inner(arg)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return inner
    return annotation


def _allowed_fields(model: type[BaseModel], loc: PathKey) -> list[str]:
    target = _model_at(model, loc)
    return list(target.model_fields) if target else []


def _field_doc(model: type[BaseModel], loc: PathKey) -> str:
    target = _model_at(model, loc[:-1])
    if target is None:
        return ""
    info = target.model_fields.get(str(loc[-1]))
    return (info.description or "").split("\n")[0] if info else ""


def _at(doc: Document, loc: PathKey, where: str, message: str, hint: str,
        severity: Severity = Severity.error, rule: str = "") -> Problem:
    line, column = doc.position(loc)
    return Problem(doc.name, line, column, where, message, hint, severity, rule)


# --- cross-checks within a plan ------------------------------------------------------


def _check_plan(plan: schema.Plan, doc: Document, folder: str,
                seen: dict[str, Document], problems: list[Problem]) -> None:
    if plan.id != folder:
        problems.append(_at(doc, ("id",), "id", f"The plan id `{plan.id}` does not match its folder `{folder}`.",
                            f"Rename the folder to `{plan.id}` or set `id: {folder}`."))
    if plan.id in seen:
        problems.append(_at(doc, ("id",), "id", f"Another plan already uses the id `{plan.id}` ({seen[plan.id].name}).",
                            "Every plan needs its own id."))
    seen[plan.id] = doc
    _duplicates(doc, [("sources", i, "id") for i in range(len(plan.sources))],
                [s.id for s in plan.sources], "source", problems)
    _duplicates(doc, [("statuses", i, "id") for i in range(len(plan.statuses))],
                [s.id for s in plan.statuses], "status", problems)
    _duplicates(doc, [("sections", i, "id") for i in range(len(plan.sections))],
                [s.id for s in plan.sections], "section", problems)
    rec_keys: list[PathKey] = [("recommendations", i, "id") for i in range(len(plan.recommendations))]
    rec_keys += [("recommendations", i, "former_ids", j) for i, r in enumerate(plan.recommendations)
                 for j in range(len(r.former_ids))]
    _duplicates(doc, rec_keys, [r.id for r in plan.recommendations]
                + [f for r in plan.recommendations for f in r.former_ids], "recommendation", problems)
    action_keys: list[PathKey] = []
    action_ids: list[str] = []
    milestone_keys: list[PathKey] = []
    milestone_ids: list[str] = []
    rec_ids = {r.id for r in plan.recommendations}
    section_ids = {s.id for s in plan.sections}
    for r_index, rec in enumerate(plan.recommendations):
        here: PathKey = ("recommendations", r_index)
        if rec.section and rec.section not in section_ids:
            problems.append(_unknown(doc, (*here, "section"), "section", rec.section, section_ids))
        if rec.actions_shared_with:
            target = rec.actions_shared_with
            if target not in rec_ids or target == rec.id:
                problems.append(_unknown(doc, (*here, "actions_shared_with"), "recommendation", target,
                                         rec_ids - {rec.id}))
            elif rec.actions:
                problems.append(_at(doc, (*here, "actions"), field_name((*here, "actions")),
                                    "A recommendation that shares another's actions cannot list actions of its own.",
                                    "Move these actions to the recommendation named in `actions_shared_with`."))
        for a_index, action in enumerate(rec.actions):
            a_key = (*here, "actions", a_index)
            action_keys.append((*a_key, "id"))
            action_ids.append(action.id)
            action_keys.extend((*a_key, "former_ids", i) for i in range(len(action.former_ids)))
            action_ids.extend(action.former_ids)
            _check_deadline(doc, a_key, action.deadline, problems)
            for m_index, milestone in enumerate(action.milestones):
                m_key = (*a_key, "milestones", m_index)
                milestone_keys.append((*m_key, "id"))
                milestone_ids.append(milestone.id)
                milestone_keys.extend((*m_key, "former_ids", i) for i in range(len(milestone.former_ids)))
                milestone_ids.extend(milestone.former_ids)
                _check_deadline(doc, m_key, milestone.deadline, problems)
    _duplicates(doc, action_keys, action_ids, "action", problems)
    _duplicates(doc, milestone_keys, milestone_ids, "milestone", problems)
    if plan.deadline_rule is not None:
        status_ids = {s.id for s in plan.statuses}
        rule = plan.deadline_rule
        named: list[tuple[PathKey, str]] = [(("deadline_rule", "on_track", i), sid)
                                            for i, sid in enumerate(rule.on_track)]
        named += [(("deadline_rule", name), sid) for name, sid in
                  (("within_a_month", rule.within_a_month), ("more_than_a_month", rule.more_than_a_month)) if sid]
        for key, sid in named:
            if sid not in status_ids:
                problems.append(_unknown(doc, key, "status", sid, status_ids))
    source_ids = {s.id for s in plan.sources}
    translated: list[tuple[PathKey, str]] = [
        (("title_translations", code, "source"), t.source) for code, t in plan.title_translations.items()]
    translated += [(("statuses", i, "translations", code, "source"), t.source)
                   for i, status in enumerate(plan.statuses) for code, t in status.translations.items()]
    translated += [(("recommendations", i, "title_translations", code, "source"), t.source)
                   for i, rec in enumerate(plan.recommendations) for code, t in rec.title_translations.items()]
    for key, sid in translated:
        if sid not in source_ids:
            problems.append(_unknown(doc, key, "source", sid, source_ids))
    for i, indicator in enumerate(plan.indicators):
        if indicator.source not in source_ids:
            problems.append(_unknown(doc, ("indicators", i, "source"), "source", indicator.source, source_ids))
        for j, reading in enumerate(indicator.readings):
            for category in reading.values:
                if category not in indicator.categories:
                    problems.append(_unknown(doc, ("indicators", i, "readings", j, "values", category),
                                             "category", category, set(indicator.categories)))


def _check_former_plan_ids(plans: list[tuple[schema.Plan, Document]], problems: list[Problem]) -> None:
    """A plan's former id becomes a redirect to it, so it may name no plan now on the site (its
    own id would redirect every page to itself; another plan's would replace that plan's pages)
    and no other plan's former id."""
    in_use = {plan.id: doc for plan, doc in plans}
    claimed: dict[str, Document] = {}
    for plan, doc in plans:
        for j, old in enumerate(plan.former_ids):
            key: PathKey = ("former_ids", j)
            if old == plan.id:
                problems.append(_at(doc, key, field_name(key), f"The plan lists its own id `{old}` in `former_ids`.",
                                    "Remove it: `former_ids` lists only ids the plan had before it was renamed; its "
                                    "own id would make every page of the plan redirect to itself."))
            elif old in in_use:
                problems.append(_at(doc, key, field_name(key),
                                    f"`{old}` is the id of another plan ({in_use[old].name}).",
                                    "Remove it: that plan's pages would be replaced by redirects to this one. "
                                    "An id in use can never be a former id."))
            elif old in claimed:
                other = claimed[old]
                where = "earlier in this list" if other is doc else f"by {other.name}"
                problems.append(_at(doc, key, field_name(key), f"The former id `{old}` is already listed {where}.",
                                    "A former id belongs to one plan only; keep it where the plan really had it."))
            else:
                claimed[old] = doc


def _check_deadline(doc: Document, key: PathKey, printed: str | None, problems: list[Problem]) -> None:
    if printed is None:
        return
    result = parse_printed_date(printed)
    if result.impossible:
        problems.append(_at(doc, (*key, "deadline"), field_name((*key, "deadline")),
                            f"The deadline `{printed}` is not a real date.",
                            "Check the day and month; write the date as the source prints it."))


def _duplicates(doc: Document, keys: list[PathKey], values: list[str], what: str,
                problems: list[Problem]) -> None:
    first: dict[str, PathKey] = {}
    for key, value in zip(keys, values, strict=True):
        if value in first:
            line, _ = doc.position(first[value])
            problems.append(_at(doc, key, field_name(key),
                                f"The {what} id `{value}` is used twice (first on line {line}).",
                                f"Give each {what} its own id; ids are permanent web addresses."))
        else:
            first[value] = key


def _unknown(doc: Document, key: PathKey, what: str, value: str, known: set[str], renamed: bool = False) -> Problem:
    """An id that names nothing. In an update (`renamed`), the likeliest cause of a published
    update naming an unknown id is a rename in plan.yaml, which `former_ids` answers."""
    hint = suggest.hint(value, sorted(known), f"Known {what} ids", none=f"This plan defines no {what}s yet.")
    guess = suggest.closest(value, known)
    if renamed and guess is not None:
        hint += (f" If the {what} `{value}` was renamed to `{guess}` in plan.yaml, list the old id there instead "
                 f"(`former_ids: [\"{value}\"]` under `{guess}`): a published update keeps the ids it was written "
                 "with.")
    return _at(doc, key, field_name(key), f"There is no {what} with the id `{value}`.", hint)


# --- cross-checks between a plan and its updates --------------------------------------


def _check_updates(plan: schema.Plan, updates: list[tuple[schema.Update, Document]],
                   problems: list[Problem]) -> None:
    names = Names.of(plan)
    statuses = {s.id: s for s in plan.statuses}
    known = {"action": {a.id for r in plan.recommendations for a in r.actions},
             "milestone": {m.id for r in plan.recommendations for a in r.actions for m in a.milestones}}
    sources = {s.id for s in plan.sources}
    recs = {r.id for r in plan.recommendations}
    periods: dict[str, Document] = {}
    for update, doc in updates:
        expected = Period.parse(update.period).slug
        if doc.path.stem != expected:
            problems.append(_misnamed_update(doc, update.period, expected))
        if update.period in periods:
            problems.append(_at(doc, ("period",), "period",
                                f"Two updates are for the period {update.period} "
                                f"(the other is {periods[update.period].name}).",
                                "Each quarter has one update file: correct `period:` in the file that was copied "
                                "from the other; its file name says which quarter it is for."))
        periods.setdefault(update.period, doc)
        if update.source not in sources:
            problems.append(_unknown(doc, ("source",), "source", update.source, sources))
        for i, summary in enumerate(update.summaries):
            if names.item("recommendation", summary.recommendation) not in recs:
                problems.append(_unknown(doc, ("summaries", i, "recommendation"), "recommendation",
                                         summary.recommendation, recs, renamed=True))
        seen: dict[str, PathKey] = {}
        for i, entry in enumerate(update.progress):
            _check_progress(doc, i, entry, known, names, statuses, seen, problems)


def _misnamed_update(doc: Document, period: str, expected: str) -> Problem:
    """A period that does not match the file name: usually a copied file whose `period:` was not
    changed. The file name is the published address, so the fix is never to rename the file."""
    return _at(doc, ("period",), "period",
               f"This file is `{doc.path.name}`, but its `period:` says {period} (which would be "
               f"`{expected}.yaml`).",
               "Correct `period:` to the quarter this file is for. Never rename a published update file: its "
               "name is its permanent address; a new file takes its name from its period.")


def _check_progress(doc: Document, i: int, entry: schema.Progress, known: dict[str, set[str]], names: Names,
                    statuses: dict[str, schema.Status], seen: dict[str, PathKey], problems: list[Problem]) -> None:
    key: PathKey = ("progress", i)
    if (entry.action is None) == (entry.milestone is None):
        problems.append(_at(doc, key, field_name(key),
                            "Each progress entry names exactly one `action` or one `milestone`.",
                            "Write `action: <id>` or `milestone: <id>`, not both and not neither."))
        return
    kind = "action" if entry.action is not None else "milestone"
    written = str(entry.action if entry.action is not None else entry.milestone)
    target = names.item(kind, written)
    if target not in known[kind]:
        problems.append(_unknown(doc, (*key, kind), kind, written, known[kind], renamed=True))
    ref = f"{kind}:{target}"
    if ref in seen:
        first_line, _ = doc.position(seen[ref])
        also = f" (`{written}` is its former id)" if written != target else ""
        problems.append(_at(doc, (*key, kind), field_name((*key, kind)),
                            f"The {kind} `{target}` is reported twice in this update (first on line {first_line})"
                            f"{also}.", "Keep one entry per item."))
    seen.setdefault(ref, (*key, kind))
    status = names.status(entry.status)
    if status is None:
        problems.append(_unknown_status(doc, (*key, "status"), entry.status, names))
    elif status in statuses:
        _check_percent(doc, key, entry, statuses[status], problems)
    if entry.deadline is not None:
        _check_deadline(doc, key, entry.deadline, problems)


def _unknown_status(doc: Document, key: PathKey, written: str, names: Names) -> Problem:
    """A status that is neither an id nor a label of the plan: the hint names the plan's statuses
    with their labels, which is what editors read in the report."""
    shared = names.shared.get(fold(written))
    if shared:
        return _at(doc, key, field_name(key), f"`{written}` is the label of {len(shared)} statuses of this plan "
                   f"({suggest.listing(shared)}).", "Write the id of the one the report means.")
    by_word = {fold(word): sid for word, sid in names.words.items()}
    guess = suggest.closest(fold(written), list(by_word))
    listing = suggest.listing(names.labels, names.labels)
    if guess is not None:
        sid = by_word[guess]
        hint = f"Did you mean `{sid}` ({names.labels[sid]})? This plan's statuses: {listing}."
    else:
        hint = f"This plan's statuses: {listing}. Write the id or the label as printed."
    return _at(doc, key, field_name(key), f"`{written}` is not one of this plan's statuses.", hint)


def _check_percent(doc: Document, key: PathKey, entry: schema.Progress, status: schema.Status,
                   problems: list[Problem]) -> None:
    if entry.percent is None:
        return
    if status.scale is schema.Scale.complete and entry.percent < 100:
        problems.append(_at(doc, (*key, "percent"), field_name((*key, "percent")),
                            f"`{status.label}` is reported with only {entry.percent}% complete.",
                            "Check the status and the percentage against the source.", Severity.warning,
                            rule="completed-below-100"))
    if status.scale is schema.Scale.not_started and entry.percent > 0:
        problems.append(_at(doc, (*key, "percent"), field_name((*key, "percent")),
                            f"`{status.label}` is reported with {entry.percent}% complete.",
                            "Check the status and the percentage against the source.", Severity.warning,
                            rule="not-started-with-progress"))
