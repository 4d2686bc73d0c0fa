"""Opening the operational store: SQLite inside the workspace by default, PostgreSQL when
`STRONGHOLD_DATABASE_URL` says so, always migrated to the newest schema with Alembic."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

__all__ = ["database_url", "open_database"]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def database_url(workspace: Path, configured: str | None) -> str:
    """The URL to use: the configured one (psycopg for PostgreSQL), or the workspace's SQLite."""
    if not configured:
        return f"sqlite:///{(workspace / 'stronghold.db').resolve()}"
    url = make_url(configured)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


def open_database(url: str) -> Engine:
    """An engine on `url`, with the schema migrated to the newest version."""
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return engine


def _sqlite_pragmas(connection: object, _record: object) -> None:
    cursor = connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("pragma foreign_keys = on")
    cursor.execute("pragma journal_mode = wal")
    cursor.close()
