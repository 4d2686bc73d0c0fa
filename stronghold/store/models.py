"""The operational store: SQLAlchemy 2 tables for the records people work with.

Bulk events (comms, ANPR) and the cell list live as Parquet for the analytics engine
(`stronghold.store.events`); everything else lives here, on SQLite or PostgreSQL alike.
Every row names the import that brought it (`import_id`), and anything the contract does not
name is kept in `extra` (JSON).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "OPERATIONAL_MODELS",
    "Address",
    "Base",
    "ImportLog",
    "Incident",
    "Intelligence",
    "MissingEpisode",
    "Person",
    "PersonPhone",
    "StopSearch",
    "Vehicle",
]

Stamp = DateTime(timezone=True)
Json = JSON(none_as_null=True)  # no value is SQL NULL, not the JSON text 'null'


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: Json, list[str]: Json}


class ImportLog(Base):
    """One row per file imported: append-only (the database refuses updates and deletes)."""

    __tablename__ = "import_log"

    import_id: Mapped[str] = mapped_column(String(64), primary_key=True)  # file's sha256
    file_name: Mapped[str] = mapped_column(Text)
    table_name: Mapped[str] = mapped_column(String(40))
    profile: Mapped[str] = mapped_column(String(80))
    imported_at: Mapped[datetime] = mapped_column(Stamp)
    imported_by: Mapped[str] = mapped_column(String(120))
    rows_read: Mapped[int] = mapped_column(Integer)
    rows_loaded: Mapped[int] = mapped_column(Integer)
    rows_quarantined: Mapped[int] = mapped_column(Integer)
    rows_already_known: Mapped[int] = mapped_column(Integer)
    details: Mapped[dict[str, Any]] = mapped_column(Json)  # DST, numbers, encoding ...
    stronghold_version: Mapped[str] = mapped_column(String(20))


class _Record:
    import_id: Mapped[str] = mapped_column(ForeignKey("import_log.import_id"))
    source_line: Mapped[int] = mapped_column(Integer)
    extra: Mapped[dict[str, Any] | None] = mapped_column(Json, nullable=True)


class Person(_Record, Base):
    __tablename__ = "people"
    person_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    forename: Mapped[str | None] = mapped_column(Text)
    surname: Mapped[str | None] = mapped_column(Text)
    aliases: Mapped[list[str] | None] = mapped_column(Json)
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    gender: Mapped[str | None] = mapped_column(String(40))
    address_id: Mapped[str | None] = mapped_column(String(120))
    flags: Mapped[list[str] | None] = mapped_column(Json)


class PersonPhone(Base):
    """A number written on a nominal record, normalised, with what was written."""

    __tablename__ = "person_phones"
    person_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    number: Mapped[str] = mapped_column(String(64), primary_key=True)
    number_kind: Mapped[str] = mapped_column(String(20))
    import_id: Mapped[str] = mapped_column(ForeignKey("import_log.import_id"))


class Address(_Record, Base):
    __tablename__ = "addresses"
    address_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    line1: Mapped[str | None] = mapped_column(Text)
    town: Mapped[str | None] = mapped_column(Text)
    postcode: Mapped[str | None] = mapped_column(String(20))
    postcode_valid: Mapped[bool | None]
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    tenure: Mapped[str | None] = mapped_column(String(40))


class Vehicle(_Record, Base):
    __tablename__ = "vehicles"
    vrm: Mapped[str] = mapped_column(String(20), primary_key=True)
    make: Mapped[str | None] = mapped_column(Text)
    model: Mapped[str | None] = mapped_column(Text)
    colour: Mapped[str | None] = mapped_column(Text)
    keeper_person_id: Mapped[str | None] = mapped_column(String(120))


class Intelligence(_Record, Base):
    __tablename__ = "intelligence"
    ref: Mapped[str] = mapped_column(String(120), primary_key=True)
    reported_at: Mapped[datetime] = mapped_column(Stamp)
    text: Mapped[str] = mapped_column(Text)
    source_evaluation: Mapped[str | None] = mapped_column(String(1))
    intelligence_assessment: Mapped[str | None] = mapped_column(String(1))
    handling_code: Mapped[str | None] = mapped_column(String(1))
    handling_conditions: Mapped[str | None] = mapped_column(Text)
    address_id: Mapped[str | None] = mapped_column(String(120))
    subjects: Mapped[list[str] | None] = mapped_column(Json)
    area: Mapped[str | None] = mapped_column(Text)


class Incident(_Record, Base):
    __tablename__ = "incidents"
    incident_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    reported_at: Mapped[datetime] = mapped_column(Stamp)
    category: Mapped[str] = mapped_column(String(80))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    address_id: Mapped[str | None] = mapped_column(String(120))
    description: Mapped[str | None] = mapped_column(Text)


class MissingEpisode(_Record, Base):
    __tablename__ = "missing_episodes"
    person_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    missing_from: Mapped[datetime] = mapped_column(Stamp, primary_key=True)
    returned_at: Mapped[datetime | None] = mapped_column(Stamp)
    found_latitude: Mapped[float | None] = mapped_column(Float)
    found_longitude: Mapped[float | None] = mapped_column(Float)
    found_location: Mapped[str | None] = mapped_column(Text)


class StopSearch(_Record, Base):
    __tablename__ = "stop_search"
    stop_id: Mapped[str] = mapped_column(String(64), primary_key=True)  # hash of all its values
    searched_at: Mapped[datetime] = mapped_column(Stamp)
    person_id: Mapped[str | None] = mapped_column(String(120))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    object_of_search: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(Text)
    items_found: Mapped[list[str] | None] = mapped_column(Json)


# contract table -> model holding its records
OPERATIONAL_MODELS: dict[str, type[Base]] = {
    "people": Person,
    "addresses": Address,
    "vehicles": Vehicle,
    "intelligence": Intelligence,
    "incidents": Incident,
    "missing_episodes": MissingEpisode,
    "stop_search": StopSearch,
}
