"""Opening the operational store: SQLite inside the workspace by default, PostgreSQL when
`STRONGHOLD_DATABASE_URL` says so, always migrated to the newest schema with Alembic.

The workspace's SQLite file is opened by its path, never by a URL written from text: a
folder named `ws%41b` or `ws?x=1` is that folder. Migrations run one process at a time (a
SQLite file's `.migrate.lock` beside it; on PostgreSQL an advisory lock, since several
workspaces may share one server) and only when the schema is behind, so a read-only
workspace that is up to date opens for reading without writing a byte."""

from __future__ import annotations

import fcntl
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import URL, Engine, create_engine, event, text
from sqlalchemy.engine import make_url

from stronghold.settings import Settings
from stronghold.workspace import Workspace, WorkspaceError

__all__ = ["database_url", "open_database", "open_workspace_database"]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# pg_advisory_xact_lock's key for Stronghold's migrations (any fixed 64-bit number)
MIGRATION_LOCK_KEY = 0x5354524F4E47


def database_url(workspace: Path, configured: str | None, *, read_only: bool = False) -> URL:
    """The store's URL: the configured one (psycopg for PostgreSQL), or the workspace's
    SQLite file by its path (read-only: SQLite's URI form, its path percent-quoted)."""
    if not configured:
        path = str((workspace / "stronghold.db").resolve())
        if not read_only:
            return URL.create("sqlite", database=path)
        return URL.create(
            "sqlite",
            database="file:" + quote(path),
            query={"uri": "true", "mode": "ro", "immutable": "1"},
        )
    url = make_url(configured)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def open_workspace_database(workspace: Workspace, settings: Settings) -> Engine:
    """The workspace's store, brought up to date; read-only when the workspace is."""
    read_only = not workspace.writable and not settings.database_url
    url = database_url(workspace.root, settings.database_url, read_only=read_only)
    if read_only and not (workspace.root / "stronghold.db").exists():
        raise WorkspaceError(
            f"the workspace {workspace.root} is read-only for this user and holds no store "
            "yet: run as its owner, or give a folder you can write to"
        )
    return open_database(url, read_only=read_only)


def open_database(url: URL | str, *, read_only: bool = False) -> Engine:
    """An engine on `url`, its schema brought to the newest version when it is behind,
    one process at a time; a read-only store that is behind is refused."""
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas(read_only))
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    head = ScriptDirectory.from_config(config).get_current_head()
    with _sqlite_file_lock(engine, read_only), engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("select pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
            )
        if MigrationContext.configure(connection).get_current_revision() == head:
            return engine
        if read_only:
            engine.dispose()
            raise WorkspaceError(
                "the store is read-only and was made by an older Stronghold: open it once "
                "as its owner to bring it up to date"
            )
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return engine


@contextmanager
def _sqlite_file_lock(engine: Engine, read_only: bool) -> Iterator[None]:
    """Hold `.migrate.lock` beside a SQLite file while its schema is checked (processes
    started together wait their turn); nothing for PostgreSQL, memory or read-only."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or read_only or not database or database == ":memory:":
        yield
        return
    with (Path(database).parent / ".migrate.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # blocks until the one before is done
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _sqlite_pragmas(read_only: bool) -> Callable[[object, object], None]:
    def pragmas(connection: object, _record: object) -> None:
        cursor = connection.cursor()  # type: ignore[attr-defined]
        cursor.execute("pragma foreign_keys = on")
        if not read_only:
            cursor.execute("pragma journal_mode = wal")
        cursor.close()

    return pragmas
