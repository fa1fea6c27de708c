"""What every rendered page shares: the template environment, dates and phrases, breadcrumbs,
chart figures and citations.

The site's own words here go through the message catalogues (`_`, `ngettext`); the council's
words stay as published. A phrase that mixes the two and goes into HTML is returned as `Markup`,
the council's words in it marked with `council` (so a translated page says they are English):
templates print such a phrase as it is. Phrases for plain-text places (page titles, meta
descriptions, the contents list) are plain `str` with the council's words unmarked."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined, pass_context, pass_eval_context
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from markupsafe import Markup, escape

from generator import search_terms, text, urls
from generator.charts import drawing
from generator.charts.numbers import table
from generator.charts.specs import ChartFile
from generator.charts.words import summary
from generator.dates import PrintedDate
from generator.derive import Mix
from generator.i18n import _, active, addresses, formats, marking, ngettext
from generator.i18n.marking import council
from generator.labels import item_label, status_html
from generator.model import Item, Plan, Update
from generator.scale import label as scale_label

ChartsByPage = dict[str, list[ChartFile]]


@pass_context
def _rel(context: Context, target: str) -> str:
    return addresses.link(context["page_url"], target)


def _headed(value: str | None, level: int, context: str = "") -> Markup:
    """Published Markdown whose bold-only paragraphs ("**Key achievements**") act as headings:
    they become real headings at `level`, so they are heard as headings too. Words unchanged."""
    return text.block_with_headings(value, level, context)


@pass_eval_context
def _gettext(context: EvalContext, message: str, **values: object) -> str:
    """`{{ _("…") }}` and `{% trans %}` in templates: the message in the active language, its
    placeholders filled with escaped values (the message itself is the site's own HTML)."""
    translated = Markup(active.gettext(message)) if context.autoescape else active.gettext(message)
    return translated % values if values else translated


@pass_eval_context
def _ngettext(context: EvalContext, singular: str, plural: str, n: int, **values: object) -> str:
    """`{{ ngettext("%(num)s item", "%(num)s items", n) }}` and `{% trans count=n %}…{% pluralize %}`:
    the form for `n` in the active language, `num` (and an integer `count`) in its digits."""
    form = active.plural(singular, plural, n)
    translated = Markup(form) if context.autoescape else form
    filled = {**values, "num": formats.number(n)}
    if isinstance(filled.get("count"), int):
        filled["count"] = formats.number(n)
    return translated % filled


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        extensions=["jinja2.ext.i18n"],
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
    )
    env.newstyle_gettext = True  # type: ignore[attr-defined]  # read by jinja2.ext.i18n's {% trans %}
    env.globals.update(_=_gettext, gettext=_gettext, ngettext=_ngettext)
    env.globals["council"] = marking.council
    env.globals["status_html"] = status_html
    env.globals["council_html"] = marking.council_html
    env.globals["en_lang"] = marking.lang_attribute
    env.globals["number"] = formats.number
    env.filters["rel"] = _rel
    env.filters["block"] = text.block
    env.filters["headed"] = _headed
    env.globals["scale_label"] = scale_label
    env.globals["long_date"] = formats.long_date
    env.globals["shown_date"] = shown_date
    env.globals["date_phrase"] = date_phrase
    env.globals["counted"] = counted
    env.globals["opening"] = text.opening
    env.globals["corrections_url"] = urls.CORRECTIONS
    env.globals["item_terms"] = search_terms.item_terms
    env.globals["rec_terms"] = search_terms.rec_terms
    return env


def keep_compiled_templates(folder: Path) -> None:
    """Keep the compiled templates in `folder` between builds (Jinja checks each one's source,
    so an edited template is compiled again)."""
    folder.mkdir(parents=True, exist_ok=True)
    _ENV.bytecode_cache = FileSystemBytecodeCache(str(folder))


def render(template: str, page_url: str, **context: Any) -> str:
    """Render one of `generator/templates/` for the page at `page_url` (links are made relative to it)."""
    context.setdefault("corrections", ())
    return _ENV.get_template(template).render(page_url=page_url, **context)


# --- dates and phrases ------------------------------------------------------------------


def as_html(message: str, **values: object) -> Markup:
    """A site message for HTML, translated with `_` (placeholders not yet filled): the message
    is the site's own HTML; values are escaped, except HTML already made (such as the council's
    words marked with `council`). `as_html(_("Latest position: %(when)s."), when=…)`."""
    return Markup(message) % values if values else Markup(message)


def lcfirst(words: str) -> str:
    """`words` with the first letter small, for a plan's term inside a sentence ("Deadline" →
    "deadline"), the rest as published."""
    return words[:1].lower() + words[1:]


def either(words: list[Markup]) -> Markup:
    """"Overdue or Delayed": any of several (status words, marked as the council's)."""
    joined = words[0]
    for word in words[1:]:
        # Translators: joins two words, either of which could be meant ("Overdue or Delayed"); a
        # third is joined to the pair the same way. Both are status words as the council published
        # them.
        joined = as_html(_("%(either)s or %(other)s"), either=joined, other=word)
    return joined


