"""The shape of the files editors write: one `plan.yaml` per plan, one YAML file per update.

Every field's docstring is the editors' reference: the same text appears in the editors'
guide and in the JSON Schema that editors' tools use for autocomplete. These classes
describe files as written; `generator.model` holds the resolved objects the rest of the
pipeline uses.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from generator import period

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60),
]
"""A permanent identifier: lower-case letters, digits and single hyphens, e.g. `r4` or `1-3`."""

Period = Annotated[str, StringConstraints(pattern=period.PATTERN)]
"""A UK financial-year quarter written as `2017/18 Q2` (Q1 is April to June)."""

StatusWord = Annotated[str, StringConstraints(min_length=1, max_length=100)]
"""A status written as its id (`on-target`) or its label as printed (`On Target`, any case)."""

Markdown = str
"""Text in Markdown. Raw HTML is cut down to a small safe set of tags."""

Printed = str
"""Text exactly as the source document prints it."""

Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]

WebAddress = Annotated[
    str,
    StringConstraints(pattern=r"^(?:[Hh][Tt][Tt][Pp][Ss]?://\S+|[^:\s]+|[^:/?#\s]*[/?#]\S*)$"),
]
"""A web address starting `https://` or `http://`, or a path on this site such as `/about/`.
Other kinds (`javascript:`, `data:`, `file:`) are refused: they can run code or hide content
behind a document's title. Write a space as `%20`."""


class Strict(BaseModel):
    """Base for every file section: unknown fields are errors, objects never change."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
        coerce_numbers_to_str=True,
    )


class Scale(StrEnum):
    """The common scale every plan's own status words are placed on."""

    complete = "complete"
    on_track = "on-track"
    in_progress = "in-progress"
    at_risk = "at-risk"
    off_track = "off-track"
    not_started = "not-started"
    not_reported = "not-reported"


Term = Literal[
    "number", "title", "text", "lead", "deadline", "monitoring", "status", "percent", "commentary"
]
"""Fields an item can declare as missing from its source."""


class Source(Strict):
    """A published document that the plan's data is transcribed from."""

    id: Slug
    """Short identifier that updates use to cite this document, e.g. `cabinet-2024-05-16`."""
    title: Printed
    """The document's title as printed on it."""
    publisher: Printed = "London Borough of Tower Hamlets"
    """Who published the document."""
    date: Printed
    """The document's date as printed, e.g. `14 September 2017` or `March 2019`."""
    meeting: Printed | None = None
    """The meeting the document went to, if any, e.g. `Overview & Scrutiny Committee`."""
    url: WebAddress | None = None
    """Where the council published the document (an `https://` or `http://` address), if that
    address is known from the source itself. Never guess one: leave it out, and the site says
    the address is not recorded."""
    file: str | None = None
    """The name of the plain-text extract the data was transcribed from, for traceability."""


LanguageTag = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")]
"""A language's tag, as in the site's `languages`: `bn` for Bengali, `cy` for Welsh."""


class Translation(Strict):
    """The council's own published translation of one field into one language. Only a translation
    the council itself published belongs here, never one made for this site (the site's own words
    are translated in its message catalogues; the council's words are the record)."""

    text: Printed
    """The translation, word for word as the council published it."""
    source: Slug
    """The `id` of the plan's source (`sources`) that prints this translation."""


class Status(Strict):
    """One word in a plan's own status vocabulary, as the plan publishes it."""

    id: Slug
    """The identifier updates use for this status, e.g. `on-target`."""
    label: Printed
    """The status word exactly as the plan publishes it, e.g. `On Target`."""
    definition: Printed | None = None
    """The plan's own definition of the status, word for word, if it publishes one."""
    scale: Scale
    """Where this status sits on the common scale, so plans using different words can be
    summarised together: `complete`, `on-track`, `in-progress`, `at-risk`, `off-track`,
    `not-started` or `not-reported`."""
    colour: Colour | None = None
    """Optional colour as `#rrggbb`; by default the common scale's colour is used."""
    translations: dict[LanguageTag, Translation] = {}
    """The council's own published translation of `label`, by language, e.g. `bn:` with the text
    and the source that prints it. Pages in that language show it; others show `label`."""


