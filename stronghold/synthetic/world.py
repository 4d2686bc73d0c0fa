"""Building the whole world from a seed: places, people, phones, lines, businesses, travel."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
from scipy.spatial import cKDTree

from stronghold.synthetic.addresses import Addresses, build_addresses
from stronghold.synthetic.anpr import AnprLog, CameraNetwork
from stronghold.synthetic.businesses import Business, open_businesses
from stronghold.synthetic.cells import CellNetwork, build_cell_network, project
from stronghold.synthetic.churn import NumberChange, plan_churn
from stronghold.synthetic.command import organise_command
from stronghold.synthetic.crime_groups import CrimeGroup, Line, recruit_groups
from stronghold.synthetic.geography import Town, town
from stronghold.synthetic.incidents import record_incidents
from stronghold.synthetic.intelligence import IntelligenceWriter
from stronghold.synthetic.journeys import TripPlanner
from stronghold.synthetic.line_plans import Cuckoo, Shift, plan_cuckoos, plan_numbers, plan_shifts
from stronghold.synthetic.names import ALIASES
from stronghold.synthetic.people import Population, build_population
from stronghold.synthetic.phones import SPECIAL_NUMBERS, PhoneBook
from stronghold.synthetic.police_records import PoliceRecords
from stronghold.synthetic.recruitment import Recruiter
from stronghold.synthetic.rhythms import Calendar
from stronghold.synthetic.roaming import Roaming, free_to_roam, plan_roaming
from stronghold.synthetic.routes import Route, route
from stronghold.synthetic.scales import DEFAULT_START, SCALES, Scale
from stronghold.synthetic.seeding import stream
from stronghold.synthetic.services import Services, register_services
from stronghold.synthetic.social import Contacts, build_contacts
from stronghold.synthetic.stops_and_missing import (
    record_background_stops_and_missing,
    record_seizures,
)
from stronghold.synthetic.travellers import Courier, plan_commuters, plan_couriers
from stronghold.synthetic.variants import WorldDraw, draw_world
from stronghold.synthetic.vehicles import Fleet
from stronghold.synthetic.whereabouts import Whereabouts

__all__ = ["DEFAULT_START", "World", "build_world"]


@dataclass
class World:
    """Everything the generator knows, before it is written out as a bundle."""

    seed: int
    scale: Scale
    draw: WorldDraw  # the knobs this world was drawn with (variants.py)
    calendar: Calendar
    towns: list[Town]
    addresses: Addresses
    population: Population
    contacts: Contacts
    cells: CellNetwork
    whereabouts: Whereabouts
    phones: PhoneBook
    personal_phone: np.ndarray
    specials: dict[str, int]
    groups: list[CrimeGroup]
    lines: list[Line]
    shifts: list[list[Shift]]  # per line
    cuckoos: list[Cuckoo]
    businesses: list[Business]
    couriers: list[Courier]
    commuters: list[int]
    fleet: Fleet
    anpr: AnprLog
    records: PoliceRecords
    person_ids: list[str]
    aliases: dict[int, str]  # street names, for those who have one on record
    changed_numbers: list[NumberChange] = field(default_factory=list)  # churn.py
    services: Services = field(default_factory=Services)  # numbers that are not people
    roaming: Roaming = field(default_factory=Roaming)  # trips abroad

    @property
    def home_cell(self) -> np.ndarray:
        """The serving cell at each person's home."""
        return self.whereabouts.home[:, 0]


def _journeys(towns: list[Town]) -> list[Route]:
    """Every route the world's travellers may take: hub-like towns to county towns."""
    journeys = []
    for origin in towns:
        for destination in towns:
            if origin is destination or not destination.county:
                continue
            if origin.hub or destination.hub:
                for mode in ("road", "rail"):
                    journeys += [
                        route(origin.name, destination.name, mode),
                        route(destination.name, origin.name, mode),
                    ]
    return journeys


