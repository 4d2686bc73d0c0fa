"""The reference tables of a bundle: people (nominal records), addresses and cells.

A force holds nominal records only for people it has met: everyone with a part in a line,
people with safeguarding flags or records, and a sample of the rest. Phone numbers on
nominal records are written as officers type them (07700 900123, +44 7700 900123 ...), and
some are missing, as they are in real records. How many records list numbers at all is a knob
of the world (`named_number_share`), and a person who changed number (churn.py) may be on
record with the old one, the new one or both: real records are partly out of date.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from stronghold.synthetic.addresses import TENURES, Addresses
from stronghold.synthetic.cells import CellNetwork
from stronghold.synthetic.people import CHILD, flag_names
from stronghold.synthetic.seeding import stream

if TYPE_CHECKING:
    from stronghold.synthetic.world import World

__all__ = [
    "address_table",
    "cell_table",
    "human_number",
    "nominal_records",
    "people_table",
]

PEOPLE_SCHEMA = pa.schema(
    [
        (name, pa.string())
        for name in (
            "person_id",
            "forename",
            "surname",
            "aliases",
            "date_of_birth",
            "gender",
            "address_id",
            "phone_numbers",
            "flags",
        )
    ]
)


def human_number(e164: str, style: int) -> str:
    """A +44 number written one of the ways people write UK numbers."""
    if not e164.startswith("+44"):
        return e164
    national = "0" + e164[3:]
    if style == 0:
        return f"{national[:5]} {national[5:]}"
    if style == 1:
        return f"+44 {national[1:5]} {national[5:]}"
    if style == 2:
        return e164[1:]
    return national


def nominal_records(
    world: World, rng: np.random.Generator
) -> tuple[np.ndarray, dict[int, list[str]]]:
    """Who has a nominal record (sorted person indices), and the numbers written on it.

    Everyone with a part in a line (the groups, runners, cuckooed residents, children buying),
    everyone in another police record, vehicle keepers; 20% of customers, 60% of people with
    a flag, and 3% of the rest. 85% of records list the person's own mobile; 35% of those with
    a work phone list it too. Then (only when the world's draw asks, from streams of their own)
    only `named_number_share` of the records keep their numbers, and changed numbers are
    written as the record last heard of them.
    """
    p = world.population
    number = world.phones.number
    involved: set[int] = set()
    work: dict[int, int] = {}
    for group in world.groups:
        involved.update(group.leaders + group.members)
        work.update(zip(group.controllers, group.controller_phones, strict=True))
    for line in world.lines:
        involved.update(line.runners)
        work.update(zip(line.runners, line.runner_phones, strict=True))
        customers = line.customers
        known = ((p.flags[customers] & CHILD) > 0) | (rng.random(len(customers)) < 0.2)
        involved.update(customers[known].tolist())
    involved.update(c.resident for c in world.cuckoos)
    records = world.records
    for rows in (records.missing, records.stop_searches):
        involved.update(int(r["person_id"][1:]) for _, r in rows if r.get("person_id"))
    for _, r in records.intelligence:
        if r.get("subjects"):
            involved.update(int(s[1:]) for s in r["subjects"].split(";"))
    involved.update(k for k in world.fleet.keeper if k >= 0)
    flagged = np.flatnonzero(p.flags & ~CHILD)
    involved.update(flagged[rng.random(len(flagged)) < 0.6].tolist())
    involved.update(np.flatnonzero(rng.random(len(p)) < 0.03).tolist())
    people = np.array(sorted(involved), dtype=np.int64)
    numbers: dict[int, list[str]] = {}
    for person in people.tolist():
        listed = [number[world.personal_phone[person]]] if rng.random() < 0.85 else []
        if person in work and rng.random() < 0.35:
            listed.append(number[work[person]])
        numbers[person] = listed
    _record_changes(world, numbers)
    share = world.draw.named_number_share
    if share < 1.0:
        kept = stream(world.seed, "named numbers").random(len(people)) < share
        for person, keep in zip(people.tolist(), kept.tolist(), strict=True):
            if not keep:
                numbers[person] = []
    return people, numbers


def _record_changes(world: World, numbers: dict[int, list[str]]) -> None:
    """A changed number on record as the old one (40%), the new one (30%) or both (30%)."""
    changes = [c for c in world.changed_numbers if c.person in numbers]
    if not changes:
        return
    number = world.phones.number
    pick = stream(world.seed, "changed numbers on record").choice(
        3, size=len(changes), p=[0.4, 0.3, 0.3]
    )
    for change, which in zip(changes, pick.tolist(), strict=True):
        listed = numbers[change.person]
        old = number[change.old]
        if old in listed:
            written = [[old], [number[change.new]], [old, number[change.new]]][which]
            at = listed.index(old)
            numbers[change.person] = listed[:at] + written + listed[at + 1 :]


def people_table(
    rng: np.random.Generator, world: World, known: np.ndarray, phone_numbers: dict[int, list[str]]
) -> pa.Table:
    """Nominal records for the people in `known` (sorted person indices)."""
    population = world.population
    start = world.calendar.start
    rows: dict[str, list[str | None]] = {name: [] for name in PEOPLE_SCHEMA.names}
    for person in known.tolist():
        last_birthday = start - timedelta(days=int(rng.integers(0, 365)))
        born = _years_before(last_birthday, int(population.age[person]))
        written = [human_number(n, int(rng.integers(0, 4))) for n in phone_numbers[person]]
        rows["person_id"].append(world.person_ids[person])
        rows["forename"].append(population.forename[person])
        rows["surname"].append(population.surname[person])
        rows["aliases"].append(world.aliases.get(person))
        rows["date_of_birth"].append(born.isoformat())
        rows["gender"].append("M" if population.male[person] else "F")
        rows["address_id"].append(world.addresses.address_id[int(population.address[person])])
        rows["phone_numbers"].append(";".join(written) or None)
        rows["flags"].append(flag_names(int(population.flags[person])) or None)
    return pa.table(rows, schema=PEOPLE_SCHEMA)


def _years_before(day: date, years: int) -> date:
    """The same calendar day `years` earlier (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def address_table(addresses: Addresses, town_names: list[str]) -> pa.Table:
    return pa.table(
        {
            "address_id": addresses.address_id,
            "line1": addresses.line1,
            "town": [town_names[t] for t in addresses.town.tolist()],
            "postcode": addresses.postcode,
            "latitude": addresses.latitude,
            "longitude": addresses.longitude,
            "tenure": [TENURES[t] for t in addresses.tenure.tolist()],
        }
    )


def cell_table(cells: CellNetwork) -> pa.Table:
    return pa.table(
        {
            "cell_id": cells.cell_id,
            "latitude": cells.latitude,
            "longitude": cells.longitude,
            "azimuth_deg": np.round(cells.azimuth).astype(np.int32),
            "radius_m": cells.radius_m.astype(np.int32),
            "site_name": cells.site_name,
            "postcode": [code or None for code in cells.postcode] or [None] * len(cells),
        }
    )
