"""Stage 6c, feeds: Atom feeds of quarterly updates, for the whole site and for each plan.

Written from the model (RFC 4287: every feed and entry has an id, a title and an updated
time). An entry's `updated` time is when its update file last changed in git, or, without
history, the update's printed date (or the end of its quarter when the date cannot be read).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from xml.etree import ElementTree as ET

from generator import address, text, urls
from generator.derived import Derived, PlanFacts, UpdateFacts
from generator.gitinfo import History
from generator.i18n import _
from generator.i18n.state import current
from generator.model import Plan, Update
from generator.pages import Asset

ATOM = "http://www.w3.org/2005/Atom"
SITE_FEED = "feed.xml"


def plan_feed_path(plan: Plan) -> str:
    """The address of a plan's feed."""
    return f"{urls.plan_url(plan)}feed.xml"


def feeds(derived: Derived, site_url: str, site_name: str, history: History | None) -> list[Asset]:
    """The site-wide feed and one feed per plan."""
    everything = [(facts, found) for facts in derived for found in facts.updates]
    assets = [Asset(SITE_FEED, _feed(_title(site_name), site_url, SITE_FEED, everything, history))]
    for facts in derived:
        plan = facts.plan
        entries = [(facts, found) for found in facts.updates]
        assets.append(Asset(plan_feed_path(plan),
                            _feed(_title(plan.title), site_url, plan_feed_path(plan), entries, history)))
    return assets


def _title(name: str) -> str:
    # Translators: a news feed's title; name is the site's name or a plan's title.
    return _("%(name)s: quarterly updates", name=name)


def _when(day: date) -> str:
    return datetime.combine(day, time(0, 0), tzinfo=UTC).isoformat().replace("+00:00", "Z")


def _updated(update: Update, history: History | None) -> str:
    if history is not None and (commits := history.of(update.file)):
        return commits[-1].when.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return _when(update.date.start if update.date.precision == "day" and update.date.start else update.period.end)


def _feed(title: str, site_url: str, path: str, entries: list[tuple[PlanFacts, UpdateFacts]],
          history: History | None) -> bytes:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    if not current().is_council:  # a feed in another language says which; its entries quote the council's English
        feed.set("{http://www.w3.org/XML/1998/namespace}lang", current().code)
    ET.SubElement(feed, f"{{{ATOM}}}id").text = address.identifier(site_url, path)
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    dated = sorted(((_updated(f.update, history), p, f) for p, f in entries), key=lambda e: (e[0], e[1].plan.id),
                   reverse=True)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = dated[0][0] if dated else _when(date(2000, 1, 1))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml",
                  href=address.absolute(site_url, path))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=address.absolute(site_url, ""))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = entries[0][0].plan.organisation if entries else title
    for updated, facts, found in dated:
        feed.append(_entry(site_url, facts.plan, found, updated))
    ET.indent(feed)
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def _entry(site_url: str, plan: Plan, found: UpdateFacts, updated: str) -> ET.Element:
    update = found.update
    page = urls.update_url(plan, update.period)
    entry = ET.Element(f"{{{ATOM}}}entry")
    ET.SubElement(entry, f"{{{ATOM}}}id").text = address.identifier(site_url, page)
    # Translators: a news feed entry's title, e.g. "BVIP 2017/18 Q2 update: Best Value Improvement
    # Plan progress"; plan is the plan's short name, period the quarter, title the update's title.
    ET.SubElement(entry, f"{{{ATOM}}}title").text = _("%(plan)s %(period)s update: %(title)s", plan=plan.short_name,
                                                      period=update.period.label, title=update.title)
    ET.SubElement(entry, f"{{{ATOM}}}updated").text = updated
    if update.date.precision == "day" and update.date.start:
        ET.SubElement(entry, f"{{{ATOM}}}published").text = _when(update.date.start)
    ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=address.absolute(site_url, page))
    # Translators: the first sentence of a news feed entry; plan is the plan's title, period the
    # quarter, date the update's date as the council printed it.
    sentences = [_("%(plan)s, %(period)s update (%(date)s).", plan=plan.title, period=update.period.label,
                   date=update.date.printed)]
    if update.meeting:
        # Translators: in a news feed entry; meeting is the meeting as the council names it.
        sentences.append(_("Reported to %(meeting)s.", meeting=update.meeting))
    sentences.append(found.mix.sentence())
    excerpt = text.plain(update.summary)
    if excerpt:
        sentences.append(excerpt if len(excerpt) <= 600 else excerpt[:599].rstrip() + "…")
    ET.SubElement(entry, f"{{{ATOM}}}summary").text = " ".join(sentences)
    return entry