def shown_date(value: PrintedDate) -> str:
    """A printed date in the site's one style: "14 September 2017", "May 2017", "2017"; text
    that cannot be read as a date is shown as printed."""
    if value.start is None or value.end is None:
        return value.printed
    if value.precision == "day":
        return formats.long_date(value.start)
    if value.precision == "month":
        return formats.month_year(value.start)
    if value.precision == "months":
        return formats.month_span(value.start, value.end)
    return formats.year(value.start)


def date_phrase(value: PrintedDate) -> Markup:
    """A date in the site's style, or, where the source's text is not a date, that text quoted."""
    if value.readable:
        return escape(shown_date(value))
    # Translators: instead of a date, where the council printed something that is not one (e.g.
    # "Ongoing"); %(printed)s is its text as printed.
    return as_html(_("date recorded as “%(printed)s”"), printed=council(value.printed))


def update_when(update: Update) -> Markup:
    """"the 2017/18 Q2 update, 14 September 2017", the date in the site's style."""
    # Translators: %(period)s is the update's period as the council prints it ("2017/18 Q2");
    # %(date)s the date it was published. Part of "Latest position: …".
    return as_html(_("the %(period)s update, %(date)s"), period=council(update.period.label),
                date=date_phrase(update.date))


def counted(mix: Mix) -> Markup:
    """"115 key milestones", "1 action": a count in the plan's own words."""
    noun = (mix.noun if mix.total == 1 else mix.nouns).lower()
    # Translators: a count of a plan's items; %(noun)s is the plan's own word for them as the
    # council published it ("key milestones", "actions"), already singular or plural in English.
    return Markup(ngettext("%(count)s %(noun)s", "%(count)s %(noun)s", mix.total, noun=council(noun)))


def update_name(update: Update) -> Markup:
    """"2017/18 Q2 update", as a breadcrumb names an update's page (HTML)."""
    # Translators: an update's name; %(period)s is its period as the council prints it ("2017/18 Q2").
    return as_html(_("%(period)s update"), period=council(update.period.label))


def as_at(plan: Plan) -> Markup:
    """What the latest position of a plan is, in one sentence."""
    latest = plan.latest
    if latest is None:
        return as_html(_("No update has been published yet."))
    # Translators: %(when)s is "the 2017/18 Q2 update, 14 September 2017".
    return as_html(_("Latest position: %(when)s."), when=update_when(latest))


def as_at_short(update: Update | None) -> str:
    """"2017/18 Q2 (14 September 2017)", printed on paper copies of a page (plain text)."""
    if update is None:
        return ""
    # Translators: which update a printed page shows: its period as the council prints it
    # ("2017/18 Q2") and its date.
    return _("%(period)s (%(date)s)", period=update.period.label, date=shown_date(update.date))


def description(sentence: str) -> str:
    """A page's meta description: plain text, at most 300 characters, cut at a word."""
    plain = html.unescape(sentence)
    return plain if len(plain) <= 300 else plain[:299].rsplit(" ", 1)[0] + "…"


def trail(plan: Plan | None, *rest: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    """The breadcrumb trail: Home › Plans › the plan's name › …, the last one unlinked. Labels
    are text, or `Markup` where they hold the council's words (marked with `council`)."""
    # Translators: the first two steps of the breadcrumb trail at the top of every page.
    steps: list[tuple[str, str | None]] = [(_("Home"), ""), (_("Plans"), urls.PLANS)]
    if plan is not None:
        steps.append((council(plan.title), urls.plan_url(plan)))
    steps.extend(rest)
    steps[-1] = (steps[-1][0], None)
    return steps


def cite(plan: Plan, item: Item, update: Update | None) -> Markup:
    """A short citation, e.g. "BVIP Key milestone 19-5, as at 2017/18 Q2" (HTML)."""
    name = council(f"{plan.short_name} {item_label(plan, item)}")
    if update is None:
        return name
    # Translators: a short citation of an item: %(item)s is the plan's short name and the item's
    # name as the council published them ("BVIP Key milestone 19-5"); %(period)s the update
    # ("2017/18 Q2").
    return as_html(_("%(item)s, as at %(period)s"), item=name, period=council(update.period.label))


# --- charts -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A chart as a page shows it: its drawing, its sentence, and its numbers."""

    name: str
    title: str
    summary: str
    svg: str
    csv: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    width: int
    height: int
    table_shown: bool = False
    """True when the page shows the same numbers in a visible table (no disclosure is needed)."""


def figures(files: list[ChartFile]) -> list[Figure]:
    """The page's charts, ready for the `figures` macro."""
    result = []
    for f in files:
        header, rows = table(f.chart)
        name = f.svg_path.rsplit("/", 1)[-1].removesuffix(".svg")
        width, height = drawing.size(f.chart)
        result.append(Figure(name, f.chart.title, summary(f.chart), f.svg_path, f.csv_path, header, rows,
                             width, height))
    return result


def last_changed_html(day: date | None) -> str:
    """The line at the foot of every page saying when the site's copy of it last changed."""
    if day is None:
        return ""
    when = Markup(f'<time datetime="{day.isoformat()}">{escape(formats.long_date(day))}</time>')
    # Translators: at the foot of every page; %(date)s is a date ("14 September 2017").
    line = as_html(_("Page last changed on %(date)s (when this site's copy changed, not a date from the council)."),
                date=when)
    return f'<p class="cp-updated">{line}</p>\n'



_ENV = _environment()
