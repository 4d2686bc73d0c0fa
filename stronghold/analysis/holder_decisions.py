"""Who holds each line: one decision per line, not a list.

The candidates are the line's controllers and the numbers in touch with them (controllers.py).
A number the records give to one person stands for that person, so a holder with a second
phone for the line's business is one candidate with both phones' evidence. Three signs say
who holds the line, each a share in [0, 1]:

- command: the share of the line's controllers (other than itself) it is in touch with;
- height: the share of its contacts within the line's management that go to controllers
  rather than to runners (controllers ring the runners on shift all day; the holder directs
  the controllers, and talks to runners, if at all, less);
- with the line: the share of the line's days on which it was on the same cell as one of the
  line's phones in the same hour (the holder keeps the line's phone, or is near whoever
  does). Left out when the line's phones carry no cells.

The holder is the candidate with the best mean of the signs. Its confidence comes from that
score and its margin over the next candidate (`confidence`, calibrated on the synthetic
variants: docs/analyses/holders.md gives the reliability table); under `determined_from` the
line's holder is "not determined" and the candidates stay in `also_considered`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Candidate", "HolderDecision", "confidence", "decide_holders"]

WEIGHTS = {"command": 0.3, "height": 0.3, "with_line": 0.4}
DETERMINED_FROM = 0.5  # a confidence below this: "not determined"
# logistic calibration of (score, margin) -> P(right): see docs/analyses/holders.md
CALIBRATION = (-3.0, 4.0, 6.0)


@dataclass
class Candidate:
    key: str  # person id, or the number when no record names it
    person_id: str
    numbers: list[str] = field(default_factory=list)
    controllers_contacted: int = 0
    controller_contacts: int = 0
    runners_contacted: int = 0
    runner_contacts: int = 0
    colocated_days: int = 0
    signs: dict[str, float] = field(default_factory=dict)
    score: float = 0.0


@dataclass
class HolderDecision:
    line_id: str
    holder: Candidate | None
    confidence: float
    reason: str  # why not determined, or ""
    ranked: list[Candidate]  # every candidate, best first


def confidence(score: float, margin: float) -> float:
    a, b, c = CALIBRATION
    return round(1.0 / (1.0 + math.exp(-(a + b * score + c * margin))), 3)


def decide_holders(
    evidence: list[dict[str, Any]],
    colocation: list[dict[str, Any]],
    line_days: list[dict[str, Any]],
    controllers: list[dict[str, Any]],
    people: dict[str, list[str]],
) -> dict[str, HolderDecision]:
    """line_id -> the decision, for every line with a candidate."""
    days = {r["line_id"]: (r["days"], r["located"]) for r in line_days}
    together = {(r["line_id"], r["number"]): r["colocated_days"] for r in colocation}
    controlling = defaultdict(set)
    for row in controllers:
        controlling[row["line_id"]].add(row["number"])
    by_line: dict[str, dict[str, Candidate]] = defaultdict(dict)
    for row in evidence:
        named = people.get(row["number"], [])
        key = named[0] if len(named) == 1 else row["number"]
        found = by_line[row["line_id"]].setdefault(key, Candidate(key, key if named else ""))
        found.numbers.append(row["number"])
        for name in ("controller_contacts", "runners_contacted", "runner_contacts"):
            setattr(found, name, getattr(found, name) + row[name])
        found.controllers_contacted = max(found.controllers_contacted, row["controllers_contacted"])
        found.colocated_days = max(
            found.colocated_days, together.get((row["line_id"], row["number"]), 0)
        )
    decisions = {}
    for line, candidates in by_line.items():
        line_days_seen, located = days.get(line, (0, 0))
        for c in candidates.values():
            others = len(controlling[line] - set(c.numbers))
            managed = c.controller_contacts + c.runner_contacts
            c.signs = {
                "command": c.controllers_contacted / others if others else 0.0,
                "height": c.controller_contacts / managed if managed else 0.0,
            }
            if located and line_days_seen:
                c.signs["with_line"] = min(c.colocated_days / line_days_seen, 1.0)
            weight = sum(WEIGHTS[k] for k in c.signs)
            c.score = round(sum(WEIGHTS[k] * v for k, v in c.signs.items()) / weight, 3)
        ranked = sorted(candidates.values(), key=lambda c: (-c.score, c.key))
        decisions[line] = _decided(line, ranked)
    return decisions


def _decided(line: str, ranked: list[Candidate]) -> HolderDecision:
    best = ranked[0]
    margin = best.score - (ranked[1].score if len(ranked) > 1 else 0.0)
    sure = confidence(best.score, margin)
    if sure < DETERMINED_FROM:
        reason = (
            f"not determined: the best candidate, {best.key}, scores {best.score:.2f}, "
            f"{margin:.2f} ahead of the next; confidence {sure:.2f} is under "
            f"{DETERMINED_FROM:.2f}"
        )
        return HolderDecision(line, None, sure, reason, ranked)
    return HolderDecision(line, best, sure, "", ranked)
