"""The operational store on SQLite and on the real PostgreSQL server, through real imports."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, func, inspect, select, update
from sqlalchemy.exc import DBAPIError

from stronghold.ingest.importer import ingest_bundle
from stronghold.settings import Settings
from stronghold.store.database import database_url, open_database
from stronghold.store.models import Base, ImportLog, Person, PersonPhone
from stronghold.workspace import Workspace


def engine_for(store: Settings) -> Engine:
    Workspace.open(store.workspace)
    return open_database(database_url(store.workspace, store.database_url))


def test_migrations_build_exactly_the_models(store: Settings) -> None:
    engine = engine_for(store)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        tables = set(inspect(connection).get_table_names())
    assert differences == []
    assert {t.name for t in Base.metadata.sorted_tables} <= tables
    engine.dispose()


def test_the_import_log_cannot_be_changed(store: Settings, tiny_bundle: Path) -> None:
    ingest_bundle(tiny_bundle, Workspace.open(store.workspace), store)
    engine = engine_for(store)
    for change in (update(ImportLog).values(rows_loaded=0), ImportLog.__table__.delete()):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
            connection.execute(change)
    with engine.connect() as connection:
        assert connection.scalar(select(func.min(ImportLog.rows_read))) > 0
    engine.dispose()


def counts(store: Settings) -> dict[str, int]:
    engine = engine_for(store)
    with engine.connect() as connection:
        result = {
            t.name: connection.scalar(select(func.count()).select_from(t))
            for t in Base.metadata.sorted_tables
        }
    engine.dispose()
    return result


def test_a_bundle_loads_once_and_only_once(store: Settings, tiny_bundle: Path) -> None:
    workspace = Workspace.open(store.workspace)
    first = ingest_bundle(tiny_bundle, workspace, store)
    assert {f.status for f in first.files} == {"loaded"}
    loaded = counts(store)
    with (tiny_bundle / "people.csv").open(encoding="utf-8") as handle:
        people_rows = sum(1 for _ in handle) - 1
    assert loaded["people"] == people_rows
    assert loaded["import_log"] == 10
    assert loaded["person_phones"] > 0 and loaded["intelligence"] > 0
    parts = sorted(p.relative_to(workspace.root) for p in workspace.events.rglob("*.parquet"))
    assert len(parts) == 3  # comms, anpr, cells

    second = ingest_bundle(tiny_bundle, workspace, store)
    assert {f.status for f in second.files} == {"already imported"}
    assert counts(store) == loaded
    assert (
        sorted(p.relative_to(workspace.root) for p in workspace.events.rglob("*.parquet")) == parts
    )


def test_a_newer_record_replaces_the_older_and_says_where_it_came_from(
    store: Settings, tmp_path: Path
) -> None:
    workspace = Workspace.open(store.workspace)
    for n, (surname, phone) in enumerate((("Smith", "07700 400001"), ("Smyth", "+44 7700 400002"))):
        bundle = tmp_path / f"bundle{n}"
        bundle.mkdir()
        (bundle / "people.csv").write_text(
            f"person_id,forename,surname,phone_numbers\nP1,Ann,{surname},{phone}\n",
            encoding="utf-8",
        )
        ingest_bundle(bundle, workspace, store)
    engine = engine_for(store)
    with engine.connect() as connection:
        person = connection.execute(select(Person)).one()
        imports = connection.scalars(
            select(ImportLog.import_id).order_by(ImportLog.imported_at)
        ).all()
        phones = set(connection.scalars(select(PersonPhone.number)))
    engine.dispose()
    assert person.surname == "Smyth" and person.import_id == imports[-1]
    assert phones == {"+447700400001", "+447700400002"}


def test_sqlite_is_the_default_inside_the_workspace(tmp_path: Path, tiny_bundle: Path) -> None:
    store = Settings(workspace=tmp_path / "ws")
    ingest_bundle(tiny_bundle, Workspace.open(store.workspace), store)
    database = store.workspace / "stronghold.db"
    with sqlite3.connect(database) as connection:
        (count,) = connection.execute("select count(*) from import_log").fetchone()
    assert count == 10
