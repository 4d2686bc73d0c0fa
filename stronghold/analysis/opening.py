"""A workspace opened for analysis: its database, and an engine with the event views."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine as Database

from stronghold.engine import Engine, open_engine
from stronghold.ingest.importer import open_stores
from stronghold.settings import Settings
from stronghold.workspace import Workspace

__all__ = ["opened"]


@contextmanager
def opened(
    workspace: Workspace, settings: Settings, engine_name: str, master: str | None = None
) -> Iterator[tuple[Engine, Database, dict[str, int]]]:
    """The engine (event views registered), the database and the rows each view holds;
    a workspace with no comms is refused. Both are closed on leaving."""
    sql, events, committed = open_stores(workspace, settings)
    try:
        with open_engine(engine_name, master=master) as engine:
            counts = events.register(engine, committed)
            if not counts.get("comms"):
                raise ValueError(f"{workspace.root} holds no comms: run `stronghold ingest` first")
            yield engine, sql, counts
    finally:
        sql.dispose()
