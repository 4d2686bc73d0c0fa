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

from stronghold.analysis.replacements import ReplacementSettings

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
    handovers = []
    ordered = sorted(candidates, key=lambda r: (r["old_last_out"], r["old_number"], r["rank"]))
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
                row["new_first_seen"],
                row["score"],
                handover_evidence(row),
            )
        )
    return handovers


def handover_evidence(row: dict[str, Any]) -> str:
    """A handover (or any replacement) in words and figures."""
    gap = int(row["gap_s"])
    when = "before" if gap < 0 else "after"
    handset = (
        f"; both used handset IMEI {row['same_handset']}"
        if row["same_handset"]
        else "; no handset in common"
    )
    touch = "; the two numbers were in contact" if row["in_touch"] else ""
    return (
        f"{row['new_number']} first made or received contact {_span(abs(gap))} {when} "
        f"{row['old_number']} last made one ({_stamp(row['old_last_out'])}); it shares "
        f"{row['shared']} of its {row['new_contacts']} contacts with the old number's "
        f"{row['old_contacts']} (overlap {row['overlap']:.2f}){handset}{touch}"
    )


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


def _span(seconds: int) -> str:
    if seconds < 3600:
        return f"{seconds // 60} min"
    if seconds < 2 * 86_400:
        return f"{seconds // 3600} h {seconds % 3600 // 60} min"
    return f"{seconds / 86_400:.1f} days"


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")
