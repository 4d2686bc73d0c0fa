"""Phones abroad: a few people spend some days abroad, and while they are away every row of
their phone carries the visited network's cell, which the case's cells.csv does not hold.

A real return shows a roaming handset this way (the foreign network's MCC-MNC-LAC-CI), and an
analysis must not read a missing cell as a phone switched off or as a journey to nowhere.
Only people with no part in a line, a business or travel roam (never a line's customer or a
traveller with an itinerary), so no drug run or order is placed abroad. The cells are set
after every row is located, with roaming's own stream: no other row moves.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from stronghold.synthetic.crime_groups import Line
from stronghold.synthetic.events import Events
from stronghold.synthetic.rhythms import Calendar
from stronghold.synthetic.whereabouts import Whereabouts

__all__ = ["Roaming", "free_to_roam", "plan_roaming"]

ROAMING_SHARE = 0.03  # people who go abroad once in the period
TRIP_DAYS = (3, 9)  # a trip's length, days (inclusive)
CELLS_PER_TRIP = 8  # cells a phone is seen on around a resort or a family home
DESTINATIONS = {  # visited network (MCC-MNC) -> share of trips
    "214-07": 0.30,  # Spain
    "208-01": 0.16,  # France
    "222-10": 0.10,  # Italy
    "272-01": 0.09,  # Ireland
    "268-01": 0.08,  # Portugal
    "202-05": 0.08,  # Greece
    "260-02": 0.09,  # Poland
    "286-02": 0.10,  # Turkey
}
DAY = 86_400


@dataclass
class Roaming:
    """Each roamer's one trip abroad and the foreign cells it is seen on."""

    person: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # sorted
    start: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    end: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    cell_ids: list[str] = field(default_factory=list)  # CELLS_PER_TRIP per trip, in order
    base: int = 0  # the cell index of the first foreign cell (the network's own come first)

    def relocate(self, rng: np.random.Generator, owner: np.ndarray, events: Events) -> Events:
        """Put the foreign cells on the located rows of phones whose owners are abroad."""
        if len(self.person) == 0:
            return events
        for side in ("a", "b"):
            cells = getattr(events, f"{side}_cell")
            person = owner[getattr(events, side)]
            rows = np.flatnonzero((cells >= 0) & np.isin(person, self.person))
            trip = np.searchsorted(self.person, person[rows])
            away = (events.time[rows] >= self.start[trip]) & (events.time[rows] < self.end[trip])
            rows, trip = rows[away], trip[away]
            pick = rng.integers(0, CELLS_PER_TRIP, len(rows))
            cells[rows] = self.base + trip * CELLS_PER_TRIP + pick
        return events


def free_to_roam(taken: np.ndarray, lines: list[Line], whereabouts: Whereabouts) -> np.ndarray:
    """People who may go abroad: not recruited into anything (`taken`), no line's customer,
    no traveller with an itinerary."""
    free = ~taken
    for line in lines:
        free[line.customers] = False
    free[np.fromiter(whereabouts.itineraries, np.int64)] = False
    return free


def plan_roaming(
    rng: np.random.Generator, free: np.ndarray, calendar: Calendar, base: int
) -> Roaming:
    """Trips for about 3% of the `free` people (a mask over the population): one each,
    starting anywhere in the period (or just before it), `TRIP_DAYS` long."""
    candidates = np.flatnonzero(free)
    person = np.sort(candidates[rng.random(len(candidates)) < ROAMING_SHARE])
    n = len(person)
    first, last = calendar.first_instant, calendar.last_instant
    start = rng.integers(first - 3 * DAY, last, n)
    end = start + rng.integers(TRIP_DAYS[0], TRIP_DAYS[1] + 1, n) * DAY
    networks = list(DESTINATIONS)
    shares = np.array(list(DESTINATIONS.values()))
    visited = rng.choice(len(networks), size=n, p=shares / shares.sum())
    area = rng.integers(1000, 9000, n)
    cell = rng.integers(1, 60_000, (n, CELLS_PER_TRIP))
    cell_ids = [
        f"{networks[v]}-{a:04d}-{c:06d}"
        for v, a, row in zip(visited.tolist(), area.tolist(), cell.tolist(), strict=True)
        for c in row
    ]
    return Roaming(person, start, end, cell_ids, base)
