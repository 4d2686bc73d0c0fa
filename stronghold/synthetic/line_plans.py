"""A line's life over the period: its numbers and handovers, its cuckooed homes, its shifts.

- Numbers: a line keeps its brand and customers while its number changes, after a seizure or
  as routine; sometimes the new SIM goes into the same handset (same IMEI).
- Cuckooed homes: vulnerable residents of the county town, often customers, whose homes the
  line's runners use as a base, one after another.
- Shifts: runners rotate, one or two at a time, for a few days each in the county.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from stronghold.synthetic.crime_groups import Line
from stronghold.synthetic.people import DRUGS, LEARNING, MENTAL
from stronghold.synthetic.phones import PhoneBook, PhoneKind
from stronghold.synthetic.recruitment import Recruiter
from stronghold.synthetic.rhythms import Calendar

__all__ = ["Cuckoo", "Shift", "plan_cuckoos", "plan_numbers", "plan_shifts"]

DAY = 86_400


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
    end: int  # departure for the hub
    mode: str  # "rail" or "road"


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
    first = int(phones.add_mobiles(np.array([line.holder]), PhoneKind.DEAL_LINE)[0])
    line.numbers, line.number_from, line.handover_reasons = [first], [start], []
    for day in kept:
        moment = int(
            calendar.utc(
                line.start_day + day,
                np.array([int(rng.integers(10, 21)) * 3600 + int(rng.integers(0, 3600))]),
            )[0]
        )
        old = line.numbers[-1]
        same_handset = rng.random() < 0.35
        handset = np.array([phones.handset[old]]) if same_handset else None
        new = int(
            phones.add_mobiles(
                np.array([line.holder]),
                PhoneKind.DEAL_LINE,
                networks=np.array([phones.network[old]]) if same_handset else None,
                handsets=handset,
            )[0]
        )
        line.numbers.append(new)
        line.number_from.append(moment)
        line.handover_reasons.append("seizure" if rng.random() < 0.4 else "rotation")
    line.number_to = [*line.number_from[1:], end]


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
    moment = start - int(rng.integers(0, 10)) * DAY
    while moment < end:
        length = int(rng.integers(12, 41)) * DAY
        resident = recruiter.pick(line.county, 1, ages=(25, 75), weights=weights)
        if len(resident) == 0:
            break
        finish = min(end, moment + length)
        cuckoos.append(
            Cuckoo(number, int(p.address[resident[0]]), int(resident[0]), moment, finish)
        )
        moment = finish
    return cuckoos


def plan_shifts(
    rng: np.random.Generator, number: int, line: Line, calendar: Calendar, travelling: list[int]
) -> list[Shift]:
    """Back-to-back shifts from the line's start, each one or two travelling runners."""
    start, end = line_start(line, calendar), calendar.last_instant
    shifts: list[Shift] = []
    previous: tuple[int, ...] = ()
    day = line.start_day
    moment = start
    while moment < end and travelling:
        length = int(rng.integers(2, 6))
        day += length
        arrive_next = int(
            calendar.utc(
                day, np.array([int(rng.integers(13, 19)) * 3600 + int(rng.integers(0, 3600))])
            )[0]
        )
        rested = [r for r in travelling if r not in previous] or travelling
        size = min(len(rested), 1 + int(rng.random() < 0.35))
        crew = tuple(sorted(int(r) for r in rng.choice(rested, size=size, replace=False)))
        mode = line.mode if rng.random() < 0.8 else ("road" if line.mode == "rail" else "rail")
        shifts.append(Shift(number, crew, moment, min(arrive_next, end), mode))
        previous, moment = crew, arrive_next
    return shifts
