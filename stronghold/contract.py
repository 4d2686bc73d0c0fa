"""The case-bundle contract (../shared/CONTRACT.md) as data: every table, column and kind.

Readers, writers, validation and the stores all take their tables and columns from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

__all__ = [
    "BUNDLE_TABLES",
    "CONTRACT",
    "EXTENSIONS",
    "KINDS",
    "Column",
    "Kind",
    "Table",
    "find_table",
]

Kind = Literal[
    "text",
    "id",
    "time",
    "date",
    "phone",
    "phones",
    "list",
    "choice",
    "duration",
    "number",
    "latitude",
    "longitude",
    "postcode",
    "vrm",
]
KINDS: tuple[str, ...] = get_args(Kind)


@dataclass(frozen=True)
class Column:
    """One contract column: its name, what kind of value it holds, and whether it is required.

    Kinds: `text`, `id`, `time` (ISO 8601, UK local when no offset), `date`, `phone`,
    `phones` (`;`-separated), `list` (`;`-separated), `choice` (one of `choices`),
    `duration` (seconds or hh:mm:ss), `number` (a decimal within `bounds`), `latitude`,
    `longitude`, `postcode`, `vrm`. A kind not among these is refused (mypy refuses it in
    the code; the constructor at run time), so a misspelt kind never becomes text.
    """

    name: str
    kind: Kind = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    bounds: tuple[float, float] | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"column {self.name!r}: no kind {self.kind!r} ({', '.join(KINDS)})")
        if (self.kind == "choice") != bool(self.choices):
            raise ValueError(f"column {self.name!r}: choices belong to, and only to, a choice")


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()  # natural key of a record, where it has one
    bulk: bool = False  # events kept as Parquet for the analytics engine

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _c(name: str, kind: Kind = "text", required: bool = False, **more: object) -> Column:
    return Column(name, kind, required, **more)  # type: ignore[arg-type]


CONTRACT: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "comms",
            (
                _c("start_time", "time", True),
                _c("a_number", "phone", True),
                _c("b_number", "phone", True),
                _c("kind", "choice", True, choices=("call", "sms", "mms", "data", "voicemail")),
                _c("duration_s", "duration"),
                _c("a_cell", "id"),
                _c("b_cell", "id"),
                _c("a_imei", "id"),
                _c("b_imei", "id"),
                _c("a_imsi", "id"),
                _c("record_id", "id"),
                _c("source"),
            ),
            bulk=True,
        ),
        Table(
            "cells",
            (
                _c("cell_id", "id", True),
                _c("latitude", "latitude", True),
                _c("longitude", "longitude", True),
                _c("azimuth_deg", "number", bounds=(0, 360)),
                _c("radius_m", "number", bounds=(0, 100_000)),
                _c("site_name"),
                _c("postcode", "postcode"),
            ),
            key=("cell_id",),
            bulk=True,
        ),
        Table(
            "people",
            (
                _c("person_id", "id", True),
                _c("forename"),
                _c("surname"),
                _c("aliases", "list"),
                _c("date_of_birth", "date"),
                _c("gender"),
                _c("address_id", "id"),
                _c("phone_numbers", "phones"),
                _c("flags", "list"),
            ),
            key=("person_id",),
        ),
        Table(
            "addresses",
            (
                _c("address_id", "id", True),
                _c("line1"),
                _c("town"),
                _c("postcode", "postcode"),
                _c("latitude", "latitude"),
                _c("longitude", "longitude"),
                _c("tenure", "choice", choices=("social", "private_rented", "owner")),
            ),
            key=("address_id",),
        ),
        Table(
            "vehicles",
            (
                _c("vrm", "vrm", True),
                _c("make"),
                _c("model"),
                _c("colour"),
                _c("keeper_person_id", "id"),
            ),
            key=("vrm",),
        ),
        Table(
            "anpr",
            (
                _c("read_time", "time", True),
                _c("vrm", "vrm", True),
                _c("camera_id", "id", True),
                _c("latitude", "latitude"),
                _c("longitude", "longitude"),
                _c("direction"),
            ),
            bulk=True,
        ),
        Table(
            "intelligence",
            (
                _c("ref", "id", True),
                _c("reported_at", "time", True),
                _c("text", "text", True),
                _c("source_evaluation", "choice", choices=("1", "2", "3")),
                _c("intelligence_assessment", "choice", choices=("A", "B", "C", "D", "E")),
                _c("handling_code", "choice", choices=("P", "C")),
                _c("handling_conditions"),
                _c("address_id", "id"),
                _c("subjects", "list"),
                _c("area"),
            ),
            key=("ref",),
        ),
        Table(
            "incidents",
            (
                _c("incident_id", "id", True),
                _c("reported_at", "time", True),
                _c("category", "text", True),
                _c("latitude", "latitude"),
                _c("longitude", "longitude"),
                _c("address_id", "id"),
                _c("description"),
            ),
            key=("incident_id",),
        ),
        Table(
            "missing_episodes",
            (
                _c("person_id", "id", True),
                _c("missing_from", "time", True),
                _c("returned_at", "time"),
                _c("found_latitude", "latitude"),
                _c("found_longitude", "longitude"),
                _c("found_location"),
            ),
            key=("person_id", "missing_from"),
        ),
        Table(
            "stop_search",
            (
                _c("searched_at", "time", True),
                _c("person_id", "id"),
                _c("latitude", "latitude"),
                _c("longitude", "longitude"),
                _c("object_of_search"),
                _c("outcome"),
                _c("items_found", "list"),
            ),
        ),  # no natural key: people searched together share time, place and often no id
    )
}

# table -> required columns
BUNDLE_TABLES: dict[str, tuple[str, ...]] = {name: t.required for name, t in CONTRACT.items()}
EXTENSIONS = (".csv", ".csv.gz", ".parquet", ".xlsx")


def find_table(bundle: Path, table: str) -> Path | None:
    """The file holding `table` in a bundle folder (any accepted format), or None."""
    for extension in EXTENSIONS:
        path = bundle / f"{table}{extension}"
        if path.exists():
            return path
    return None
