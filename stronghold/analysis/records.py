"""Records from the workspace's database registered on the analytics engine, beside the
events: people (with ages and flags), their numbers, addresses, incidents and intelligence.
Lists (flags, subjects) become `;`-joined text, so both engines read them alike."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
from sqlalchemy import Engine as Database
from sqlalchemy import select

from stronghold.engine import Engine
from stronghold.store.models import Address, Incident, Intelligence, Person, PersonPhone

__all__ = ["RECORD_TABLES", "register_records"]

RECORD_TABLES: dict[str, tuple[Any, ...]] = {
    "people": (
        Person.person_id,
        Person.date_of_birth,
        Person.address_id,
        Person.flags,
    ),
    "person_phones": (PersonPhone.person_id, PersonPhone.number),
    "addresses": (
        Address.address_id,
        Address.line1,
        Address.town,
        Address.postcode,
        Address.latitude,
        Address.longitude,
        Address.tenure,
    ),
    "incidents": (
        Incident.incident_id,
        Incident.reported_at,
        Incident.category,
        Incident.latitude,
        Incident.longitude,
        Incident.address_id,
    ),
    "intelligence": (
        Intelligence.ref,
        Intelligence.reported_at,
        Intelligence.source_evaluation,
        Intelligence.intelligence_assessment,
        Intelligence.address_id,
        Intelligence.subjects,
        Intelligence.area,
        Intelligence.text,
    ),
}
TYPES = {"date_of_birth": pa.date32(), "latitude": pa.float64(), "longitude": pa.float64()}
STAMPS = ("reported_at",)


def register_records(engine: Engine, database: Database) -> dict[str, int]:
    """Each table of `RECORD_TABLES` on `engine`; rows registered per table."""
    counts = {}
    with database.connect() as connection:
        for name, columns in RECORD_TABLES.items():
            rows = [dict(r._mapping) for r in connection.execute(select(*columns))]
            engine.register_arrow(name, _table(columns, rows))
            counts[name] = len(rows)
    return counts


def _table(columns: tuple[Any, ...], rows: list[dict[str, Any]]) -> pa.Table:
    arrays = {}
    for column in columns:
        name = column.key
        values = [r[name] for r in rows]
        if name in ("flags", "subjects"):
            values = [";".join(v) if v else None for v in values]
        if name in STAMPS:
            arrays[name] = pa.array(values, pa.timestamp("us", tz="UTC"))
        else:
            arrays[name] = pa.array(values, TYPES.get(name, pa.string()))
    return pa.table(arrays)
