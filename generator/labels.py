"""How things are named on the site, in each plan's own words (never by internal ids).

A name here is made only of the council's words (its terms, numbers and titles) with the
punctuation between them, so it has no message for the catalogues: on a page in another
language the whole name is the council's, shown as published and marked with its language
(`generator.i18n.marking.council`) where it is put into a sentence or a heading."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from generator import text
from generator.i18n import _
from generator.i18n.marking import council, council_text
from generator.model import Action, Item, Plan, Recommendation, Section, Status
from generator.resolve import NOT_REPORTED, NOT_REPORTED_LABEL

_REFERENCE = re.compile(r"^\d+(?:[-.]\d+)*[a-z]?$")
"""An id that reads as a reference a reader could have seen or cited ("19-5", "4.2", "14");
other ids ("procurement-1-1") are internal and never shown as names."""


def status_text(status: Status) -> str:
    """A status as a reader sees it, as plain text: the site's own "Not reported" in the page's
    language; otherwise the plan's own word, or the council's published translation of it."""
    if status.id == NOT_REPORTED:
        return _(NOT_REPORTED_LABEL)
    return council_text(status.label, status.translations)


def status_html(status: Status) -> Markup:
    """The same in a page: the plan's own word marked as the council's (`lang`)."""
    if status.id == NOT_REPORTED:
        return escape(_(NOT_REPORTED_LABEL))
    return council(status.label, status.translations)


def section_of(plan: Plan, rec: Recommendation) -> Section | None:
    """The section (e.g. an appendix) the recommendation is printed under, if any."""
    return next((s for s in plan.sections if s.id == rec.section), None)


def section_short(section: Section) -> str:
    """A section's name as a prefix: the part of its title before the first colon
    ("Appendix 3" of "Appendix 3: Procurement Improvement Plan"), else the whole title."""
    head, colon, _ = section.title.partition(":")
    return head.strip() if colon and head.strip() else section.title


def rec_label(plan: Plan, rec: Recommendation) -> str:
    """"Recommendation 4: Workforce Strategy", in the plan's own words."""
    if not rec.number and rec.title.startswith(plan.terms.recommendation):
        return rec.title  # e.g. "Recommendation 5 (heading missing in the source)"
    number = f" {rec.number}" if rec.number else ""
    return f"{plan.terms.recommendation}{number}: {rec.title}"


def rec_name(plan: Plan, rec: Recommendation) -> str:
    """The label with its section where titles repeat across sections, so it can stand on its
    own in a chart, a list or a citation: "Appendix 3, Phase 1: Stabilise Operations"."""
    label = rec_label(plan, rec)
    section = section_of(plan, rec)
    if section is None or not _titles_repeat(plan):
        return label
    return f"{section_short(section)}, {label}"


def _titles_repeat(plan: Plan) -> bool:
    heads = [rec_label(plan, r).partition(":")[0] for r in plan.recommendations]
    return len(set(heads)) < len(heads)


def reference(item: Item) -> str | None:
    """The item's reference as printed ("19-5", "4.2"), or None when it has none a reader
    would know (its id is then internal)."""
    if item.number:
        return item.number
    return item.id if _REFERENCE.match(item.id) else None


def term(plan: Plan, item: Item) -> str:
    """The plan's word for the item's level: "Activity", "Key milestone"."""
    return plan.terms.action if isinstance(item, Action) else plan.terms.milestone


def item_label(plan: Plan, item: Item) -> str:
    """"Activity 3", "Key milestone 3-2" or, with no reference, the item's own words
    shortened: "Activity “Identify key risk areas and outline solutions”"."""
    ref = reference(item)
    if ref is None:
        return f"{term(plan, item)} “{shorten(text.plain(item.text), 60)}”"
    title = f": {item.title}" if isinstance(item, Action) and item.title else ""
    return f"{term(plan, item)} {ref}{title}"


def shorten(words: str, limit: int) -> str:
    """`words` cut at a word boundary to at most `limit` characters, with an ellipsis if cut."""
    if len(words) <= limit:
        return words
    cut = words[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:-–")
    return cut + "…"


def summary_words(markdown: str) -> str:
    """An item's words as plain text of at most 90 characters, cut at a word: the comment above
    each entry of a new update, and the editing form's summary of it."""
    return shorten(text.plain(markdown), 90)
