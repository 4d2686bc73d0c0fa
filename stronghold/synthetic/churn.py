"""Ordinary people who change their personal number during the period (`number_churn`).

In real returns lawful people change numbers too: a lost phone, a better deal, a new contract.
Their contacts carry on with the new number, so it looks like a handover: the one thing a
replacement-phone detector must not call a deal line. Here a churned person's traffic uses the
old number until an instant in the period and the new one after it; half keep their handset
(a new SIM in the same phone, so the IMEI carries over, as in a routine line handover).

Only people with no part in a line or a business change number (the recruiter has never taken
them); customers may, and then the line's broadcasts follow them to the new number, as a line
that is told the new number would. The truth records every change (`changed_numbers`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from stronghold.synthetic.events import Events
from stronghold.synthetic.phones import PhoneBook
from stronghold.synthetic.rhythms import Calendar

__all__ = ["NumberChange", "NumberRemap", "plan_churn"]

SAME_HANDSET = 0.5  # share who put the new SIM in the phone they have
NEVER = np.iinfo(np.int64).max


@dataclass(frozen=True)
class NumberChange:
    person: int
    old: int  # phone indices
    new: int
    at: int  # UTC instant from which the new number is used


def plan_churn(
    rng: np.random.Generator,
    phones: PhoneBook,
    personal_phone: np.ndarray,
    ordinary: np.ndarray,
    calendar: Calendar,
    share: float,
) -> list[NumberChange]:
    """`share` of the `ordinary` people (a mask over the population) change number once, at
    an instant in the middle 80% of the period (so both numbers are seen); their new numbers
    are added to `phones`."""
    if share <= 0:
        return []
    candidates = np.flatnonzero(ordinary)
    chosen = candidates[rng.random(len(candidates)) < share]
    if len(chosen) == 0:
        return []
    first, last = calendar.first_instant, calendar.last_instant
    span = last - first
    at = rng.integers(first + span // 10, last - span // 10, size=len(chosen))
    same = rng.random(len(chosen)) < SAME_HANDSET
    old = personal_phone[chosen]
    new = np.empty(len(chosen), dtype=np.int64)
    if same.any():
        handsets = np.asarray(phones.handset, dtype=np.int64)[old[same]]
        new[same] = phones.add_mobiles(chosen[same], handsets=handsets)
    if (~same).any():
        new[~same] = phones.add_mobiles(chosen[~same])
    return [
        NumberChange(int(p), int(o), int(n), int(t))
        for p, o, n, t in zip(chosen.tolist(), old.tolist(), new.tolist(), at.tolist(), strict=True)
    ]


class NumberRemap:
    """Puts each churned person's new number in place of the old one, from the change on."""

    def __init__(self, changes: list[NumberChange], phone_count: int) -> None:
        self.new = np.full(phone_count, -1, dtype=np.int32)
        self.at = np.full(phone_count, NEVER, dtype=np.int64)
        for change in changes:
            self.new[change.old] = change.new
            self.at[change.old] = change.at

    def apply(self, events: Events) -> Events:
        """`events` with old numbers replaced wherever they were used after their change."""
        for side in ("a", "b"):
            phones = getattr(events, side)
            changed = (self.new[phones] >= 0) & (events.time >= self.at[phones])
            phones[changed] = self.new[phones[changed]]
        return events
