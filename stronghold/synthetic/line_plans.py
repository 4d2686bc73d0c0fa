"""A line's life over the period: its numbers and handovers, its cuckooed homes, its shifts.

- Numbers: a line keeps its brand and customers while its number changes, after a seizure
  (silent for hours until the new phone is live) or as routine (often in the same handset, so
  the IMEI carries over).
- Cuckooed homes: vulnerable residents of the county town, often customers, whose homes the
  line's runners use as a base, one after another.
- Shifts: runners rotate, one or two at a time, for a few days each in the county, or (as the
  world's draw says, `runner_stay_days`) for weeks, sleeping at the cuckooed home.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from stronghold.synthetic.crime_groups import Line
from stronghold.synthetic.people import DRUGS, LEARNING, MENTAL
from stronghold.synthetic.phones import PhoneBook
from stronghold.synthetic.recruitment import Recruiter
from stronghold.synthetic.rhythms import Calendar

__all__ = ["Cuckoo", "Shift", "plan_cuckoos", "plan_numbers", "plan_shifts"]

DAY = 86_400
HANDOVER_S = 1800  # crews overlap in the county for half an hour
BASELINE_ROTA = (1, 1)  # the draw's default `runner_stay_days`: shifts of 2-5 days
BASELINE_SHIFT_DAYS = (2, 5)


@dataclass(frozen=True)
class Cuckoo:
    line: int
    address: int
    resident: int
    start: int  # UTC instants
    end: int


@dataclass(frozen=True)
class Shift:
    line: int
    runners: tuple[int, ...]  # travelling runners (persons)
    start: int  # arrival in the county
    end: int  # arrival of the next crew (or the end of the period)
    mode: str  # "rail" or "road"

    @property
    def leaves(self) -> int:
        """When the crew sets off home, after handing over to the next crew."""
        return self.end + HANDOVER_S


def line_start(line: Line, calendar: Calendar) -> int:
    return int(calendar.utc(line.start_day, np.array([9 * 3600]))[0])


def plan_numbers(
    rng: np.random.Generator, line: Line, phones: PhoneBook, calendar: Calendar
) -> None:
    """Fill in the line's deal-line numbers and their handovers."""
    start, end = line_start(line, calendar), calendar.last_instant
    active_days = (end - start) / DAY
    count = int(rng.poisson(active_days / 28))
    if active_days >= 8:
        count = max(count, 1)
    days = sorted(
        rng.choice(
            np.arange(3, max(4, int(active_days) - 2)),
            replace=False,
            size=min(count, max(0, int(active_days) - 6)),
        ).tolist()
    )
    kept: list[int] = []
    for day in days:  # at least five days between handovers
        if not kept or day - kept[-1] >= 5:
            kept.append(day)
    first = int(phones.add_mobiles(np.array([line.holder]))[0])
    line.numbers, line.number_from, line.number_to, line.handover_reasons = [first], [start], [], []
    for day in kept:
        local = int(rng.integers(10, 21)) * 3600 + int(rng.integers(0, 3600))
        moment = int(calendar.utc(line.start_day + day, np.array([local]))[0])
        old = line.numbers[-1]
        reason = "seizure" if rng.random() < 0.4 else "rotation"
        # A seized handset stays with the police; a routine change often keeps the handset.
        same_handset = reason == "rotation" and rng.random() < 0.55
        new = int(
            phones.add_mobiles(
                np.array([line.holder]),
                networks=np.array([phones.network[old]]) if same_handset else None,
                handsets=np.array([phones.handset[old]]) if same_handset else None,
            )[0]
        )
        # After a seizure the line is silent until the new phone is live, hours later.
        silent = int(rng.integers(1, 6)) * 3600 if reason == "seizure" else 0
        line.number_to.append(moment - silent)
        line.numbers.append(new)
        line.number_from.append(moment)
        line.handover_reasons.append(reason)
    line.number_to.append(end)


def plan_cuckoos(
    rng: np.random.Generator, number: int, line: Line, recruiter: Recruiter, calendar: Calendar
) -> list[Cuckoo]:
    """The homes the line takes over, one after another, from its start to the end."""
    p = recruiter.population
    tenure = recruiter.addresses.tenure[p.address]
    eligible = (
        ((p.flags & (DRUGS | MENTAL | LEARNING)) > 0)
        & (p.age >= 25)
        & (tenure < 2)
        & (recruiter.household_size <= 2)
    )
    weights = eligible * (1.0 + 4.0 * np.isin(np.arange(len(p)), line.customers))
    start, end = line_start(line, calendar), calendar.last_instant
    cuckoos = []
    moment = start
    while moment < end:
        length = int(rng.integers(12, 41)) * DAY
        resident = recruiter.pick(line.county, 1, ages=(25, 75), weights=weights)
        if len(resident) == 0:
            break
        finish = moment + length
        if end - finish < 5 * DAY:  # too short a remainder for another home: stay on
            finish = end
        cuckoos.append(
            Cuckoo(number, int(p.address[resident[0]]), int(resident[0]), moment, finish)
        )
        moment = finish
    return cuckoos


def plan_shifts(
    rng: np.random.Generator,
    number: int,
    line: Line,
    calendar: Calendar,
    travelling: list[int],
    stay_days: tuple[int, int] = BASELINE_ROTA,
) -> list[Shift]:
    """Back-to-back shifts from the line's start, each one or two travelling runners, each
    `stay_days` long (inclusive; the baseline rota's 2-5 days for `BASELINE_ROTA`). The same
    draws either way, so the baseline world is unchanged."""
    shortest, longest = BASELINE_SHIFT_DAYS if tuple(stay_days) == BASELINE_ROTA else stay_days
    start, end = line_start(line, calendar), calendar.last_instant
    shifts: list[Shift] = []
    previous: tuple[int, ...] = ()
    day = line.start_day
    moment = start
    while moment < end and travelling:
        length = int(rng.integers(shortest, longest + 1))
        day += length
        arrive_next = int(
            calendar.utc(
                day, np.array([int(rng.integers(13, 19)) * 3600 + int(rng.integers(0, 3600))])
            )[0]
        )
        rested = [r for r in travelling if r not in previous]
        if not rested:  # nobody to relieve the crew: they stay on until the next change
            last = shifts[-1]
            shifts[-1] = Shift(number, last.runners, last.start, min(arrive_next, end), last.mode)
            moment = arrive_next
            continue
        # One or two, always leaving someone at home to relieve them next time.
        size = max(1, min(len(rested), len(travelling) - 1, 1 + int(rng.random() < 0.35)))
        crew = tuple(sorted(int(r) for r in rng.choice(rested, size=size, replace=False)))
        mode = line.mode if rng.random() < 0.8 else ("road" if line.mode == "rail" else "rail")
        shifts.append(Shift(number, crew, moment, min(arrive_next, end), mode))
        previous, moment = crew, arrive_next
    return shifts
