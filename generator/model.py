"""Stage 3, model: frozen, typed objects built only from validated files.

Later stages see these objects and nothing else: no raw YAML, no schema classes. Text is
kept as published (Markdown); dates keep their printed form beside any derived span.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from generator import schema
from generator.dates import PrintedDate, parse_printed_date
from generator.load import Document
from generator.period import Period
from generator.resolve import NOT_REPORTED, NOT_REPORTED_LABEL, Names
from generator.schema import Scale
from generator.validate import Validated, ValidPlan

ItemKind = Literal["action", "milestone"]

NOT_REPORTED_STATUS_DEFINITION = "The source gives no status for this item. None is inferred."


@dataclass(frozen=True)
class Status:
    """A status word as the plan publishes it, placed on the common scale."""

    id: str
    label: str
    definition: str | None
    scale: Scale
    colour: str | None
    translations: tuple[tuple[str, str], ...] = ()
    """The council's own published translations of `label`: (language, text)."""


@dataclass(frozen=True)
class Source:
    """A published document the data was transcribed from."""

    id: str
    title: str
    publisher: str
    date: PrintedDate
    meeting: str | None
    url: str | None
    file: str | None


@dataclass(frozen=True)
class Evidence:
    """A supporting document named in an update."""

    title: str
    url: str | None


@dataclass(frozen=True)
class Report:
    """What one update said about one action or milestone."""

    period: Period
    status: Status
    percent: int | None
    deadline: PrintedDate | None
    commentary: str | None
    prior_work: str | None
    contact: str | None
    evidence: tuple[Evidence, ...]
    missing: tuple[str, ...]
    notes: tuple[str, ...]
    line: int
    column: int
    page: str | None = None


@dataclass(frozen=True)
class Milestone:
    """A key milestone under an action."""

    id: str
    number: str | None
    text: str
    lead: str | None
    deadline: PrintedDate | None
    missing: tuple[str, ...]
    notes: tuple[str, ...]
    line: int
    former_ids: tuple[str, ...] = ()
    page: str | None = None

    kind: ItemKind = field(default="milestone", init=False)

    @property
    def anchor(self) -> str:
        """The fragment that addresses this milestone on its recommendation's page."""
        return f"milestone-{self.id}"


@dataclass(frozen=True)
class Action:
    """Something the council committed to do."""

    id: str
    number: str | None
    title: str | None
    text: str
    lead: str | None
    deadline: PrintedDate | None
    monitoring: str | None
    missing: tuple[str, ...]
    notes: tuple[str, ...]
    milestones: tuple[Milestone, ...]
    line: int
    former_ids: tuple[str, ...] = ()
    page: str | None = None

    kind: ItemKind = field(default="action", init=False)

    @property
    def anchor(self) -> str:
        """The fragment that addresses this action on its recommendation's page."""
        return f"action-{self.id}"


Item = Action | Milestone


@dataclass(frozen=True)
class Recommendation:
    """A recommendation (or area, or phase) and the actions answering it."""

    id: str
    number: str | None
    title: str
    text: str | None
    section: str | None
    shares_actions_with: str | None
    missing: tuple[str, ...]
    notes: tuple[str, ...]
    actions: tuple[Action, ...]
    line: int
    former_ids: tuple[str, ...] = ()
    title_translations: tuple[tuple[str, str], ...] = ()
    """The council's own published translations of `title`: (language, text)."""


@dataclass(frozen=True)
class Section:
    """A heading above recommendations."""

    id: str
    title: str
    summary: str | None


@dataclass(frozen=True)
class Reading:
    """One column of an indicator table."""

    label: str
    values: Mapping[str, int]


@dataclass(frozen=True)
class Indicator:
    """Published counts that can be charted."""

    id: str
    title: str
    categories: tuple[str, ...]
    readings: tuple[Reading, ...]
    source: Source
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Update:
    """A quarterly update as published."""

    period: Period
    title: str
    date: PrintedDate
    covers: str | None
    meeting: str | None
    source: Source
    summary: str | None
    summaries: Mapping[str, str]
    notes: tuple[str, ...]
    reports: Mapping[tuple[ItemKind, str], Report]
    file: Path

    def report_for(self, item: Item) -> Report | None:
        """What this update said about `item`, if anything."""
        return self.reports.get((item.kind, item.id))


