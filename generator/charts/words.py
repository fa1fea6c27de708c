"""One plain-English sentence written from a chart's data, shown beside it."""

from __future__ import annotations

from generator import scale as scale_
from generator.charts.kinds import Bar, Chart, CountChart, StatusChart
from generator.period import is_period
from generator.schema import Scale


def summary(chart: Chart) -> str:
    """One plain-English sentence written from the chart's data, for alt text and beside the chart."""
    if isinstance(chart, StatusChart):
        return " ".join(filter(None, (_status_summary(chart), chart.note)))
    return _count_summary(chart)


def _status_summary(chart: StatusChart) -> str:
    total = sum(bar.total for bar in chart.bars)
    if not total:
        return f"No {chart.noun} listed."
    if len(chart.bars) == 1:
        first, *rest = (s for s in chart.bars[0].segments if s.count)
        parts = [f"{first.count} of {total} {chart.noun} {first.label}"]
        parts += [f"{s.count} {s.label}" for s in rest]
        return ", ".join(parts) + "."
    done_word = _word(chart, Scale.complete)
    if all(is_period(bar.label) for bar in chart.bars):
        worst = _worst(chart, chart.bar_noun or "updates", past=True)
        first_bar, last_bar = chart.bars[0], chart.bars[-1]
        before = f"{_count_of(first_bar, Scale.complete)} of {first_bar.total} ({first_bar.label})"
        after = f"{_count_of(last_bar, Scale.complete)} of {last_bar.total} ({last_bar.label})"
        sentence = f"Over {len(chart.bars)} updates, {done_word} {chart.noun} went from {before} to {after}"
        return sentence + (f"; {worst}." if worst else ".")
    bars_noun = chart.bar_noun or "groups"
    worst = _worst(chart, bars_noun, past=False)
    done = sum(_count_of(bar, Scale.complete) for bar in chart.bars)
    if done == total:
        return f"Across {len(chart.bars)} {bars_noun}, all {total} {chart.noun} are {done_word}."
    amount = f"{done} of" if done else "none of the"
    sentence = f"Across {len(chart.bars)} {bars_noun}, {amount} {total} {chart.noun} are {done_word}"
    return sentence + (f"; {worst}." if worst else ".")


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
    if len(leaders) == 1:
        return f"{leaders[0]} {'had' if past else 'has'} the most {word} ({most})"
    verb = "had" if past else "have"
    if len(leaders) <= 3:
        names = ", ".join(leaders[:-1]) + " and " + leaders[-1]
        return f"{names} {verb} the most {word} ({most} each)"
    return f"{len(leaders)} {bars_noun} {verb} the most {word} ({most} each)"


def _count_summary(chart: CountChart) -> str:
    if not chart.readings:
        return f"{chart.title}: no figures published."
    if len(chart.categories) == 1:
        total = sum(counts[0] for _, counts in chart.readings)
        parts = [f"{label} {counts[0]}" for label, counts in chart.readings if counts[0]]
        return f"{chart.title}: {total} in all (" + "; ".join(parts) + ")."
    parts = [
        f"{label} " + ", ".join(f"{n} {category}" for category, n in zip(chart.categories, counts, strict=True))
        for label, counts in chart.readings
    ]
    return f"{chart.title}: " + "; ".join(parts) + "."
