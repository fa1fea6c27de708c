"""Permanent addresses, made from ids only (never from titles).

Every address is a directory path relative to the site root, e.g. `plans/cpc-2023/`.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

from generator.model import Item, Plan, Recommendation
from generator.period import Period

PLANS = "plans/"


def plan_url(plan: Plan) -> str:
    """`plans/<plan>/`: the plan's latest position."""
    return f"plans/{plan.id}/"


def recommendation_url(plan: Plan, rec: Recommendation) -> str:
    """`plans/<plan>/recommendations/<rec>/`: one recommendation and its actions."""
    return f"plans/{plan.id}/recommendations/{rec.id}/"


def update_url(plan: Plan, period: Period) -> str:
    """`plans/<plan>/updates/<yyyy-yy-qn>/`: one quarterly update as reported."""
    return f"plans/{plan.id}/updates/{period.slug}/"


def archive_recommendation_url(plan: Plan, period: Period, rec: Recommendation) -> str:
    """`plans/<plan>/updates/<period>/recommendations/<rec>/`: a recommendation as one update reported it."""
    return f"{update_url(plan, period)}recommendations/{rec.id}/"


def changes_url(plan: Plan, period: Period) -> str:
    """`plans/<plan>/updates/<period>/changes/`: what changed since the previous update."""
    return f"{update_url(plan, period)}changes/"


CORRECTIONS = "corrections/"
SEARCH = "search/"
"""The search page (results with filters; it works without the header's script)."""


def meeting_pack_url(plan: Plan) -> str:
    """`plans/<plan>/meeting-pack/`: every recommendation and action on one printable page."""
    return f"{plan_url(plan)}meeting-pack/"


def item_url(plan: Plan, item: Item) -> str:
    """The action's or milestone's fragment on the page of the recommendation that owns it."""
    return recommendation_url(plan, owner(plan, item)) + "#" + item.anchor


def owner(plan: Plan, item: Item) -> Recommendation:
    """The recommendation that lists `item` among its own actions."""
    for rec in plan.recommendations:
        for action in rec.actions:
            if action is item or item in action.milestones:
                return rec
    raise LookupError(item.id)


@lru_cache(maxsize=131072)
def relative(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url` that works wherever the site is hosted."""
    target, _, fragment = to_url.partition("#")
    path = posixpath.relpath(target or ".", from_url or ".")
    directory = target == "" or target.endswith("/")
    path = "./" if path == "." else path + ("/" if directory and not path.endswith("/") else "")
    return path + (f"#{fragment}" if fragment else "")
