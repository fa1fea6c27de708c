"""How things are named on the site, in each plan's own words."""

from __future__ import annotations

from generator.model import Action, Item, Plan, Recommendation


def rec_label(plan: Plan, rec: Recommendation) -> str:
    """"Recommendation 4: Workforce Strategy", in the plan's own words."""
    if not rec.number and rec.title.startswith(plan.terms.recommendation):
        return rec.title  # e.g. "Recommendation 5 (heading missing in the source)"
    number = f" {rec.number}" if rec.number else ""
    return f"{plan.terms.recommendation}{number}: {rec.title}"


def item_label(plan: Plan, item: Item) -> str:
    """"Activity 3" or "Key milestone 3-2", in the plan's own words."""
    if isinstance(item, Action):
        number = item.number or item.id
        title = f": {item.title}" if item.title else ""
        return f"{plan.terms.action} {number}{title}"
    return f"{plan.terms.milestone} {item.number or item.id}"
