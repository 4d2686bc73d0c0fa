"""Where a person is at a moment, as the cell serving their phone.

By default people are at home at night and at work or school on weekday daytimes, with some
wandering about town. Travellers (runners, commuters, couriers) follow an itinerary: stays
(a pool of cells, e.g. around a cuckooed flat) and journeys (the ordered cells of a route).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from stronghold.synthetic.cells import CellNetwork
from stronghold.synthetic.people import Population
from stronghold.synthetic.rhythms import Calendar
from stronghold.synthetic.spatial import offset_km

__all__ = ["Itinerary", "Whereabouts"]

STAY, JOURNEY = 0, 1


@dataclass
class Itinerary:
    """One traveller's stays and journeys, each a time span with the cells it is seen on."""

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    kinds: list[int] = field(default_factory=list)
    cells: list[np.ndarray] = field(default_factory=list)
    _frozen: tuple[np.ndarray, ...] | None = None

    def stay(self, start: int | np.ndarray, end: int | np.ndarray, cells: np.ndarray) -> None:
        """Stays (one or many) seen on any of `cells`."""
        self._add(start, end, STAY, cells)

    def journey(self, start: int | np.ndarray, end: int | np.ndarray, cells: np.ndarray) -> None:
        """Journeys (one or many) passing `cells` in order."""
        self._add(start, end, JOURNEY, cells)

    def _add(
        self, start: int | np.ndarray, end: int | np.ndarray, kind: int, cells: np.ndarray
    ) -> None:
        if len(cells) == 0:
            return
        starts, ends = np.broadcast_arrays(np.atleast_1d(start), np.atleast_1d(end))
        keep = ends > starts
        shared = np.asarray(cells, dtype=np.int32)
        count = int(keep.sum())
        self.starts.extend(starts[keep].tolist())
        self.ends.extend(ends[keep].tolist())
        self.kinds.extend([kind] * count)
        self.cells.extend([shared] * count)
        self._frozen = None

    def locate(self, rng: np.random.Generator, times: np.ndarray) -> np.ndarray:
        """Cells at `times`, or -2 where the itinerary says nothing (the default applies)."""
        if self._frozen is None:
            order = np.argsort(self.starts, kind="stable")
            sizes = np.array([len(self.cells[i]) for i in order], dtype=np.int64)
            self._frozen = (
                np.asarray(self.starts, dtype=np.int64)[order],
                np.asarray(self.ends, dtype=np.int64)[order],
                np.asarray(self.kinds)[order],
                np.r_[0, np.cumsum(sizes)],
                np.concatenate([self.cells[i] for i in order])
                if len(order)
                else np.zeros(0, np.int32),
            )
        starts, ends, kinds, offsets, pool = self._frozen
        result = np.full(len(times), -2, dtype=np.int32)
        if len(starts) == 0:
            return result
        segment = np.searchsorted(starts, times, side="right") - 1
        inside = (segment >= 0) & (times < ends[np.maximum(segment, 0)])
        seg = segment[inside]
        size = offsets[seg + 1] - offsets[seg]
        fraction = (times[inside] - starts[seg]) / (ends[seg] - starts[seg])
        along = np.minimum((fraction * size).astype(np.int64), size - 1)
        anywhere = (rng.random(len(seg)) * size).astype(np.int64)
        pick = np.where(kinds[seg] == JOURNEY, along, anywhere)
        result[inside] = pool[offsets[seg] + pick]
        return result


class Whereabouts:
    """The serving cell of any person at any time."""

    def __init__(
        self,
        rng: np.random.Generator,
        population: Population,
        home_latitude: np.ndarray,
        home_longitude: np.ndarray,
        cells: CellNetwork,
        calendar: Calendar,
    ) -> None:
        self.calendar = calendar
        self.cells = cells
        self.town = population.town
        shift = rng.normal(0.0, 0.5, size=(2, len(population)))
        near_lat, near_lon = offset_km(home_latitude, home_longitude, shift[0], shift[1])
        self.home = np.column_stack(
            [
                cells.serving_cell(home_latitude, home_longitude),
                cells.serving_cell(near_lat, near_lon),
            ]
        )
        self.day = cells.serving_cell(population.day_latitude, population.day_longitude)
        self.itineraries: dict[int, Itinerary] = {}

    def itinerary(self, person: int) -> Itinerary:
        """The itinerary of `person`, created empty on first use."""
        return self.itineraries.setdefault(person, Itinerary())

    def locate(self, rng: np.random.Generator, people: np.ndarray, times: np.ndarray) -> np.ndarray:
        """Serving cell of each person at each time (people < 0 have no cell: -1)."""
        n = len(people)
        known = people >= 0
        who = np.where(known, people, 0)
        hour = self.calendar.local_hour(times)
        weekday = (self.calendar.day_of(times) + self.calendar.start.weekday()) % 7 < 5
        at_work = weekday & (hour >= 9) & (hour < 17)
        cell = np.where(at_work, self.day[who], self.home[who, rng.integers(0, 2, size=n)])
        wander = (rng.random(n) < 0.12) & (hour >= 8) & (hour < 22)
        if wander.any():
            towns = self.town[who[wander]]
            picks = np.empty(int(wander.sum()), dtype=np.int32)
            for t in np.unique(towns):
                pool = self.cells.town_cells[int(t)]
                mask = towns == t
                picks[mask] = pool[rng.integers(0, len(pool), size=int(mask.sum()))]
            cell[wander] = picks
        if self.itineraries:
            travellers = np.fromiter(self.itineraries, dtype=np.int64)
            rows = np.flatnonzero(known & np.isin(who, travellers))
            rows = rows[np.argsort(who[rows], kind="stable")]
            persons, firsts = np.unique(who[rows], return_index=True)
            for person, group in zip(persons.tolist(), np.split(rows, firsts[1:]), strict=True):
                found = self.itineraries[person].locate(rng, times[group])
                cell[group] = np.where(found >= 0, found, cell[group])
        return np.where(known, cell, -1).astype(np.int32)
