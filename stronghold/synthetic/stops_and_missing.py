"""Police stops and missing reports beyond the runners' trips: the stop in which a line phone
is seized before a handover, stop-searches of ordinary people, and children who go missing
and come home."""

from __future__ import annotations

import numpy as np

from stronghold.distance import KM_PER_DEGREE
from stronghold.synthetic.addresses import Addresses
from stronghold.synthetic.crime_groups import Line
from stronghold.synthetic.geography import Town
from stronghold.synthetic.people import MISSING, Population
from stronghold.synthetic.police_records import PoliceRecords
from stronghold.synthetic.rhythms import Calendar

__all__ = ["record_background_stops_and_missing", "record_seizures"]


def record_seizures(
    rng: np.random.Generator,
    records: PoliceRecords,
    lines: list[Line],
    towns: list[Town],
    person_ids: list[str],
) -> None:
    """The stop of the holder in the hub in which the line phone was seized: the old number
    falls silent there, hours before the new one is live."""
    for line in lines:
        for seized, reason in zip(line.number_to[:-1], line.handover_reasons, strict=True):
            if reason != "seizure":
                continue
            hub = towns[line.hub]
            shift = rng.normal(0.0, hub.radius_km / 2, size=2) / KM_PER_DEGREE
            records.stop_search(
                seized - int(rng.integers(5, 30)) * 60,
                person_ids[line.holder],
                hub.latitude + float(shift[0]),
                hub.longitude + float(shift[1]),
                "controlled drugs",
                "arrest",
                "mobile phone;cash",
            )


def record_background_stops_and_missing(
    rng: np.random.Generator,
    records: PoliceRecords,
    population: Population,
    addresses: Addresses,
    person_ids: list[str],
    calendar: Calendar,
    towns: list[Town],
) -> None:
    """Stop-searches of ordinary people and missing episodes of children who come home."""
    n = len(population)
    objects = (
        "controlled drugs",
        "offensive weapons",
        "stolen goods",
        "articles for use in criminal damage",
    )
    for _ in range(max(3, n * calendar.days // 40_000)):
        person = int(rng.integers(0, n))
        at = int(rng.integers(calendar.first_instant, calendar.last_instant))
        home = int(population.address[person])
        found = rng.random() < 0.25
        records.stop_search(
            at,
            person_ids[person] if rng.random() < 0.8 else None,
            float(addresses.latitude[home]) + rng.normal(0, 0.01),
            float(addresses.longitude[home]) + rng.normal(0, 0.015),
            str(rng.choice(objects, p=[0.6, 0.2, 0.12, 0.08])),
            "arrest"
            if found and rng.random() < 0.4
            else ("community resolution" if found else "no further action"),
            "small amount of cannabis" if found else None,
        )
    _record_missing_children(rng, records, population, person_ids, calendar, towns)


def _record_missing_children(
    rng: np.random.Generator,
    records: PoliceRecords,
    population: Population,
    person_ids: list[str],
    calendar: Calendar,
    towns: list[Town],
) -> None:
    """Children who go missing and come back: those with a missing history about every 20
    days, others rarely; one in ten is found in another town."""
    children = np.flatnonzero(population.age < 18)
    repeat = (population.flags[children] & MISSING) > 0
    rate = np.where(repeat, 1 / 20, 1 / 2000) * calendar.days
    for child, episodes in zip(children.tolist(), rng.poisson(rate).tolist(), strict=True):
        for _ in range(episodes):
            gone = int(rng.integers(calendar.first_instant, calendar.last_instant))
            back = gone + int(rng.integers(2, 48)) * 3600
            found = None
            if rng.random() < 0.1:
                elsewhere = towns[int(rng.integers(len(towns)))]
                jitter = rng.normal(0.0, 0.01, size=2)
                found = (
                    round(elsewhere.latitude + float(jitter[0]), 5),
                    round(elsewhere.longitude + float(jitter[1]), 5),
                    elsewhere.name,
                )
            records.missing_episode(person_ids[child], gone, back, found)
