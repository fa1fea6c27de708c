"""One plain sentence written from a chart's data, shown beside it, in the chart's language.

The site's words are messages (`generator.i18n`); the plan's words (its nouns, status words,
recommendation names and periods) are put into them as they were published."""

from __future__ import annotations

from generator import scale as scale_
from generator.charts.kinds import Bar, Chart, CountChart, StatusChart
from generator.i18n import _, ngettext, use
from generator.i18n.formats import number
from generator.period import is_period
from generator.schema import Scale


def summary(chart: Chart) -> str:
    """One plain sentence written from the chart's data, for alt text and beside the chart."""
    with use(chart.language):
        if isinstance(chart, StatusChart):
            return " ".join(filter(None, (_status_summary(chart), chart.note)))
        return _count_summary(chart)


def _status_summary(chart: StatusChart) -> str:
    total = sum(bar.total for bar in chart.bars)
    if not total:
        # Translators: a chart's sentence when it has nothing to count; nouns is the plan's own
        # word for what it counts (e.g. "key milestones").
        return _("No %(nouns)s listed.", nouns=chart.noun)
    if len(chart.bars) == 1:
        first, *rest = (s for s in chart.bars[0].segments if s.count)
        # Translators: the start of a chart's sentence, e.g. "9 of 14 key milestones Completed";
        # nouns is the plan's own word for what it counts, status its own status word.
        parts = [ngettext("%(count)s of %(total)s %(nouns)s %(status)s", "%(count)s of %(total)s %(nouns)s %(status)s",
                          first.count, total=number(total), nouns=chart.noun, status=first.label)]
        # Translators: one count in a list of counts, e.g. "3 On Target"; status is the plan's own word.
        parts += [ngettext("%(count)s %(status)s", "%(count)s %(status)s", s.count, status=s.label) for s in rest]
        # Translators: a sentence made of a list of counts, e.g. "9 of 14 key milestones Completed,
        # 3 On Target, 2 Overdue."
        return _("%(counts)s.", counts=", ".join(parts))
    if all(is_period(bar.label) for bar in chart.bars):
        return _over_updates(chart)
    return _across_groups(chart)


def _over_updates(chart: StatusChart) -> str:
    """The sentence of a chart with one bar per update: how the completed count moved."""
    # Translators: the plural word for the bars of a chart, one per quarterly update, put in
    # the sentence "4 updates had the most Overdue (1 each)".
    most = _worst(chart, chart.bar_noun or _("updates"), past=True)
    first_bar, last_bar = chart.bars[0], chart.bars[-1]
    values = {"status": _word(chart, Scale.complete), "nouns": chart.noun, "before": _completed_in(first_bar),
              "after": _completed_in(last_bar)}
    if most:
        # Translators: a chart's sentence; status is the plan's word for complete, nouns its word
        # for what it counts, before and after "5 of 115 (2017/18 Q2)", most says which update
        # had the most of the gravest status, e.g. "2018/19 Q1 had the most Overdue (6)".
        return ngettext("Over %(count)s updates, %(status)s %(nouns)s went from %(before)s to %(after)s; %(most)s.",
                        "Over %(count)s updates, %(status)s %(nouns)s went from %(before)s to %(after)s; %(most)s.",
                        len(chart.bars), most=most, **values)
    # Translators: a chart's sentence; status is the plan's word for complete, nouns its word
    # for what it counts, before and after "5 of 115 (2017/18 Q2)".
    return ngettext("Over %(count)s updates, %(status)s %(nouns)s went from %(before)s to %(after)s.",
                    "Over %(count)s updates, %(status)s %(nouns)s went from %(before)s to %(after)s.",
                    len(chart.bars), **values)


def _completed_in(bar: Bar) -> str:
    # Translators: how many of a chart's items were complete in one update, e.g. "5 of 115 (2017/18 Q2)".
    return ngettext("%(count)s of %(total)s (%(period)s)", "%(count)s of %(total)s (%(period)s)",
                    _count_of(bar, Scale.complete), total=number(bar.total), period=bar.label)