class Terms(Strict):
    """The words the plan itself uses for its levels, e.g. `Area`, `Activity`, `Key milestone`."""

    recommendation: str = "Recommendation"
    """What the plan calls a recommendation (singular)."""
    recommendations: str = "Recommendations"
    """What the plan calls recommendations (plural)."""
    action: str = "Action"
    """What the plan calls an action (singular)."""
    actions: str = "Actions"
    """What the plan calls actions (plural)."""
    milestone: str = "Milestone"
    """What the plan calls a milestone (singular)."""
    milestones: str = "Milestones"
    """What the plan calls milestones (plural)."""
    lead: str = "Lead officer"
    """The plan's heading for who is responsible, e.g. `Responsibility`."""
    deadline: str = "Deadline"
    """The plan's heading for when an item is due, e.g. `Target completion date`."""


class Section(Strict):
    """A heading above recommendations, used where a plan groups them (e.g. by appendix)."""

    id: Slug
    """Permanent identifier of the section within the plan."""
    title: Printed
    """The section heading as published."""
    summary: Markdown | None = None
    """Introductory text for the section, as published."""


class Milestone(Strict):
    """A key milestone under an action: the smallest thing a plan reports progress on."""

    id: Slug
    """Permanent identifier, unique among the plan's milestones, e.g. `1-3`. Never reuse one."""
    number: Printed | None = None
    """The milestone's number as published, if it has one."""
    text: Markdown
    """What the milestone says, word for word."""
    lead: Printed | None = None
    """Lead officer or responsibility exactly as published (names and job titles)."""
    deadline: Printed | None = None
    """The deadline exactly as printed, e.g. `May-18`, `Mar-Apr 17` or `Quarterly`."""
    page: Printed | None = None
    """Where the source prints it, as a reader would look it up: a page or paragraph, e.g. `12`
    or `para 3.8` (shown as "p. 12"). Leave it out where the source text gives none."""
    missing: list[Term] = []
    """Fields the source leaves blank or that were lost from it; readers see them marked
    as missing in the source rather than left empty."""
    notes: list[Markdown] = []
    """Transcription notes: anything the transcriber had to interpret, shown to readers."""
    former_ids: list[Slug] = []
    """Ids this milestone had before it was renamed. Their old addresses keep working: pages
    redirect here and old links to it still land on it. Never reuse a former id."""


class Action(Strict):
    """Something the council committed to do in response to a recommendation."""

    id: Slug
    """Permanent identifier, unique among the plan's actions, e.g. `14`. Never reuse one."""
    number: Printed | None = None
    """The action's number as published, e.g. `14` or `4.2`."""
    title: Printed | None = None
    """A short title, where the plan gives one."""
    text: Markdown
    """What the council committed to do, word for word."""
    lead: Printed | None = None
    """Lead officer or responsibility exactly as published (names and job titles)."""
    deadline: Printed | None = None
    """The deadline exactly as printed, e.g. `Jul-19` or `Silver – December 2018 Gold - 2022`."""
    monitoring: Printed | None = None
    """The board or committee that monitors the action, as published."""
    page: Printed | None = None
    """Where the source prints it, as a reader would look it up: a page or paragraph, e.g. `12`
    or `para 3.8` (shown as "p. 12"). Leave it out where the source text gives none."""
    missing: list[Term] = []
    """Fields the source leaves blank or that were lost from it; readers see them marked
    as missing in the source rather than left empty."""
    notes: list[Markdown] = []
    """Transcription notes: anything the transcriber had to interpret, shown to readers."""
    milestones: list[Milestone] = []
    """Key milestones under this action, in published order."""
    former_ids: list[Slug] = []
    """Ids this action had before it was renamed. Their old addresses keep working: pages
    redirect here and old links to it still land on it. Never reuse a former id."""


