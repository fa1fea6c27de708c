"""What every rendered page shares: the template environment, dates and phrases, breadcrumbs,
chart figures and citations."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined, pass_context, pass_eval_context
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from markupsafe import Markup

from generator import search_terms, text, urls
from generator.charts import drawing
from generator.charts.numbers import table
from generator.charts.specs import ChartFile
from generator.charts.words import summary
from generator.dates import PrintedDate
from generator.derive import Mix
from generator.gitinfo import long_date
from generator.i18n import active, addresses, formats, marking
from generator.labels import item_label
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
    env.globals["council_html"] = marking.council_html
    env.globals["en_lang"] = marking.lang_attribute
    env.globals["number"] = formats.number
    env.filters["rel"] = _rel
    env.filters["block"] = text.block
    env.filters["headed"] = _headed
    env.globals["scale_label"] = scale_label
    env.globals["long_date"] = long_date
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


def shown_date(value: PrintedDate) -> str:
    """A printed date in the site's one style: "14 September 2017", "May 2017", "2017"; text
    that cannot be read as a date is shown as printed."""
    if value.start is None or value.end is None:
        return value.printed
    if value.precision == "day":
        return long_date(value.start)
    if value.precision == "month":
        return value.start.strftime("%B %Y")
    if value.precision == "months":
        return f"{value.start.strftime('%B')}–{value.end.strftime('%B %Y')}"
    return str(value.start.year)


def date_phrase(value: PrintedDate) -> str:
    """A date in the site's style, or, where the source's text is not a date, that text quoted."""
    return shown_date(value) if value.readable else f"date recorded as “{value.printed}”"


def update_when(update: Update) -> str:
    """"the 2017/18 Q2 update, 14 September 2017", the date in the site's style."""
    return f"the {update.period.label} update, {date_phrase(update.date)}"


def counted(mix: Mix) -> str:
    """"115 key milestones", "1 action": a count in the plan's own words."""
    return f"{mix.total} {(mix.noun if mix.total == 1 else mix.nouns).lower()}"


def as_at(plan: Plan) -> str:
    """What the latest position of a plan is, in one sentence."""
    latest = plan.latest
    if latest is None:
        return "No update has been published yet."
    return f"Latest position: {update_when(latest)}."


def as_at_short(update: Update | None) -> str:
    """"2017/18 Q2 (14 September 2017)", printed on paper copies of a page."""
    return f"{update.period.label} ({shown_date(update.date)})" if update else ""


def description(sentence: str) -> str:
    """A page's meta description: plain text, at most 300 characters, cut at a word."""
    plain = html.unescape(sentence)
    return plain if len(plain) <= 300 else plain[:299].rsplit(" ", 1)[0] + "…"


def trail(plan: Plan | None, *rest: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    """The breadcrumb trail: Home › Plans › the plan's name › …, the last one unlinked."""
    steps: list[tuple[str, str | None]] = [("Home", ""), ("Plans", urls.PLANS)]
    if plan is not None:
        steps.append((plan.title, urls.plan_url(plan)))
    steps.extend(rest)
    last_label, _ = steps[-1]
    steps[-1] = (last_label, None)
    return steps


def cite(plan: Plan, item: Item, update: Update | None) -> str:
    """A short citation, e.g. "BVIP Key milestone 19-5, as at 2017/18 Q2"."""
    as_at_text = f", as at {update.period.label}" if update else ""
    return f"{plan.short_name} {item_label(plan, item)}{as_at_text}"


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
    return (f'<p class="cp-updated">Page last changed on <time datetime="{day.isoformat()}">{long_date(day)}</time> '
            "(when this site's copy changed, not a date from the council).</p>\n")


_ENV = _environment()