def _across_groups(chart: StatusChart) -> str:
    """The sentence of a chart with one bar per group (a recommendation): how many are complete."""
    total = sum(bar.total for bar in chart.bars)
    # Translators: the plural word for the bars of a chart where the plan gives none, put in the
    # sentence "Across 2 groups, none of the 7 actions are complete".
    groups = chart.bar_noun or _("groups")
    most = _worst(chart, groups, past=False)
    done = sum(_count_of(bar, Scale.complete) for bar in chart.bars)
    values = {"bars": number(len(chart.bars)), "groups": groups, "nouns": chart.noun,
              "status": _word(chart, Scale.complete), "done": number(done), "most": most}
    if done == total:
        # Translators: a chart's sentence, e.g. "Across 5 areas, all 115 key milestones are Completed.";
        # bars is how many bars the chart has, groups the plan's plural word for them, nouns its
        # word for what it counts, status its word for complete.
        return ngettext("Across %(bars)s %(groups)s, all %(count)s %(nouns)s are %(status)s.",
                        "Across %(bars)s %(groups)s, all %(count)s %(nouns)s are %(status)s.", total, **values)
    if done and most:
        # Translators: a chart's sentence, e.g. "Across 5 areas, 39 of 115 key milestones are
        # Completed; Property has the most Overdue (3)." (most is the part after the semicolon).
        return ngettext("Across %(bars)s %(groups)s, %(done)s of %(count)s %(nouns)s are %(status)s; %(most)s.",
                        "Across %(bars)s %(groups)s, %(done)s of %(count)s %(nouns)s are %(status)s; %(most)s.",
                        total, **values)
    if done:
        # Translators: a chart's sentence, e.g. "Across 5 areas, 39 of 115 key milestones are Completed."
        return ngettext("Across %(bars)s %(groups)s, %(done)s of %(count)s %(nouns)s are %(status)s.",
                        "Across %(bars)s %(groups)s, %(done)s of %(count)s %(nouns)s are %(status)s.", total, **values)
    if most:
        # Translators: a chart's sentence, e.g. "Across 2 groups, none of the 7 actions are complete;
        # A and B have the most Overdue (1 each)." (most is the part after the semicolon).
        return ngettext("Across %(bars)s %(groups)s, none of the %(count)s %(nouns)s are %(status)s; %(most)s.",
                        "Across %(bars)s %(groups)s, none of the %(count)s %(nouns)s are %(status)s; %(most)s.",
                        total, **values)
    # Translators: a chart's sentence, e.g. "Across 2 groups, none of the 7 actions are complete."
    return ngettext("Across %(bars)s %(groups)s, none of the %(count)s %(nouns)s are %(status)s.",
                    "Across %(bars)s %(groups)s, none of the %(count)s %(nouns)s are %(status)s.", total, **values)


def _count_of(bar: Bar, scale: Scale) -> int:
    return sum(s.count for s in bar.segments if s.scale is scale)


def _word(chart: StatusChart, scale: Scale) -> str:
    """The plan's word for `scale` in this chart, or the common scale's own word."""
    words = {s.label for bar in chart.bars for s in bar.segments if s.scale is scale and s.count}
    return words.pop() if len(words) == 1 else scale_.label(scale).lower()


