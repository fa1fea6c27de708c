"""Synthetic plans for benchmarks (never part of the public site): realistic sizes and text
lengths, status changes over quarters, percent complete and moved deadlines.

Sizes, relative to the sample (4 plans, about 250 actions and milestones):
S = the sample itself; M = 10× (40 plans, ~2,500 actions, 8 updates each);
L = 100× (400 plans, ~25,000 actions, 8 updates each).
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

SIZES = {"M": 40, "L": 400}
WORDS = (
    "council residents service improvement review deliver strategy board housing finance budget staff "
    "training partners community programme report officers savings digital customer quality assurance "
    "governance scrutiny monitoring delivery plan project team consultation"
).split()
STATUSES = [("on-target", "On Target", "on-track"), ("completed", "Completed", "complete"),
            ("delayed", "Delayed", "at-risk"), ("overdue", "Overdue", "off-track"),
            ("not-started", "Not started", "not-started")]
MONTHS = ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"]


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def _paragraphs(rng: random.Random, count: int) -> str:
    return "\n\n".join(" ".join(_sentence(rng, 8, 20) for _ in range(rng.randint(2, 4))) for _ in range(count))


def write_plan(folder: Path, index: int, rng: random.Random, updates: int = 8) -> int:
    """One synthetic plan of 10 recommendations, 6 actions each and 0-1 milestones per action;
    returns the number of actions and milestones written."""
    plan_id = f"synthetic-{index:03d}"
    recs: list[dict[str, Any]] = []
    items: list[str] = []
    deadlines: dict[str, str] = {}
    for r in range(1, 11):
        actions = []
        for a in range(1, 7):
            aid = f"{r}-{a}"
            milestones = []
            for m in range(1, rng.choice([1, 1, 2])):
                mid = f"{aid}-{m}"
                deadlines[mid] = f"{rng.choice(MONTHS)}-{rng.choice([21, 22, 23])}"
                milestones.append({"id": mid, "text": _sentence(rng, 6, 18), "lead": "Example Officer",
                                   "deadline": deadlines[mid]})
                items.append(mid)
            deadlines[aid] = f"{rng.choice(MONTHS)}-{rng.choice([21, 22, 23])}"
            actions.append({"id": aid, "number": aid, "text": _sentence(rng, 10, 30),
                            "lead": "Example Officer, Director of Examples", "deadline": deadlines[aid],
                            "monitoring": "Example Board", "milestones": milestones})
            if not milestones:
                items.append(aid)
        recs.append({"id": f"r{r}", "number": str(r), "title": _sentence(rng, 2, 5).rstrip("."),
                     "text": _paragraphs(rng, 1), "actions": actions})
    plan = {
        "id": plan_id, "title": f"Synthetic Plan {index} (benchmark data, not real)", "short_name": f"SYN{index}",
        "organisation": "Example Council (synthetic)", "recommended_by": "Synthetic peer review",
        "summary": _paragraphs(rng, 2),
        "sources": [{"id": "synthetic", "title": "Synthetic reports", "date": "2021"}],
        "statuses": [{"id": s, "label": label, "scale": scale} for s, label, scale in STATUSES],
        "deadline_rule": {"on_track": ["on-target"], "within_a_month": "delayed", "more_than_a_month": "overdue"},
        "recommendations": recs,
    }
    base = folder / plan_id
    (base / "updates").mkdir(parents=True)
    (base / "plan.yaml").write_text(yaml.safe_dump(plan, sort_keys=False, width=100), encoding="utf-8")
    state = {item: ("not-started", 0) for item in items}
    for q in range(updates):
        year, quarter = 2021 + q // 4, q % 4 + 1
        progress = []
        for item in items:
            status, percent = state[item]
            if status != "completed":
                percent = min(100, percent + rng.choice([0, 10, 15, 25]))
                status = "completed" if percent == 100 else rng.choice(["on-target", "on-target", "delayed", "overdue"])
            state[item] = (status, percent)
            entry: dict[str, object] = {"milestone" if item.count("-") == 2 else "action": item, "status": status,
                                        "percent": percent, "commentary": _paragraphs(rng, rng.randint(1, 2))}
            if rng.random() < 0.05:
                entry["deadline"] = f"{rng.choice(MONTHS)}-24"
            progress.append(entry)
        update = {"period": f"{year}/{(year + 1) % 100:02d} Q{quarter}", "title": f"Synthetic update {q + 1}",
                  "date": f"{rng.randint(1, 28)} {['July', 'October', 'January', 'April'][quarter - 1]} "
                          f"{year + (1 if quarter == 3 or quarter == 4 else 0)}",
                  "meeting": "Example Board", "source": "synthetic", "summary": _paragraphs(rng, 2),
                  "progress": progress}
        name = f"{year}-{(year + 1) % 100:02d}-q{quarter}.yaml"
        (base / "updates" / name).write_text(yaml.safe_dump(update, sort_keys=False, width=100), encoding="utf-8")
    return len(items) + sum(1 for r in recs for a in r["actions"] if a["milestones"])


def write_plans(folder: Path, count: int, seed: int = 1) -> int:
    """`count` synthetic plans in `folder`; returns the number of actions and milestones."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    return sum(write_plan(folder, i, rng) for i in range(1, count + 1))
