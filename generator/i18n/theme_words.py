"""The words of the site-wide theme (`theme/`: the header's search box, the footer's links, the
page-not-found page, the feeds' names, and what its scripts write), in the language being rendered.

The theme is rendered by MkDocs/Material or Zensical, not by the generator's templates, so it has
no gettext of its own: each page carries these words in its metadata (`words:`), the theme reads
them from there with the English text as fallback (`theme/partials/cp-search.html`), and
`theme/main.html` gives them to the scripts as JSON (`<script id="cp-words">`). Messages keep
their named placeholders (`%(name)s`): the theme and the scripts fill them in. The words go into
the metadata as plain text, not escaped: the theme escapes them (`| e`) and the scripts set them
as text.

A message with a count is given once for each of the language's plural categories (CLDR's
`zero`, `one`, `two`, `few`, `many`, `other`; Welsh has six, Bengali two), under its key with the
category appended (`results_one`, `results_other`): the scripts pick the category for a number
with the browser's `Intl.PluralRules`, which follows the same rules.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.i18n.active import _, current, ngettext

_SAMPLES = range(200)
"""Numbers searched for one of each plural category (every language's categories have one below 200)."""


def theme_words() -> dict[str, str]:
    """Every word of the theme, by key, in the active language."""
    return {
        # theme/main.html
        "feed_all": _("All quarterly updates"),
        "feed_plan": _("Quarterly updates of this plan"),
        # theme/partials/cp-search.html
        # Translators: the name of the header's search form, heard as "Site search".
        "search_form": _("Site"),
        "search_label": _("Search plans, references and updates"),
        # Translators: the hint inside the header's search box, and its button (heard by screen readers).
        "search": _("Search"),
        "search_all": _("All results, with filters"),
        # theme/partials/copyright.html
        "footer": _("Site information"),
        "accessibility": _("Accessibility statement"),
        "contact": _("Contact and feedback"),
        "corrections": _("Corrections"),
        "editors": _("For editors"),
        # theme/404.html
        "not_found": _("Page not found"),
        "not_found_none": _("There is no page at this address."),
        "not_found_check": _("If you typed the address, check it. If you followed a link, from this site or from "
                             "a meeting paper, please tell us: every address this site has published should keep "
                             "working."),
        "not_found_home": _("Home: how each plan is going"),
        "not_found_plans": _("All plans"),
        # Translators: "link" is a link whose words are "search the site".
        "not_found_search": _("You can also %(link)s, or use the search box at the top of the page, to find a plan, "
                              "a recommendation or a reference such as 19-5."),
        "not_found_search_link": _("search the site"),
        # theme/assets/javascripts/plans.js
        # Translators: the name of a table's scrolling box: its number on the page, then its caption or heading.
        "table_named": _("Table %(number)s: %(name)s"),
        "table": _("Table %(number)s"),
        "copy_link": _("Copy link"),
        # Translators: "name" is the citation the link is named with, e.g. "BVIP Key milestone 19-5".
        "copy_link_to": _("Copy link to %(name)s"),
        "copied": _("Copied"),
        "link_copied": _("Link copied: %(address)s"),
        "address_of": _("Address of %(name)s"),
        "copy_refused": _("Copying was not allowed. The address is selected: press Ctrl+C (or Cmd+C) to copy it."),
        "print_pack": _("Print this pack"),
        # Translators: at the foot of every printed page: the date it was printed and the page's address.
        "printed_on": _("Printed on %(date)s from %(address)s"),
        # theme/assets/javascripts/search.js
        "filter_plan": _("Plan"),
        "filter_plan_any": _("Any plan"),
        "filter_status": _("Status"),
        "filter_status_any": _("Any status"),
        "filter_kind": _("Kind of page"),
        "filter_kind_any": _("Any kind"),
        # Translators: a search result's status; "status" is the plan's own word, e.g. "On Target".
        "result_status": _("Status: %(status)s"),
        # Translators: the kind of page of an item's latest position (the same words as the search filter's).
        "kind_latest": _("Latest position"),
        "no_results": _("No results for “%(query)s”."),
        "search_failed": _("Search could not be loaded. Please try again, or browse the list of plans."),
        **_each_form("results", lambda n: ngettext(
            "%(count)s result for “%(query)s”.", "%(count)s results for “%(query)s”.", n,
            count="%(count)s", query="%(query)s")),
        # Translators: "pages" is how many pages of results were read so far (more can be shown).
        **_each_form("results_more", lambda n: ngettext(
            "%(count)s result for “%(query)s”, from the first %(pages)s pages found.",
            "%(count)s results for “%(query)s”, from the first %(pages)s pages found.", n,
            count="%(count)s", query="%(query)s", pages="%(pages)s")),
    }


def _each_form(key: str, message: Callable[[int], str]) -> dict[str, str]:
    """`message` (an ngettext whose placeholders are left for the script to fill) in each plural
    category of the active language, keyed `<key>_<category>`."""
    rule = current().locale.plural_form
    forms: dict[str, str] = {}
    for n in _SAMPLES:
        forms.setdefault(f"{key}_{rule(n)}", message(n))
    return forms
