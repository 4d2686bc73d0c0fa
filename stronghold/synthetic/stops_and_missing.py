"""Police stops and missing reports beyond the runners' trips: the stop in which a line phone
is seized before a handover, stop-searches of ordinary people, and children who go missing
and come home."""

from __future__ import annotations

import numpy as np

from stronghold.synthetic.addresses import Addresses
from stronghold.synthetic.crime_groups import Line
from stronghold.synthetic.geography import Town
from stronghold.synthetic.people import Population
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
    """The stop in the hub, hours before a seizure handover, in which the line phone was taken."""
    for line in lines:
        for at, reason in zip(line.number_from[1:], line.handover_reasons, strict=True):
            if reason != "seizure":
                continue
            hub = towns[line.hub]
            shift = rng.normal(0.0, hub.radius_km / 2, size=2) / 111.32
            records.stop_search(
                at - int(rng.integers(1, 6)) * 3600,
                person_ids[line.holder],
                hub.latitude + float(shift[0]),
                hub.longitude + float(shift[1]),
                "controlled drugs",
                "arrest",
                "two mobile phones;cash",
            )


def record_background_stops_and_missing(
    rng: np.random.Generator,
    records: PoliceRecords,
    population: Population,
    addresses: Addresses,
    person_ids: list[str],
    calendar: Calendar,
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
    children = np.flatnonzero(population.age < 18)
    for _ in range(max(2, len(children) * calendar.days // 15_000)):
        child = int(rng.choice(children))
        gone = int(rng.integers(calendar.first_instant, calendar.last_instant))
        records.missing_episode(person_ids[child], gone, gone + int(rng.integers(2, 30)) * 3600)
