"""The tables of actions and milestones on recommendation and update pages.

One row per item: its reference and words as a heading (so a page's headings list is an index
of its items), who leads it, its deadline as printed, its status word and percent complete.
What the update said about it, its notes, its history and its permanent link are in the row's
details, one activation away, still addressed by `#milestone-…` and `#action-…`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from generator import changes, derive, text, urls
from generator.attention import Attention, Flagged
from generator.changes import Moment
from generator.dates import PrintedDate
from generator.derived import PlanFacts
from generator.i18n import _
from generator.i18n.marking import council
from generator.labels import item_label, rec_name, reference, shorten
from generator.model import Action, Item, Plan, Report, Status, Update
from generator.render.common import as_html, cite

HEADING_LIMIT = 160
"""Item words longer than this (or in several paragraphs) are shortened in the heading and
given in full in the row's details."""


@dataclass(frozen=True)
class Row:
    """One action or milestone as a table row and its details."""

    item: Item
    label: str
    """"Key milestone 19-5", the item named in the plan's words."""
    ref: str | None
    """The item's reference as printed ("19-5"), if it has one a reader would know."""
    heading: str
    """The item's words (its title, where it has one), shortened at a word where long."""
    level: int
    full_text: Markup | None
    """The item's words in full, where the heading does not hold them all."""
    lead: str | None
    monitoring: str | None
    deadline: PrintedDate | None
    revised: PrintedDate | None
    """The deadline in force at the update shown, where it differs from the plan's."""
    moves: int
    status: Status
    report: Report | None
    flagged: Flagged | None
    history: tuple[Moment, ...]
    """The item in every update up to the one shown; empty when there is only one."""
    link: str
    """The permanent address of the item as this page shows it."""
    other_link: str
    """Live pages: the item as at the update shown; archived views: its latest position."""
    cite: Markup
    """A short citation of the item (HTML)."""
    context: str
    """The recommendation's name, heard after the heading of an item without a reference (its words
    alone may repeat from one recommendation to the next)."""

    @property
    def anchor(self) -> str:
        """The row's fragment, `milestone-19-5`."""
        return self.item.anchor

    @property
    def former_anchors(self) -> tuple[str, ...]:
        """Fragments the item had under ids it was renamed from (old links keep working)."""
        return tuple(f"{self.item.kind}-{old}" for old in self.item.former_ids)


@dataclass(frozen=True)
class Table:
    """Rows shown together, with the columns any of them fills."""

    caption: Markup
    """What the table lists (HTML)."""
    item_word: str
    """The plan's word for the items in it (the council's)."""
    rows: tuple[Row, ...]

    @property
    def has_lead(self) -> bool:
        """Any row names a lead (else the column is left out)."""
        return any(r.lead for r in self.rows)

    @property
    def has_deadline(self) -> bool:
        """Any row gives a deadline."""
        return any(r.deadline or r.revised for r in self.rows)

    @property
    def has_percent(self) -> bool:
        """Any row reports a percent complete."""
        return any(r.report is not None and r.report.percent is not None for r in self.rows)

    @property
    def columns(self) -> int:
        """How many columns the table has."""
        return 2 + self.has_lead + self.has_deadline + self.has_percent


@dataclass(frozen=True)
class ActionGroup:
    """An action with milestones: its own heading and facts, then a table of its milestones."""

    action: Row
    table: Table


Block = Table | ActionGroup


@dataclass(frozen=True)
class View:
    """Which update a page shows items as at, and whether it is an archived view of it."""

    facts: PlanFacts
    shown: Update | None
    archive: bool
    attention: Attention | None

    @property
    def plan(self) -> Plan:
        """The plan shown."""
        return self.facts.plan

    def link(self, item: Item) -> str:
        """The item's permanent address on this page: frozen at the update on archived views."""
        if self.archive and self.shown is not None:
            return archived_item_url(self.plan, self.shown, item)
        return urls.item_url(self.plan, item)

    def other_link(self, item: Item) -> str:
        """The other view of the item: its latest position, or the update shown, frozen."""
        if self.archive or self.shown is None:
            return urls.item_url(self.plan, item)
        return archived_item_url(self.plan, self.shown, item)