def _worst(chart: StatusChart, bars_noun: str, past: bool) -> str:
    """The bar with most of the gravest not-complete status, e.g. "Property has the most Overdue (3)"."""
    scale = next((sc for sc in scale_.GRAVEST_FIRST if any(_count_of(bar, sc) for bar in chart.bars)), None)
    if scale is None:
        return ""
    word = _word(chart, scale)
    most = max(_count_of(bar, scale) for bar in chart.bars)
    leaders = [bar.label for bar in chart.bars if _count_of(bar, scale) == most]
    # The phrases below end a chart's sentence, after a semicolon: which bars have the most of
    # the gravest status.
    values = {"status": word, "most": number(most), "groups": bars_noun}
    if len(leaders) == 1:
        if past:
            # Translators: ends a chart's sentence, e.g. "2018/19 Q1 had the most Overdue (6)"; name
            # is an update's period, status the plan's word, most how many.
            return _("%(name)s had the most %(status)s (%(most)s)", name=leaders[0], **values)
        # Translators: ends a chart's sentence, e.g. "Property has the most Overdue (3)"; name is a
        # recommendation's name, status the plan's word, most how many.
        return _("%(name)s has the most %(status)s (%(most)s)", name=leaders[0], **values)
    if len(leaders) == 2:
        if past:
            # Translators: ends a chart's sentence, e.g. "2017/18 Q2 and 2017/18 Q3 had the most
            # Overdue (1 each)"; first and second are updates' periods.
            return _("%(first)s and %(second)s had the most %(status)s (%(most)s each)", first=leaders[0],
                     second=leaders[1], **values)
        # Translators: ends a chart's sentence, e.g. "Grants and Property have the most Overdue
        # (1 each)"; first and second are recommendations' names.
        return _("%(first)s and %(second)s have the most %(status)s (%(most)s each)", first=leaders[0],
                 second=leaders[1], **values)
    if len(leaders) == 3:
        if past:
            # Translators: ends a chart's sentence; first, second and third are updates' periods.
            return _("%(first)s, %(second)s and %(third)s had the most %(status)s (%(most)s each)", first=leaders[0],
                     second=leaders[1], third=leaders[2], **values)
        # Translators: ends a chart's sentence; first, second and third are recommendations' names.
        return _("%(first)s, %(second)s and %(third)s have the most %(status)s (%(most)s each)", first=leaders[0],
                 second=leaders[1], third=leaders[2], **values)
    if past:
        # Translators: ends a chart's sentence, e.g. "4 updates had the most Overdue (1 each)";
        # groups is the plural word for the chart's bars.
        return ngettext("%(count)s %(groups)s had the most %(status)s (%(most)s each)",
                        "%(count)s %(groups)s had the most %(status)s (%(most)s each)", len(leaders), **values)
    # Translators: ends a chart's sentence, e.g. "4 areas have the most Overdue (1 each)"; groups
    # is the plan's plural word for the chart's bars.
    return ngettext("%(count)s %(groups)s have the most %(status)s (%(most)s each)",
                    "%(count)s %(groups)s have the most %(status)s (%(most)s each)", len(leaders), **values)


def _count_summary(chart: CountChart) -> str:
    if not chart.readings:
        # Translators: a chart's sentence; title is the indicator's name as the council published it.
        return _("%(title)s: no figures published.", title=chart.title)
    if len(chart.categories) == 1:
        total = sum(counts[0] for _reading, counts in chart.readings)
        parts = [_reading(label, number(counts[0])) for label, counts in chart.readings if counts[0]]
        # Translators: a chart's sentence; title is the indicator's name as the council published
        # it, total the sum of its figures, readings the list of them, e.g. "2017/18 Q2 5; 2017/18 Q3 7".
        return _("%(title)s: %(total)s in all (%(readings)s).", title=chart.title, total=number(total),
                 readings="; ".join(parts))
    parts = [_reading(label, ", ".join(category_count(category, n)
                                       for category, n in zip(chart.categories, counts, strict=True)))
             for label, counts in chart.readings]
    # Translators: a chart's sentence; title is the indicator's name as the council published it,
    # readings a list such as "Previous 21 Green, 5 Amber, 9 Red; Now 24 Green, 4 Amber, 7 Red".
    return _("%(title)s: %(readings)s.", title=chart.title, readings="; ".join(parts))


def _reading(label: str, figures: str) -> str:
    # Translators: one reading of an indicator in a list, e.g. "2017/18 Q2 5" or "Now 24 Green,
    # 4 Amber" (the reading as the council names it, then its figures).
    return _("%(reading)s %(figures)s", reading=label, figures=figures)


def category_count(category: str, n: int) -> str:
    """A figure of an indicator with its category, e.g. "21 Green" (in a chart and its sentence)."""
    # Translators: a figure of an indicator with its category as the council names it, e.g. "21 Green".
    return ngettext("%(count)s %(category)s", "%(count)s %(category)s", n, category=category)
