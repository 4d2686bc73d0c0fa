"""Police records the world produces as it runs: missing episodes, stop-searches, incidents
and intelligence reports, collected as rows and written as the contract's tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa

from stronghold.synthetic.comms_output import iso_utc

__all__ = [
    "INCIDENT_SCHEMA",
    "INTELLIGENCE_SCHEMA",
    "MISSING_SCHEMA",
    "STOP_SEARCH_SCHEMA",
    "PoliceRecords",
]

MISSING_SCHEMA = pa.schema(
    [
        ("person_id", pa.string()),
        ("missing_from", pa.string()),
        ("returned_at", pa.string()),
        ("found_latitude", pa.float64()),
        ("found_longitude", pa.float64()),
        ("found_location", pa.string()),
    ]
)
STOP_SEARCH_SCHEMA = pa.schema(
    [
        ("searched_at", pa.string()),
        ("person_id", pa.string()),
        ("latitude", pa.float64()),
        ("longitude", pa.float64()),
        ("object_of_search", pa.string()),
        ("outcome", pa.string()),
        ("items_found", pa.string()),
    ]
)
INCIDENT_SCHEMA = pa.schema(
    [
        ("incident_id", pa.string()),
        ("reported_at", pa.string()),
        ("category", pa.string()),
        ("latitude", pa.float64()),
        ("longitude", pa.float64()),
        ("address_id", pa.string()),
        ("description", pa.string()),
    ]
)
INTELLIGENCE_SCHEMA = pa.schema(
    [
        ("ref", pa.string()),
        ("reported_at", pa.string()),
        ("text", pa.string()),
        ("source_evaluation", pa.string()),
        ("intelligence_assessment", pa.string()),
        ("handling_code", pa.string()),
        ("handling_conditions", pa.string()),
        ("address_id", pa.string()),
        ("subjects", pa.string()),
        ("area", pa.string()),
    ]
)


@dataclass
class PoliceRecords:
    """Rows of each police table, as (time, fields) so they can be written in time order."""

    missing: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    stop_searches: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    incidents: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    intelligence: list[tuple[int, dict[str, Any]]] = field(default_factory=list)

    def missing_episode(
        self,
        person_id: str,
        missing_from: int,
        returned_at: int | None,
        found: tuple[float, float, str] | None = None,
    ) -> None:
        lat, lon, place = found if found else (None, None, None)
        self.missing.append(
            (
                missing_from,
                {
                    "person_id": person_id,
                    "missing_from": missing_from,
                    "returned_at": returned_at,
                    "found_latitude": lat,
                    "found_longitude": lon,
                    "found_location": place,
                },
            )
        )

    def stop_search(
        self,
        at: int,
        person_id: str | None,
        lat: float,
        lon: float,
        object_of_search: str,
        outcome: str,
        items_found: str | None,
    ) -> None:
        self.stop_searches.append(
            (
                at,
                {
                    "searched_at": at,
                    "person_id": person_id,
                    "latitude": round(lat, 5),
                    "longitude": round(lon, 5),
                    "object_of_search": object_of_search,
                    "outcome": outcome,
                    "items_found": items_found,
                },
            )
        )

    def incident(
        self,
        at: int,
        category: str,
        lat: float,
        lon: float,
        address_id: str | None,
        description: str,
    ) -> None:
        self.incidents.append(
            (
                at,
                {
                    "reported_at": at,
                    "category": category,
                    "latitude": round(lat, 5),
                    "longitude": round(lon, 5),
                    "address_id": address_id,
                    "description": description,
                },
            )
        )

    def report(
        self,
        at: int,
        text: str,
        grading: tuple[str, str, str],
        area: str,
        address_id: str | None = None,
        subjects: list[str] | None = None,
        conditions: str | None = None,
    ) -> None:
        source, assessment, handling = grading
        self.intelligence.append(
            (
                at,
                {
                    "reported_at": at,
                    "text": text,
                    "source_evaluation": source,
                    "intelligence_assessment": assessment,
                    "handling_code": handling,
                    "handling_conditions": conditions,
                    "address_id": address_id,
                    "subjects": ";".join(subjects) if subjects else None,
                    "area": area,
                },
            )
        )

    def tables(self) -> dict[str, pa.Table]:
        """Each table in time order, with identifiers numbered in that order."""
        incidents = _rows(self.incidents)
        for n, row in enumerate(incidents):
            row["incident_id"] = f"INC{n + 1:07d}"
        intelligence = _rows(self.intelligence)
        for n, row in enumerate(intelligence):
            row["ref"] = f"IR{n + 1:06d}"
        return {
            "missing_episodes": _table(
                _rows(self.missing), MISSING_SCHEMA, ("missing_from", "returned_at")
            ),
            "stop_search": _table(_rows(self.stop_searches), STOP_SEARCH_SCHEMA, ("searched_at",)),
            "incidents": _table(incidents, INCIDENT_SCHEMA, ("reported_at",)),
            "intelligence": _table(intelligence, INTELLIGENCE_SCHEMA, ("reported_at",)),
        }


def _rows(entries: list[tuple[int, dict[str, Any]]]) -> list[dict[str, Any]]:
    order = sorted(range(len(entries)), key=lambda i: (entries[i][0], i))
    return [dict(entries[i][1]) for i in order]


def _table(rows: list[dict[str, Any]], schema: pa.Schema, times: tuple[str, ...]) -> pa.Table:
    columns: dict[str, Any] = {}
    for name in schema.names:
        values = [row.get(name) for row in rows]
        if name in times:
            known = np.array([v is not None for v in values], dtype=bool)
            stamps = iso_utc(np.array([v if v is not None else 0 for v in values], dtype=np.int64))
            columns[name] = pa.array(
                [s if k else None for s, k in zip(stamps.to_pylist(), known.tolist(), strict=True)],
                pa.string(),
            )
        else:
            columns[name] = pa.array(values, schema.field(name).type)
    return pa.table(columns, schema=schema)