def archived_item_url(plan: Plan, update: Update, item: Item) -> str:
    """The item on its recommendation's page as `update` reported it (never changes)."""
    return urls.archive_recommendation_url(plan, update.period, urls.owner(plan, item)) + "#" + item.anchor


def view(facts: PlanFacts, shown: Update | None, archive: bool) -> View:
    """The view of a plan as at `shown`, with its exceptions."""
    return View(facts, shown, archive, facts.attention(shown))


def blocks(v: View, actions: Sequence[Action], level: int) -> list[Block]:
    """The rows of `actions` grouped for display: consecutive actions without milestones share
    one table; an action with milestones gets a heading and a table of its milestones."""
    result: list[Block] = []
    loose: list[Row] = []
    plan = v.plan

    def flush() -> None:
        if loose:
            # Translators: a table's caption; %(actions)s, %(lead)s and %(deadline)s are the plan's
            # own words for its actions, who leads them and their deadlines ("Activities", "lead
            # officer", "deadline").
            caption = as_html(_("%(actions)s, their %(lead)s, %(deadline)s and status"),
                              actions=council(plan.terms.actions), lead=council(plan.terms.lead.lower()),
                              deadline=council(plan.terms.deadline.lower()))
            result.append(Table(caption, plan.terms.action, tuple(loose)))
            loose.clear()

    for action in actions:
        if not action.milestones:
            loose.append(row(v, action, level))
            continue
        flush()
        milestones = tuple(row(v, m, level + 1) for m in action.milestones)
        # Translators: a table's caption; %(milestones)s is the plan's word for milestones ("Key
        # milestones"), %(action)s the action's name ("Activity 3").
        caption = as_html(_("%(milestones)s of %(action)s"), milestones=council(plan.terms.milestones),
                          action=council(item_label(plan, action)))
        result.append(ActionGroup(row(v, action, level), Table(caption, plan.terms.milestone, milestones)))
    flush()
    return result


def row(v: View, item: Item, level: int) -> Row:
    """One item as `v` shows it."""
    plan, shown = v.plan, v.shown
    report = shown.report_for(item) if shown else None
    words = item.title if isinstance(item, Action) and item.title else text.plain(item.text)
    whole = len(words) <= HEADING_LIMIT and "\n" not in item.text.strip() and words == text.plain(item.text)
    in_force = derive.deadline_of(shown, item) if shown else item.deadline
    original = item.deadline.printed if item.deadline else None
    revised = in_force if in_force is not None and in_force.printed != original else None
    flagged = v.attention.of(item) if v.attention else None
    upto = shown.period.sort_key if shown else (9999, 9)
    moments = tuple(m for m in v.facts.timeline(item) if m.update.period.sort_key <= upto)
    history = moments if len(moments) > 1 else ()
    return Row(
        item=item, label=item_label(plan, item), ref=reference(item), heading=shorten(words, HEADING_LIMIT),
        level=level,
        full_text=None if whole else text.block(item.text),
        lead=item.lead, monitoring=item.monitoring if isinstance(item, Action) else None,
        deadline=item.deadline, revised=revised, moves=changes.deadline_moves(item, moments) if revised else 0,
        status=report.status if report else v.facts.not_reported, report=report, flagged=flagged,
        history=history, link=v.link(item), other_link=v.other_link(item), cite=cite(plan, item, shown),
        context="" if reference(item) else rec_name(plan, urls.owner(plan, item)),
    )


def any_missing(blocks: Sequence[Block]) -> bool:
    """True when some cell will show a dash (so the page says once what a dash means)."""
    for block in blocks:
        table = block if isinstance(block, Table) else block.table
        for r in table.rows:
            if (table.has_lead and not r.lead) or (table.has_deadline and r.deadline is None) or \
                    (table.has_percent and (r.report is None or r.report.percent is None)):
                return True
    return False