@dataclass(frozen=True)
class Terms:
    """The plan's own words for its levels."""

    recommendation: str
    recommendations: str
    action: str
    actions: str
    milestone: str
    milestones: str
    lead: str
    deadline: str


@dataclass(frozen=True)
class DeadlineRule:
    """The plan's published criteria tying statuses to deadlines."""

    on_track: tuple[Status, ...]
    within_a_month: Status | None
    more_than_a_month: Status | None


@dataclass(frozen=True)
class Plan:
    """An improvement plan with its updates in chronological order."""

    id: str
    title: str
    short_name: str
    organisation: str
    recommended_by: str
    monitored_by: str | None
    period: str | None
    summary: str
    terms: Terms
    sources: tuple[Source, ...]
    statuses: tuple[Status, ...]
    status_notes: str | None
    deadline_rule: DeadlineRule | None
    sections: tuple[Section, ...]
    recommendations: tuple[Recommendation, ...]
    indicators: tuple[Indicator, ...]
    notes: tuple[str, ...]
    updates: tuple[Update, ...]
    file: Path
    former_ids: tuple[str, ...] = ()
    title_translations: tuple[tuple[str, str], ...] = ()
    """The council's own published translations of `title`: (language, text)."""

    @property
    def source(self) -> Source:
        """The document that prints the plan's recommendations, actions and milestones."""
        return self.sources[0]

    @property
    def latest(self) -> Update | None:
        """The most recent update, if there is one."""
        return self.updates[-1] if self.updates else None

    def recommendation(self, rec_id: str) -> Recommendation:
        """Look up a recommendation by id."""
        return next(r for r in self.recommendations if r.id == rec_id)

    def actions_of(self, rec: Recommendation) -> tuple[Action, ...]:
        """The actions shown under `rec`, following `actions_shared_with`."""
        if rec.shares_actions_with:
            return self.recommendation(rec.shares_actions_with).actions
        return rec.actions

    def items(self) -> Iterator[Item]:
        """Every action and milestone, in published order."""
        for rec in self.recommendations:
            for action in rec.actions:
                yield action
                yield from action.milestones

    def source_files(self) -> tuple[Path, ...]:
        """The files this plan's pages are built from."""
        return (self.file, *(u.file for u in self.updates))


@dataclass(frozen=True)
class Site:
    """Every plan on the site."""

    plans: tuple[Plan, ...]


def build_model(validated: Validated) -> Site:
    """Turn validated files into the model; plans are ordered by id for determinism."""
    plans = [_plan(valid) for valid in validated.plans]
    return Site(tuple(sorted(plans, key=lambda p: p.id)))


def _translations(given: Mapping[str, schema.Translation]) -> tuple[tuple[str, str], ...]:
    """The council's published translations of a field, by language, in a fixed order."""
    return tuple(sorted((language, t.text) for language, t in given.items()))


def _plan(valid: ValidPlan) -> Plan:
    raw = valid.plan
    sources = tuple(_source(s) for s in raw.sources)
    by_source = {s.id: s for s in sources}
    statuses = (
        *(Status(s.id, s.label, s.definition, s.scale, s.colour, _translations(s.translations))
          for s in raw.statuses),
        Status(NOT_REPORTED, NOT_REPORTED_LABEL, NOT_REPORTED_STATUS_DEFINITION, Scale.not_reported, None),
    )
    by_status = {s.id: s for s in statuses}
    recs = tuple(_recommendation(valid, i, r) for i, r in enumerate(raw.recommendations))
    names = Names.of(raw)
    updates = sorted(
        (_update(u, doc, by_source, by_status, names) for u, doc in valid.updates),
        key=lambda u: u.period.sort_key,
    )
    return Plan(
        id=raw.id,
        title=raw.title,
        short_name=raw.short_name,
        organisation=raw.organisation,
        recommended_by=raw.recommended_by,
        monitored_by=raw.monitored_by,
        period=raw.period,
        summary=raw.summary,
        terms=Terms(**raw.terms.model_dump()),
        title_translations=_translations(raw.title_translations),
        sources=sources,
        statuses=statuses,
        status_notes=raw.status_notes,
        deadline_rule=_deadline_rule(raw.deadline_rule, by_status),
        sections=tuple(Section(s.id, s.title, s.summary) for s in raw.sections),
        recommendations=recs,
        indicators=tuple(
            Indicator(
                i.id,
                i.title,
                tuple(i.categories),
                tuple(Reading(r.label, MappingProxyType(dict(r.values))) for r in i.readings),
                by_source[i.source],
                tuple(i.notes),
            )
            for i in raw.indicators
        ),
        notes=tuple(raw.notes),
        updates=tuple(updates),
        file=valid.plan_doc.path,
        former_ids=tuple(raw.former_ids),
    )


