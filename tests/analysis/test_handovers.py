"""Numbers grouped into lines by their handovers, and the choice among replacements."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from stronghold.analysis.handovers import Handover, group_lines, pick_handovers

T0 = datetime(2026, 3, 2, 12, tzinfo=UTC)


def moved(old: str, new: str) -> Handover:
    return Handover(old, new, T0, 1.0, "")


def test_a_chain_of_handovers_is_one_line_and_lines_follow_first_contact() -> None:
    numbers = ["d", "a", "b", "e", "c"]  # in order of first contact
    line_of = group_lines(numbers, [moved("a", "b"), moved("b", "c"), moved("d", "e")])
    assert line_of == {"d": "SL001", "e": "SL001", "a": "SL002", "b": "SL002", "c": "SL002"}


def candidate(old: str, new: str, rank: int, score: float, days: float) -> dict[str, Any]:
    return {
        "old_number": old,
        "new_number": new,
        "rank": rank,
        "score": score,
        "old_last_used": T0 + timedelta(days=days),
        "new_first_used": T0 + timedelta(days=days, minutes=1),
        "gap_s": 60,
        "shared": 90,
        "old_contacts": 100,
        "new_contacts": 95,
        "overlap": score,
        "same_handset": None,
        "in_touch": False,
    }


def test_each_number_is_taken_over_once_and_weak_overlaps_are_not_handovers() -> None:
    rows = [
        candidate("a", "b", 1, 0.95, 0),
        candidate("a", "c", 2, 0.97, 0),  # a later replacement of the replacement
        candidate("b", "c", 1, 0.96, 3),
        candidate("x", "c", 1, 0.90, 4),  # c is already taken by b
        candidate("y", "z", 1, 0.30, 5),  # too little in common
    ]
    picked = [(h.old_number, h.new_number) for h in pick_handovers(rows)]
    assert picked == [("a", "b"), ("b", "c")]
    (first, _) = pick_handovers(rows)
    assert "90 of its 95 contacts" in first.evidence and "no handset in common" in first.evidence
