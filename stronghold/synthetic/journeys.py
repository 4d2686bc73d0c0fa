"""Runners' trips: out from the hub by train or car, nights at the cuckooed home, days on the
streets of the county town, and back. Trips leave cell trails, ANPR reads for cars, missing
reports for children who go, and now and then a stop-search."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from stronghold.synthetic.addresses import Addresses
from stronghold.synthetic.anpr import AnprLog
from stronghold.synthetic.cells import CellNetwork
from stronghold.synthetic.geography import Town
from stronghold.synthetic.line_plans import DAY, HANDOVER_S, Cuckoo, Shift
from stronghold.synthetic.police_records import PoliceRecords
from stronghold.synthetic.rhythms import Calendar
from stronghold.synthetic.routes import Route, route
from stronghold.synthetic.spatial import offset_km
from stronghold.synthetic.whereabouts import Whereabouts

__all__ = ["TripPlanner"]

T = TypeVar("T", int, np.ndarray)

ITEMS_ON_RUNNERS = (
    "wraps of crack cocaine;wraps of heroin;cash;two mobile phones",
    "cash;mobile phone",
    "wraps of heroin;mobile phone",
    "knife;cash;mobile phone",
    "nothing found",
)


@dataclass
class TripPlanner:
    """Builds travellers' itineraries and the records their trips leave behind."""

    whereabouts: Whereabouts
    cells: CellNetwork
    calendar: Calendar
    towns: list[Town]
    anpr: AnprLog
    records: PoliceRecords
    person_ids: list[str]
    ages: np.ndarray

    def journey(self, person: int, journey: Route, start: T) -> T:
        """Put `person` on `journey` leaving at `start` (one time or many); the arrivals."""
        end = start + int(journey.hours * 3600)
        cells, _ = self.cells.route_cells(journey)
        self.whereabouts.itinerary(person).journey(start, end, cells)
        return end

    def line_shift(
        self,
        rng: np.random.Generator,
        shift: Shift,
        hub: int,
        county: int,
        cuckoos: list[Cuckoo],
        addresses: Addresses,
    ) -> None:
        """Itineraries and records for the runners of one shift: out, the stay, and back."""
        place, home = self.towns[county], self.towns[hub]
        there = route(home.name, place.name, shift.mode)
        back = route(place.name, home.name, shift.mode)
        leave = shift.start - int(there.hours * 3600)
        for runner in shift.runners:
            self.journey(runner, there, leave)
            self._stay(rng, runner, shift, county, cuckoos, addresses)
            self.journey(runner, back, shift.leaves)
            self._records(rng, runner, shift, leave, place, cuckoos, addresses)

    def car_runs(
        self,
        rng: np.random.Generator,
        shifts: list[Shift],
        hub: int,
        county: int,
        car: int,
        driver: int,
    ) -> None:
        """The line's car on the road shifts: it arrives in the county as each crew is due
        (dropping them off) and as each crew's shift ends (taking them home half an hour
        later), one round trip per crew change, read by the cameras it passes."""
        there = route(self.towns[hub].name, self.towns[county].name, "road")
        back = route(self.towns[county].name, self.towns[hub].name, "road")
        visits = sorted(
            {
                moment
                for shift in shifts
                if shift.mode == "road"
                for moment in (shift.start, shift.end)
                if moment < self.calendar.last_instant
            }
        )
        if not visits:
            return
        arrive = np.asarray(visits, dtype=np.int64)
        leave = arrive - int(there.hours * 3600)
        depart = arrive + HANDOVER_S
        self.journey(driver, there, leave)
        self.whereabouts.itinerary(driver).stay(arrive, depart, self.cells.town_cells[county])
        home_again = self.journey(driver, back, depart)
        self.anpr.drive(rng, car, there, leave, arrive)
        self.anpr.drive(rng, car, back, depart, home_again)

    def _stay(
        self,
        rng: np.random.Generator,
        runner: int,
        shift: Shift,
        county: int,
        cuckoos: list[Cuckoo],
        addresses: Addresses,
    ) -> None:
        """Days (09:00-22:00) about the town, nights at the cuckooed home in use."""
        itinerary = self.whereabouts.itinerary(runner)
        town_cells = self.cells.town_cells[county]
        moment = shift.start
        while moment < shift.leaves:
            clock = int(self.calendar.local_seconds(np.array([moment]))[0])
            if 9 * 3600 <= clock < 22 * 3600:
                until = min(shift.leaves, moment + 22 * 3600 - clock)
                itinerary.stay(moment, until, town_cells)
            else:
                until = min(shift.leaves, moment + (9 * 3600 - clock) % DAY)
                base = _cuckoo_at(cuckoos, moment)
                if base is None:
                    itinerary.stay(moment, until, town_cells)
                else:
                    shifted = rng.normal(0, 0.3, size=(2, 2))
                    lat, lon = offset_km(
                        addresses.latitude[base.address],
                        addresses.longitude[base.address],
                        np.r_[0.0, shifted[0]],
                        np.r_[0.0, shifted[1]],
                    )
                    itinerary.stay(moment, until, np.unique(self.cells.serving_cell(lat, lon)))
            moment = until

    def _records(
        self,
        rng: np.random.Generator,
        runner: int,
        shift: Shift,
        leave: int,
        place: Town,
        cuckoos: list[Cuckoo],
        addresses: Addresses,
    ) -> None:
        """A missing report for a child who goes (some found in the county), and sometimes
        a stop-search in the county."""
        person_id = self.person_ids[runner]
        if self.ages[runner] < 18 and rng.random() < 0.45:
            reported = leave + int(rng.integers(3, 12)) * 3600
            base = _cuckoo_at(cuckoos, shift.end - DAY // 2)
            found = shift.end - int(rng.integers(2, 10)) * 3600
            if base is not None and found > reported + 3600 and rng.random() < 0.35:
                where = (
                    round(float(addresses.latitude[base.address]), 5),
                    round(float(addresses.longitude[base.address]), 5),
                    place.name,
                )
                self.records.missing_episode(person_id, reported, found, where)
            elif reported < shift.end:
                returned = shift.end + int(rng.integers(3, 9)) * 3600
                self.records.missing_episode(person_id, reported, returned)
        if rng.random() < 0.12 and shift.end - shift.start > 2 * 3600:
            at = int(rng.integers(shift.start, shift.end))
            jitter = rng.normal(0, place.radius_km / 3, size=2)
            lat, lon = offset_km(place.latitude, place.longitude, jitter[0], jitter[1])
            items = ITEMS_ON_RUNNERS[int(rng.integers(len(ITEMS_ON_RUNNERS)))]
            outcome = "arrest" if "wraps" in items or "knife" in items else "no further action"
            self.records.stop_search(
                at, person_id, float(lat), float(lon), "controlled drugs", outcome, items
            )


def _cuckoo_at(cuckoos: list[Cuckoo], moment: int) -> Cuckoo | None:
    for cuckoo in cuckoos:
        if cuckoo.start <= moment < cuckoo.end:
            return cuckoo
    return None
