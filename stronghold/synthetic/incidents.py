"""Reported incidents: a background of crime and disorder in every town, and the rise in
anti-social behaviour, drugs and violence around homes while a line has taken them over."""

from __future__ import annotations

import numpy as np

from stronghold.synthetic.addresses import Addresses
from stronghold.synthetic.line_plans import Cuckoo
from stronghold.synthetic.police_records import PoliceRecords
from stronghold.synthetic.rhythms import EVENING, OFFICE, Calendar
from stronghold.synthetic.spatial import offset_km

__all__ = ["record_incidents"]

# When incidents are reported: through the day, most in the evening, few before dawn.
REPORTING_HOURS = EVENING + 0.5 * OFFICE + 0.3
# Incidents per 1,000 residents per day, and what the calls say.
BACKGROUND = {
    "anti-social-behaviour": (
        0.09,
        (
            "Noise nuisance from neighbours",
            "Youths causing a nuisance",
            "Fly-tipping reported",
            "Verbal abuse in the street",
        ),
    ),
    "drugs": (
        0.012,
        (
            "Suspected cannabis use in park",
            "Drug paraphernalia found",
            "Smell of cannabis from flat",
        ),
    ),
    "violent-crime": (
        0.06,
        ("Assault outside licensed premises", "Domestic incident", "Fight reported in town centre"),
    ),
    "burglary": (0.025, ("Residential burglary", "Shed broken into")),
    "possession-of-weapons": (0.004, ("Male seen carrying a knife",)),
    "other-theft": (0.05, ("Theft of bicycle", "Shoplifting", "Theft from person")),
}
# Extra incidents per day near a cuckooed home while the line uses it.
AROUND_CUCKOOED = {
    "anti-social-behaviour": (
        0.22,
        (
            "People coming and going from the flat at all hours",
            "Loud music and shouting from the address",
            "Youths not from the area loitering outside the block",
            "Needles found in the stairwell",
        ),
    ),
    "drugs": (
        0.12,
        (
            "Suspected drug dealing from the address",
            "Hand-to-hand exchanges seen outside",
            "Drug litter by the bins",
        ),
    ),
    "violent-crime": (0.025, ("Threats made to the occupant", "Fight outside the address")),
    "possession-of-weapons": (0.008, ("Male with a knife seen leaving the address",)),
}


def record_incidents(
    rng: np.random.Generator,
    records: PoliceRecords,
    calendar: Calendar,
    addresses: Addresses,
    residents_per_town: list[int],
    cuckoos: list[Cuckoo],
) -> None:
    """Background incidents in every town and the uplift around each cuckooed home."""
    by_town = [np.flatnonzero(addresses.town == t) for t in range(len(residents_per_town))]
    for day in range(calendar.days):
        for t, residents in enumerate(residents_per_town):
            for category, (rate, descriptions) in BACKGROUND.items():
                count = rng.poisson(rate * residents / 1000.0)
                places = by_town[t][rng.integers(0, len(by_town[t]), count)]
                _record(
                    rng,
                    records,
                    calendar,
                    addresses,
                    day,
                    category,
                    places,
                    descriptions,
                    linked=0.9 if category == "burglary" else 0.25,
                    spread_km=0.08,
                )
    for cuckoo in cuckoos:
        first = int(calendar.day_of(np.array([max(cuckoo.start, calendar.first_instant)]))[0])
        last = int(calendar.day_of(np.array([cuckoo.end - 1]))[0])
        for day in range(max(first, 0), min(last, calendar.days - 1) + 1):
            for category, (rate, descriptions) in AROUND_CUCKOOED.items():
                count = rng.poisson(rate)
                places = np.full(count, cuckoo.address)
                _record(
                    rng,
                    records,
                    calendar,
                    addresses,
                    day,
                    category,
                    places,
                    descriptions,
                    linked=0.45,
                    spread_km=0.1,
                )


def _record(
    rng: np.random.Generator,
    records: PoliceRecords,
    calendar: Calendar,
    addresses: Addresses,
    day: int,
    category: str,
    places: np.ndarray,
    descriptions: tuple[str, ...],
    linked: float,
    spread_km: float,
) -> None:
    if len(places) == 0:
        return
    when = calendar.utc(day, calendar.sample_seconds(rng, len(places), REPORTING_HOURS))
    shift = rng.normal(0, spread_km, size=(2, len(places)))
    lat, lon = offset_km(
        addresses.latitude[places], addresses.longitude[places], shift[0], shift[1]
    )
    for i, place in enumerate(places.tolist()):
        at_address = rng.random() < linked
        records.incident(
            int(when[i]),
            category,
            float(lat[i]),
            float(lon[i]),
            addresses.address_id[place] if at_address else None,
            descriptions[int(rng.integers(len(descriptions)))],
        )
