"""Chart colours, kept identical to the `--cp-*` status colours in `theme/assets/stylesheets/plans.css`.

Every status fill is at least 3:1 against the white chart background (WCAG 2.2 SC 1.4.11) and
the text drawn on it is at least 4.5:1 against the fill (SC 1.4.3). `not-reported` is the one
white fill: it is drawn with a dark dashed outline and a hatch, and the outline carries the
3:1 boundary instead. `tests/test_charts.py` checks every pair with `contrast`.
"""

from __future__ import annotations

from generator.scale import PLACES
from generator.schema import Scale

BACKGROUND = "#ffffff"
"""The chart background (and the gap drawn between stacked segments)."""

TEXT = "#0b0c0c"
"""Axis text, tick labels, legend text and any label drawn on the background."""

OUTLINE = "#505a5f"
"""The dashed outline and hatch of `not-reported` segments (as the `.cp-status--not-reported` border)."""

FILL: dict[Scale, str] = {scale: place.fill for scale, place in PLACES.items()}
"""The fill of each status on the common scale (defined in `generator.scale`)."""

LABEL: dict[Scale, str] = {scale: TEXT if fill == BACKGROUND else "#ffffff" for scale, fill in FILL.items()}
"""The colour of a count written on each fill: white on the dark fills, dark on `not-reported`."""

PATTERN: dict[Scale, str] = {scale: place.pattern for scale, place in PLACES.items() if place.pattern}
"""The pattern drawn over each fill that has one (defined in `generator.scale`)."""

PATTERN_COLOUR: dict[Scale, str] = {scale: OUTLINE if FILL[scale] == BACKGROUND else "#ffffff8c" for scale in FILL}
"""The colour of the pattern's lines: translucent white on the dark fills, the outline's grey on white."""

DASHED: frozenset[Scale] = frozenset({Scale.not_reported})
"""Statuses drawn with a dashed outline (the white fill needs one to stand out from the background)."""

CATEGORY_FILL: dict[str, str] = {
    "green": FILL[Scale.complete],
    "amber": FILL[Scale.at_risk],
    "red": FILL[Scale.off_track],
}
"""Fills for counted categories by lower-cased name (KPI Green/Amber/Red); amber is a dark amber-brown."""

OTHER_FILLS: tuple[str, ...] = (FILL[Scale.on_track], FILL[Scale.in_progress], FILL[Scale.not_started])
"""Fills used in turn for categories without a colour of their own."""


def boundary(scale: Scale) -> str:
    """The colour that separates a `scale` segment from the background: its fill, or the outline if white."""
    fill = FILL[scale]
    return OUTLINE if fill.lower() == BACKGROUND else fill


def category_fill(name: str, index: int) -> str:
    """The fill for a counted category called `name`, the `index`-th category of its chart."""
    return CATEGORY_FILL.get(name.strip().lower(), OTHER_FILLS[index % len(OTHER_FILLS)])


def luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of a `#rrggbb` (or `#rgb`) colour, from 0 (black) to 1 (white)."""
    digits = colour.removeprefix("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    if len(digits) != 6:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2.x contrast ratio between two colours, from 1.0 (same) to 21.0 (black on white)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