def build_world(
    seed: int,
    scale_name: str,
    days: int | None = None,
    start: date = DEFAULT_START,
    variant: str = "baseline",
    draw: WorldDraw | None = None,
) -> World:
    """The world for `seed` at `scale_name` (drawn as `variant` says, variants.py, unless
    `draw` gives the knobs outright), covering `days` days from `start`."""
    scale = SCALES[scale_name]
    draw = draw if draw is not None else draw_world(seed, variant)
    calendar = Calendar(start, days if days is not None else scale.days)
    towns = [town(name) for name in scale.towns]
    weights = np.array([t.weight for t in towns])
    residents = np.floor(scale.people * weights / weights.sum()).astype(int).tolist()
    addresses = build_addresses(stream(seed, "addresses"), towns, [r // 2 + 40 for r in residents])
    population = build_population(
        stream(seed, "people"), addresses, residents, [t.radius_km for t in towns]
    )
    contacts = build_contacts(stream(seed, "contacts"), population)
    journeys = _journeys(towns)
    cells = build_cell_network(stream(seed, "cells"), towns, journeys, draw.cell_density)
    town_cell = np.isin(np.arange(len(cells)), np.concatenate(list(cells.town_cells.values())))
    _, nearest = cKDTree(project(addresses.latitude, addresses.longitude)).query(
        project(cells.latitude, cells.longitude)
    )
    cells.postcode = [
        addresses.postcode[a] if inside else ""
        for a, inside in zip(nearest.tolist(), town_cell.tolist(), strict=True)
    ]
    home_lat = addresses.latitude[population.address]
    home_lon = addresses.longitude[population.address]
    whereabouts = Whereabouts(
        stream(seed, "whereabouts"), population, home_lat, home_lon, cells, calendar
    )
    phones = PhoneBook(stream(seed, "phones"))
    personal_phone = phones.add_mobiles(np.arange(len(population)))
    specials = {name: phones.add_special(name) for name in SPECIAL_NUMBERS}
    recruiter = Recruiter(stream(seed, "recruitment"), population, addresses)

    rng = stream(seed, "organised crime")
    groups, lines = recruit_groups(rng, recruiter, phones, towns, scale, calendar.days, draw)
    organise_command(seed, draw, groups, lines, recruiter, phones, personal_phone)
    fleet = Fleet(stream(seed, "vehicles"))
    cars = [fleet.add(line.driver if rng.random() < 0.5 else -1) for line in lines]
    cuckoos: list[Cuckoo] = []
    shifts: list[list[Shift]] = []
    for n, line in enumerate(lines):
        plan_numbers(stream(seed, "numbers", n), line, phones, calendar)
        cuckoos += plan_cuckoos(stream(seed, "cuckoos", n), n, line, recruiter, calendar)
        travelling = [r for r in line.runners if r not in line.local_runners]
        shifts.append(
            plan_shifts(
                stream(seed, "shifts", n), n, line, calendar, travelling, draw.runner_stay_days
            )
        )

    businesses = open_businesses(
        stream(seed, "businesses"),
        recruiter,
        phones,
        personal_phone,
        towns,
        scale.businesses_per_town,
    )
    anpr = AnprLog(CameraNetwork.along([j for j in journeys if j.mode == "road"]))
    records = PoliceRecords()
    person_ids = [f"P{i:07d}" for i in range(len(population))]
    planner = TripPlanner(
        whereabouts, cells, calendar, towns, anpr, records, person_ids, population.age
    )
    hubs = [i for i, t in enumerate(towns) if t.name in scale.hubs]
    counties = [i for i, t in enumerate(towns) if t.name in scale.counties]
    couriers = plan_couriers(
        stream(seed, "couriers"),
        recruiter,
        phones,
        planner,
        fleet,
        towns,
        hubs,
        counties,
        scale.couriers,
    )
    commuters = plan_commuters(
        stream(seed, "commuters"),
        recruiter,
        planner,
        fleet,
        towns,
        hubs,
        counties,
        scale.commuter_share,
    )
    for n, line in enumerate(lines):
        line_cuckoos = [c for c in cuckoos if c.line == n]
        trip_rng = stream(seed, "trips", n)
        for shift in shifts[n]:
            planner.line_shift(trip_rng, shift, line.hub, line.county, line_cuckoos, addresses)
        planner.car_runs(trip_rng, shifts[n], line.hub, line.county, cars[n], line.driver)

    record_incidents(stream(seed, "incidents"), records, calendar, addresses, residents, cuckoos)
    aliases = _street_names(stream(seed, "aliases"), groups, lines)
    writer = IntelligenceWriter(
        records, calendar, towns, population, addresses, person_ids, phones.number, aliases
    )
    intel_rng = stream(seed, "intelligence")
    for n, line in enumerate(lines):
        writer.about_line(
            intel_rng,
            line,
            [c for c in cuckoos if c.line == n],
            fleet.vrm[cars[n]] if line.mode == "road" else None,
        )
    writer.background(intel_rng, max(5, len(population) // 400))
    record_seizures(stream(seed, "seizures"), records, lines, towns, person_ids)
    record_background_stops_and_missing(
        stream(seed, "background records"),
        records,
        population,
        addresses,
        person_ids,
        calendar,
        towns,
    )
    changed = plan_churn(
        stream(seed, "churn"), phones, personal_phone, ~recruiter.taken, calendar, draw.number_churn
    )
    # after every phone (services.py): new streams, so no earlier number or draw moves
    services = register_services(stream(seed, "services"), phones, len(population))
    free = free_to_roam(recruiter.taken, lines, whereabouts)
    roaming = plan_roaming(stream(seed, "roaming"), free, calendar, len(cells))

    return World(
        seed=seed,
        scale=scale,
        draw=draw,
        calendar=calendar,
        towns=towns,
        addresses=addresses,
        population=population,
        contacts=contacts,
        cells=cells,
        whereabouts=whereabouts,
        phones=phones,
        personal_phone=personal_phone,
        specials=specials,
        groups=groups,
        lines=lines,
        shifts=shifts,
        cuckoos=cuckoos,
        businesses=businesses,
        couriers=couriers,
        commuters=commuters,
        fleet=fleet,
        anpr=anpr,
        records=records,
        person_ids=person_ids,
        aliases=aliases,
        changed_numbers=changed,
        services=services,
        roaming=roaming,
    )


def _street_names(
    rng: np.random.Generator, groups: list[CrimeGroup], lines: list[Line]
) -> dict[int, str]:
    """Street names of the groups' members and runners, known for about 60% of them."""
    street = sorted(
        {
            *(m for g in groups for m in g.leaders + g.members),
            *(r for line in lines for r in line.runners),
        }
    )
    return {
        person: ALIASES[int(rng.integers(len(ALIASES)))] for person in street if rng.random() < 0.6
    }
