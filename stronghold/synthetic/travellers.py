"""People who travel between hub and county every day for lawful reasons.

Commuters live in a county town and work in a hub, by train or car; couriers drive a van from
a hub depot to a county town each working day and contact dozens of residents there. Both
leave the same trails as runners (hub-county cell sequences, ANPR reads) and couriers call
many local numbers, but neither serves a line's customers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from stronghold.synthetic.events import CALL, SMS, Events
from stronghold.synthetic.geography import Town
from stronghold.synthetic.journeys import TripPlanner
from stronghold.synthetic.phones import PhoneBook
from stronghold.synthetic.recruitment import Recruiter
from stronghold.synthetic.rhythms import Calendar
from stronghold.synthetic.routes import route
from stronghold.synthetic.vehicles import Fleet

__all__ = ["Courier", "CourierActivity", "plan_commuters", "plan_couriers"]


@dataclass(frozen=True)
class Courier:
    person: int
    phone: int
    area: int  # county town served


def _hubs_by_distance(towns: list[Town], county: int, hubs: list[int]) -> np.ndarray:
    kms = np.array([route(towns[h].name, towns[county].name, "road").km for h in hubs])
    return (1.0 / kms) / (1.0 / kms).sum()


def _seconds(rng: np.random.Generator, count: int, earliest: float, latest: float) -> np.ndarray:
    """`count` random local times of day between two hours."""
    return rng.integers(int(earliest * 3600), int(latest * 3600), count)


def plan_commuters(
    rng: np.random.Generator,
    recruiter: Recruiter,
    planner: TripPlanner,
    fleet: Fleet,
    towns: list[Town],
    hubs: list[int],
    counties: list[int],
    share: float,
) -> list[int]:
    """County residents who work in a hub; their itineraries and car journeys."""
    calendar = planner.calendar
    weekdays = np.array([d for d in range(calendar.days) if calendar.weekday(d) < 5])
    commuters: list[int] = []
    for county in counties:
        if county in hubs:
            continue
        wanted = round(len(recruiter.population.in_town(county)) * share)
        chosen = recruiter.pick(county, wanted, ages=(22, 62))
        weights = _hubs_by_distance(towns, county, hubs)
        for person in chosen.tolist():
            hub = hubs[int(rng.choice(len(hubs), p=weights))]
            by_car = rng.random() < 0.3
            mode = "road" if by_car else "rail"
            there = route(towns[county].name, towns[hub].name, mode)
            back = route(towns[hub].name, towns[county].name, mode)
            office = planner.cells.town_cells[hub]
            office = office[rng.integers(0, len(office), 3)]
            days = weekdays[rng.random(len(weekdays)) >= 0.08]  # leave, sickness
            leave = calendar.utc(days, _seconds(rng, len(days), 6, 7.5))
            arrive = planner.journey(person, there, leave)
            home_time = np.maximum(
                calendar.utc(days, _seconds(rng, len(days), 17, 18.5)), arrive + 3600
            )
            planner.whereabouts.itinerary(person).stay(arrive, home_time, office)
            back_home = planner.journey(person, back, home_time)
            if by_car:
                car = fleet.add(person)
                planner.anpr.drive(rng, car, there, leave, arrive)
                planner.anpr.drive(rng, car, back, home_time, back_home)
            commuters.append(person)
    return commuters


def plan_couriers(
    rng: np.random.Generator,
    recruiter: Recruiter,
    phones: PhoneBook,
    planner: TripPlanner,
    fleet: Fleet,
    towns: list[Town],
    hubs: list[int],
    counties: list[int],
    count: int,
) -> list[Courier]:
    """Van drivers from hub depots delivering in county towns six days a week."""
    calendar = planner.calendar
    days = np.array([d for d in range(calendar.days) if calendar.weekday(d) != 6])
    couriers = []
    for n in range(count):
        area = counties[n % len(counties)]
        depot = hubs[int(rng.choice(len(hubs), p=_hubs_by_distance(towns, area, hubs)))]
        person = recruiter.one(depot, ages=(21, 58), male=0.85)
        phone = int(phones.add_mobiles(np.array([person]))[0])
        van = fleet.add(-1, van=True)
        there = route(towns[depot].name, towns[area].name, "road")
        back = route(towns[area].name, towns[depot].name, "road")
        leave = calendar.utc(days, _seconds(rng, len(days), 6, 7.5))
        arrive = planner.journey(person, there, leave)
        done = np.maximum(arrive + 3600, calendar.utc(days, _seconds(rng, len(days), 15, 17)))
        planner.whereabouts.itinerary(person).stay(arrive, done, planner.cells.town_cells[area])
        home_time = planner.journey(person, back, done)
        planner.anpr.drive(rng, van, there, leave, arrive)
        planner.anpr.drive(rng, van, back, done, home_time)
        couriers.append(Courier(person, phone, area))
    return couriers


@dataclass
class CourierActivity:
    """A courier's delivery calls and texts to residents of the town they serve."""

    courier: Courier
    residents: np.ndarray  # persons living in the area served
    personal_phone: np.ndarray
    home_cell: np.ndarray
    calendar: Calendar

    def day(self, rng: np.random.Generator, day: int) -> Events:
        calendar = self.calendar
        if calendar.weekday(day) == 6:
            return Events.empty()
        stops = self.residents[
            rng.choice(
                len(self.residents),
                size=min(len(self.residents), int(rng.integers(20, 46))),
                replace=False,
            )
        ]
        when = calendar.utc(day, np.sort(rng.integers(10 * 3600, 15 * 3600, len(stops))))
        calling = rng.random(len(stops)) < 0.3
        events = Events.make(
            when,
            self.courier.phone,
            self.personal_phone[stops],
            np.where(calling, CALL, SMS),
            np.where(calling, rng.integers(10, 60, len(stops)), -1),
            a_cell=self.home_cell[stops],
        )
        answered = rng.random(len(stops)) < 0.15  # "leave it with next door"
        replies = Events.make(
            when[answered] + rng.integers(60, 900, int(answered.sum())),
            self.personal_phone[stops[answered]],
            self.courier.phone,
            SMS,
        )
        return Events.join([events, replies])
