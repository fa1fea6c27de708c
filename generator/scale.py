"""What each place on the site's common scale means, defined once.

Every plan keeps its own status words; each word is placed on this scale (`schema.Scale`) so
that plans are shown alike: in the same order, under the same name, with the same colour and
pattern. The scale also says how good a place is (to tell "improved" from "worsened") and how
grave (to name the place that most needs attention).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.i18n import N_, _
from generator.schema import Scale


@dataclass(frozen=True)
class Place:
    """One place on the common scale."""

    label: str
    """The site's name for it, e.g. "On track" (the plans' own words are always shown first), as
    the catalogues know it: `label()` gives it in the language being rendered."""
    rank: int | None
    """How good it is, higher being better; None where it cannot be compared (not reported)."""
    severity: int | None
    """How much it needs attention, higher being graver; None where it does not (complete)."""
    fill: str
    """Its colour (the `--cp-<scale>` value in plans.css). On white: at least 3:1."""
    pattern: str
    """The pattern drawn over its fill in charts (a matplotlib hatch), so that no status depends
    on colour alone; empty for the one plain fill."""


PLACES: dict[Scale, Place] = {
    # Translators: the site's common scale of progress, on which every plan's own status words
    # are placed (shown beside a plan's word, and in charts' sentences).
    Scale.complete: Place(N_("Complete"), 6, None, "#00703c", ""),
    Scale.on_track: Place(N_("On track"), 5, 2, "#1d70b8", "\\\\"),
    Scale.in_progress: Place(N_("In progress"), 4, 3, "#4c2c92", "||"),
    Scale.at_risk: Place(N_("At risk"), 2, 5, "#8a4b00", ".."),
    Scale.off_track: Place(N_("Off track"), 1, 6, "#b10e1e", "xx"),
    Scale.not_started: Place(N_("Not started"), 3, 4, "#505a5f", "--"),
    Scale.not_reported: Place(N_("Not reported"), None, 1, "#ffffff", "//"),
}
"""Every place, in the order statuses are shown on pages and in charts."""

ORDER: tuple[Scale, ...] = tuple(PLACES)
"""The places in the order statuses are shown."""

GRAVEST_FIRST: tuple[Scale, ...] = tuple(sorted((s for s, p in PLACES.items() if p.severity is not None),
                                                key=lambda s: -(PLACES[s].severity or 0)))
"""The places that need attention, gravest first."""


def label(scale: Scale) -> str:
    """The site's name for a place on the scale, e.g. "On track", in the language being rendered
    (the scale's words are the site's, not the council's)."""
    return _(PLACES[scale].label)


def position(scale: Scale) -> int:
    """Where statuses on this place are shown, counting from 0."""
    return ORDER.index(scale)