class Recommendation(Strict):
    """A recommendation the council is responding to (or an area or phase of the plan)."""

    id: Slug
    """Permanent identifier, unique within the plan, e.g. `r4`. It is part of the page's address."""
    number: Printed | None = None
    """The recommendation's number as published, e.g. `4`."""
    title: Printed
    """The recommendation's heading as published, e.g. `Workforce Strategy`."""
    title_translations: dict[LanguageTag, Translation] = {}
    """The council's own published translation of `title`, by language (with its source)."""
    text: Markdown | None = None
    """The full text of the recommendation, word for word."""
    section: Slug | None = None
    """The `id` of the section this recommendation sits under, if the plan has sections."""
    actions_shared_with: Slug | None = None
    """Where the plan answers this recommendation together with another one, the `id` of the
    recommendation whose actions it shares. Such a recommendation lists no actions itself."""
    missing: list[Term] = []
    """Fields the source leaves blank or that were lost from it."""
    notes: list[Markdown] = []
    """Transcription notes: anything the transcriber had to interpret, shown to readers."""
    actions: list[Action] = []
    """The actions answering this recommendation, in published order."""
    former_ids: list[Slug] = []
    """Ids this recommendation had before it was renamed. Their old addresses keep working: pages
    redirect here and old links to its page still land on it. Never reuse a former id."""


class Reading(Strict):
    """One column of an indicator table, e.g. the previous year's KPI counts."""

    label: Printed
    """The column heading as published, e.g. `Previous` or `2023 / 2024`."""
    values: dict[str, int]
    """Count for each category, e.g. `{Green: 21, Amber: 5, Red: 9}`."""


class Indicator(Strict):
    """A published set of counts that can be charted, e.g. KPIs by Green, Amber and Red."""

    id: Slug
    """Permanent identifier of the indicator within the plan."""
    title: Printed
    """The indicator's name as published, e.g. `Q3 KPI position`."""
    categories: list[str]
    """The categories in published order, e.g. `[Green, Amber, Red]`."""
    readings: list[Reading]
    """The published values, oldest first."""
    source: Slug
    """The `id` of the source document the figures come from."""
    notes: list[Markdown] = []
    """Transcription notes, shown to readers."""


class DeadlineRule(Strict):
    """A plan's published criteria tying statuses to deadlines, e.g. the 2017 Best Value plan:
    On Target = will be achieved by the deadline; Delayed = within a month of the original
    deadline; Overdue = more than a month past it. With a rule, the site lists items reported
    as on track although their deadline had passed before the update's date."""

    on_track: list[Slug] = Field(min_length=1)
    """The status ids that claim an item will meet its deadline, e.g. `[on-target]`."""
    within_a_month: Slug | None = None
    """The status id the plan's criteria give an item up to one month past its deadline."""
    more_than_a_month: Slug | None = None
    """The status id the plan's criteria give an item more than one month past its deadline."""


class Plan(Strict):
    """An improvement plan: `plans/<id>/plan.yaml`."""

    id: Slug
    """Permanent identifier of the plan; it must match the plan's folder name and is part of
    every address on the site."""
    title: Printed
    """The plan's title as published."""
    title_translations: dict[LanguageTag, Translation] = {}
    """The council's own published translation of `title`, by language (with its source)."""
    short_name: str
    """A short name used in citations, e.g. `CPC2023` in `CPC2023 R4 A2`."""
    organisation: Printed = "London Borough of Tower Hamlets"
    """The council the plan belongs to."""
    recommended_by: Printed
    """Who made the recommendations, e.g. `LGA Corporate Peer Challenge, 2018`."""
    monitored_by: Printed | None = None
    """The board or committee that monitors the plan, as published."""
    period: Printed | None = None
    """The period the plan covers, as published, e.g. `2018-2022`."""
    summary: Markdown
    """A short introduction to the plan, in the council's words where possible."""
    terms: Terms = Terms()
    """The plan's own words for its levels; defaults are Recommendation, Action, Milestone."""
    sources: list[Source] = Field(min_length=1)
    """The published documents this plan is transcribed from. The first is the one that prints
    the plan's recommendations, actions and milestones (their `page` refers to it)."""
    statuses: list[Status] = []
    """The plan's status vocabulary as published. `not-reported` is always available and
    need not be listed."""
    status_notes: Markdown | None = None
    """Any published explanation of how statuses are assigned."""
    deadline_rule: DeadlineRule | None = None
    """Only where the plan publishes criteria tying statuses to deadlines: which statuses
    claim an item is on track, and which the criteria give once a deadline has passed."""
    sections: list[Section] = []
    """Optional headings above recommendations (e.g. the appendices of a report)."""
    recommendations: list[Recommendation] = Field(min_length=1)
    """The recommendations (or areas, or phases), in published order."""
    indicators: list[Indicator] = []
    """Published counts that can be charted, such as KPI positions."""
    notes: list[Markdown] = []
    """Transcription notes about the plan as a whole, shown to readers."""
    former_ids: list[Slug] = []
    """Ids this plan had before it was renamed. Their old addresses keep working: pages
    redirect here and old links to any of its pages still land on it. Never reuse a former id."""


