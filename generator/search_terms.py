"""The other ways a reference is cited, written into each page for the search index only.

A scrutiny member types a reference as it was printed or cited: `19-5`, `M19-5`, `BVIP 19-5`,
`19.5`, `R3`, or an internal id such as `hr-2-1` (an item that has no printed reference). Each
action, milestone and recommendation on a page of the latest position carries these forms in a
hidden element (never shown or read aloud), so the search finds the item, and finds it first.
Archived views leave them out, so they rank below the latest position.
"""

from __future__ import annotations

from generator.labels import reference
from generator.model import Item, Plan, Recommendation

PREFIX = {"milestone": "M", "action": "A"}
"""The letter a reference is cited with in committee papers: "M19-5" (milestone), "A4" (action)."""


def item_terms(plan: Plan, item: Item) -> str:
    """"(cited as M19-5, BVIP 19-5, BVIP M19-5, 19.5)" for milestone 19-5 of the BVIP (in brackets,
    so the search page can leave them out of a result's snippet)."""
    ref = reference(item)
    if ref is None:  # an internal id ("hr-2-1"), found only as it is written
        return f"(cited as {item.id}, {plan.short_name} {item.id})"
    prefixed = f"{PREFIX[item.kind]}{ref}"
    forms = [prefixed, f"{plan.short_name} {ref}", f"{plan.short_name} {prefixed}", *_other_separator(ref)]
    return "(cited as " + ", ".join(forms) + ")"


def rec_terms(plan: Plan, rec: Recommendation) -> str:
    """"(cited as R3, CPC2023 R3, CPC2023 3)" for recommendation 3 of the CPC2023 (nothing if it has
    no number)."""
    if not rec.number:
        return ""
    return f"(cited as R{rec.number}, {plan.short_name} R{rec.number}, {plan.short_name} {rec.number})"


def _other_separator(ref: str) -> list[str]:
    """`19-5` is also cited as `19.5`, and `4.2` as `4-2`."""
    if "-" in ref and ref[0].isdigit():
        return [ref.replace("-", ".")]
    if "." in ref:
        return [ref.replace(".", "-")]
    return []
