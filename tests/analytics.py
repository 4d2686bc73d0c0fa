"""Helpers for tests that run analyses: engines over a workspace, rows to compare."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pyarrow as pa
import pytest

from stronghold.engine import Engine
from stronghold.ingest.importer import open_stores
from stronghold.settings import Settings
from stronghold.workspace import Workspace


def registered(engine: Engine, root: Path) -> Engine:
    """`engine` with the workspace's event views registered."""
    space = Workspace.open(root)
    sql, events, committed = open_stores(space, Settings(workspace=space.root))
    sql.dispose()
    events.register(engine, committed)
    return engine


def rows(table: pa.Table) -> list[tuple[object, ...]]:
    """A table's rows, sorted: equal for equal results whatever the engine's order."""
    return sorted(tuple(r.values()) for r in table.to_pylist())


def skip_without_spark() -> None:
    if importlib.util.find_spec("pyspark") is None:
        pytest.skip("pyspark is not installed (pip install 'stronghold[spark]')")
    if shutil.which("java") is None:
        pytest.skip("no Java runtime for Spark (apt-get install default-jre-headless)")