class Evidence(Strict):
    """A document or page offered as evidence for progress."""

    title: Printed
    """The document's name as published."""
    url: WebAddress | None = None
    """Where to read it, if it is online: an `https://` (or `http://`) address."""


class Progress(Strict):
    """What one update reported for one action or milestone."""

    action: Slug | None = None
    """The `id` of the action reported on (an id it had before a rename, listed in its
    `former_ids`, still works). Give either `action` or `milestone`."""
    milestone: Slug | None = None
    """The `id` of the milestone reported on (an id it had before a rename, listed in its
    `former_ids`, still works). Give either `action` or `milestone`."""
    status: StatusWord
    """The status as the plan publishes it: its id from the plan's `statuses`, e.g. `on-target`,
    or its label as printed, e.g. `On Target` (any case); `not-reported` (or `Not reported`)
    where the source gives no status. The file keeps what you wrote."""
    percent: Annotated[int, Field(ge=0, le=100)] | None = None
    """Percent complete as published (0 to 100), if the update gives one."""
    deadline: Printed | None = None
    """A revised deadline as printed, if this update moved it."""
    commentary: Markdown | None = None
    """The update's commentary on this item, word for word."""
    page: Printed | None = None
    """Where the source prints it, as a reader would look it up: a page or paragraph, e.g. `12`
    or `para 3.8` (shown as "p. 12"). Leave it out where the source text gives none."""
    prior_work: Markdown | None = None
    """Work the source lists as already under way before the plan (e.g. "already in train")."""
    contact: Printed | None = None
    """A contact officer named for more information, as published."""
    evidence: list[Evidence] = []
    """Supporting documents named in the update."""
    missing: list[Term] = []
    """Fields the source leaves blank or that were lost from it."""
    notes: list[Markdown] = []
    """Transcription notes, shown to readers."""


class RecommendationSummary(Strict):
    """A published summary of progress for one recommendation (or area) in an update."""

    recommendation: Slug
    """The `id` of the recommendation the summary is about (or an id it had before a rename)."""
    text: Markdown
    """The summary, in the council's words."""


class Update(Strict):
    """A quarterly progress update: `plans/<plan>/updates/<yyyy-yy-qn>.yaml`."""

    period: Period
    """The financial-year quarter the update reports on, e.g. `2017/18 Q2`. One file per period."""
    title: Printed
    """The update's title as published, e.g. `Best Value Improvement Plan 2017-18 – April-Sept 2017 Update`."""
    date: Printed
    """The date of the update's report as printed, e.g. `14th September 2017`."""
    covers: Printed | None = None
    """The period the update covers as published, e.g. `April-September 2017`."""
    meeting: Printed | None = None
    """The meeting the update went to, as published."""
    source: Slug
    """The `id` of the plan's source document this update is transcribed from."""
    summary: Markdown | None = None
    """The update's summary (e.g. key achievements), in the council's words."""
    summaries: list[RecommendationSummary] = []
    """Per-recommendation summaries, where the update publishes them."""
    notes: list[Markdown] = []
    """Transcription notes about the update as a whole, shown to readers."""
    progress: list[Progress] = []
    """What the update reported for each action or milestone. Items left out are shown as
    not reported in this update."""