def _deadline_rule(rule: schema.DeadlineRule | None, statuses: dict[str, Status]) -> DeadlineRule | None:
    if rule is None:
        return None
    return DeadlineRule(
        tuple(statuses[sid] for sid in rule.on_track),
        statuses[rule.within_a_month] if rule.within_a_month else None,
        statuses[rule.more_than_a_month] if rule.more_than_a_month else None,
    )


def _source(s: schema.Source) -> Source:
    return Source(s.id, s.title, s.publisher, parse_printed_date(s.date), s.meeting, s.url, s.file)


def _deadline(printed: str | None) -> PrintedDate | None:
    return parse_printed_date(printed) if printed is not None else None


def _missing(values: list[schema.Term]) -> tuple[str, ...]:
    return tuple(values)


def _recommendation(valid: ValidPlan, index: int, r: schema.Recommendation) -> Recommendation:
    doc = valid.plan_doc
    key = ("recommendations", index)
    actions = tuple(
        Action(
            id=a.id,
            number=a.number,
            title=a.title,
            text=a.text,
            lead=a.lead,
            deadline=_deadline(a.deadline),
            monitoring=a.monitoring,
            missing=_missing(a.missing),
            notes=tuple(a.notes),
            milestones=tuple(
                Milestone(
                    m.id,
                    m.number,
                    m.text,
                    m.lead,
                    _deadline(m.deadline),
                    _missing(m.missing),
                    tuple(m.notes),
                    doc.position((*key, "actions", a_index, "milestones", m_index))[0],
                    tuple(m.former_ids),
                    m.page,
                )
                for m_index, m in enumerate(a.milestones)
            ),
            line=doc.position((*key, "actions", a_index))[0],
            former_ids=tuple(a.former_ids),
            page=a.page,
        )
        for a_index, a in enumerate(r.actions)
    )
    return Recommendation(
        id=r.id,
        number=r.number,
        title=r.title,
        text=r.text,
        section=r.section,
        shares_actions_with=r.actions_shared_with,
        missing=_missing(r.missing),
        notes=tuple(r.notes),
        actions=actions,
        line=doc.position(key)[0],
        former_ids=tuple(r.former_ids),
        title_translations=_translations(r.title_translations),
    )


def _update(u: schema.Update, doc: Document, sources: dict[str, Source], statuses: dict[str, Status],
            names: Names) -> Update:
    """An update with every status and id resolved: a status written as its label, or an item
    named by a former id, becomes the plan's current status and item."""
    period = Period.parse(u.period)
    reports: dict[tuple[ItemKind, str], Report] = {}
    for index, p in enumerate(u.progress):
        line, column = doc.position(("progress", index))
        kind: ItemKind = "action" if p.action is not None else "milestone"
        item_id = names.item(kind, p.action if p.action is not None else str(p.milestone))
        status = names.status(p.status)
        assert status is not None  # validated
        reports[(kind, item_id)] = Report(
            period=period,
            status=statuses[status],
            percent=p.percent,
            deadline=_deadline(p.deadline),
            commentary=p.commentary,
            prior_work=p.prior_work,
            contact=p.contact,
            evidence=tuple(Evidence(e.title, e.url) for e in p.evidence),
            missing=_missing(p.missing),
            notes=tuple(p.notes),
            line=line,
            column=column,
            page=p.page,
        )
    return Update(
        period=period,
        title=u.title,
        date=parse_printed_date(u.date),
        covers=u.covers,
        meeting=u.meeting,
        source=sources[u.source],
        summary=u.summary,
        summaries=MappingProxyType({names.item("recommendation", s.recommendation): s.text for s in u.summaries}),
        notes=tuple(u.notes),
        reports=MappingProxyType(reports),
        file=doc.path,
    )
