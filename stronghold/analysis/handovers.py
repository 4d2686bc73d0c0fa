"""Lines as entities: deal-line numbers grouped into lines across their handovers.

A line keeps its customers when its number changes: the new number texts the old customer
list within hours of the old one going quiet (after a seizure), or at once (routine change,
often in the same handset). So a handover is a replacement phone (`replacements`) for a
deal line, taken by a number that broadcasts, whose score is at or above the threshold; of
several such numbers the first to start took over (a later one replaced the replacement).
Each new number takes over from one line number at most. Numbers joined by handovers are one
line; lines are numbered in order of their first number's first contact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from stronghold.analysis.replacements import ReplacementSettings, replacement_evidence

__all__ = ["Handover", "group_lines", "pick_handovers"]


@dataclass(frozen=True)
class Handover:
    old_number: str
    new_number: str
    at: datetime  # the new number's first contact
    score: float
    evidence: str


def pick_handovers(
    candidates: list[dict[str, Any]], settings: ReplacementSettings | None = None
) -> list[Handover]:
    """Handovers from the rows of `replacements` (deal lines to broadcasting numbers)."""
    s = settings or ReplacementSettings()
    taken: set[str] = set()
    handovers: list[Handover] = []
    ordered = sorted(candidates, key=lambda r: (r["old_last_used"], r["old_number"], r["rank"]))
    for row in ordered:
        if row["score"] < s.replaces_at or row["new_number"] in taken:
            continue
        if any(h.old_number == row["old_number"] for h in handovers):
            continue
        taken.add(row["new_number"])
        handovers.append(
            Handover(
                row["old_number"],
                row["new_number"],
                row["new_first_used"],
                row["score"],
                replacement_evidence(row),
            )
        )
    return handovers


def group_lines(numbers: list[str], handovers: list[Handover]) -> dict[str, str]:
    """Each number's line id (SL001 ...): numbers joined by handovers share one. `numbers`
    is in order of first contact, which orders the lines."""
    parent = {n: n for n in numbers}

    def root(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for h in handovers:
        parent.setdefault(h.old_number, h.old_number)
        parent.setdefault(h.new_number, h.new_number)
        parent[root(h.new_number)] = root(h.old_number)
    ids: dict[str, str] = {}
    line_of = {}
    for n in numbers:
        line_of[n] = ids.setdefault(root(n), f"SL{len(ids) + 1:03d}")
    return line_of
