"""The reference tables of a bundle: people (nominal records), addresses and cells.

A force holds nominal records only for people it has met: everyone with a part in a line,
people with safeguarding flags or records, and a sample of the rest. Phone numbers on
nominal records are written as officers type them (07700 900123, +44 7700 900123 ...), and
some are missing, as they are in real records.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pyarrow as pa

from stronghold.synthetic.addresses import TENURES, Addresses
from stronghold.synthetic.cells import CellNetwork
from stronghold.synthetic.names import ALIASES
from stronghold.synthetic.people import Population, flag_names

__all__ = ["address_table", "cell_table", "human_number", "people_table"]

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


def people_table(
    rng: np.random.Generator,
    population: Population,
    addresses: Addresses,
    person_ids: list[str],
    known: np.ndarray,
    phone_numbers: dict[int, list[str]],
    aliased: set[int],
    start: date,
) -> pa.Table:
    """Nominal records for the people in `known` (sorted person indices)."""
    rows: dict[str, list[str | None]] = {name: [] for name in PEOPLE_SCHEMA.names}
    for person in known.tolist():
        age = int(population.age[person])
        born = start - timedelta(days=365 * age + int(rng.integers(1, 365)))
        numbers = phone_numbers.get(person, [])
        written = [human_number(n, int(rng.integers(0, 4))) for n in numbers]
        rows["person_id"].append(person_ids[person])
        rows["forename"].append(population.forename[person])
        rows["surname"].append(population.surname[person])
        rows["aliases"].append(
            ALIASES[int(rng.integers(len(ALIASES)))] if person in aliased else None
        )
        rows["date_of_birth"].append(born.isoformat())
        rows["gender"].append("M" if population.male[person] else "F")
        rows["address_id"].append(addresses.address_id[int(population.address[person])])
        rows["phone_numbers"].append(";".join(written) or None)
        rows["flags"].append(flag_names(int(population.flags[person])) or None)
    return pa.table(rows, schema=PEOPLE_SCHEMA)


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
