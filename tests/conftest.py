"""Shared fixtures: synthetic bundles made once per test session."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, text

from stronghold.settings import Settings
from stronghold.store.database import database_url
from stronghold.synthetic import synthesise

if TYPE_CHECKING:
    from stronghold.engine import Engine

SMALL_SEEDS = (7, 11)
POSTGRES = os.environ.get("STRONGHOLD_TEST_POSTGRES_URL")
STORES = ("sqlite", "postgresql")

# No time limits on property tests: a busy machine must not fail them (speed is measured in
# benchmarks/, never in tests).
settings.register_profile("stronghold", deadline=None)
settings.load_profile("stronghold")


@pytest.fixture(scope="session")
def tiny_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tiny") / "bundle"
    synthesise(folder, seed=3, scale="tiny")
    return folder


@pytest.fixture(scope="session", params=SMALL_SEEDS, ids=lambda seed: f"seed{seed}")
def small_bundle(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp(f"small{request.param}") / "bundle"
    synthesise(folder, seed=request.param, scale="small")
    return folder


def load_truth(bundle: Path) -> dict[str, Any]:
    return json.loads((bundle / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def tiny_workspace(tmp_path_factory: pytest.TempPathFactory, tiny_bundle: Path) -> Path:
    """The tiny bundle imported into a workspace (read-only for the tests that share it)."""
    from stronghold.ingest.importer import ingest_bundle
    from stronghold.settings import Settings
    from stronghold.workspace import Workspace

    space = Workspace.open(tmp_path_factory.mktemp("tiny-ws") / "ws")
    ingest_bundle(tiny_bundle, space, Settings(workspace=space.root))
    return space.root


@pytest.fixture(scope="session")
def small_analysed(small_bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Each small bundle imported and analysed once (read-only for the tests that share it):
    the workspace root, its results in `results/`."""
    from stronghold.analysis.run import analyse
    from stronghold.ingest.importer import ingest_bundle
    from stronghold.settings import Settings
    from stronghold.workspace import Workspace

    space = Workspace.open(tmp_path_factory.mktemp("small-ws") / "ws")
    settings = Settings(workspace=space.root)
    ingest_bundle(small_bundle, space, settings)
    analyse(space, settings)
    return space.root


@pytest.fixture(scope="session")
def spark_engine() -> Iterator[Engine]:
    """A local Spark, started once for the session (it takes seconds to start)."""
    from stronghold.engine import open_engine
    from tests.analytics import skip_without_spark

    skip_without_spark()
    with open_engine("spark", threads=2) as engine:
        yield engine


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A URL on a fresh PostgreSQL schema, dropped on leaving."""
    if not POSTGRES:
        pytest.skip(
            "STRONGHOLD_TEST_POSTGRES_URL is not set (e.g. postgresql://postgres@127.0.0.1:5432/"
            "test); the PostgreSQL store tests need a real server"
        )
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(database_url(Path("."), POSTGRES))
    with admin.begin() as connection:
        connection.execute(text(f"create schema {schema}"))
    try:
        yield f"{POSTGRES}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"drop schema {schema} cascade"))
        admin.dispose()


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    """Settings for a fresh workspace: SQLite inside it, or a fresh PostgreSQL schema."""
    with store_settings(request.param, tmp_path / "ws") as settings:
        yield settings


@contextmanager
def store_settings(kind: str, workspace: Path) -> Iterator[Settings]:
    """Settings for a fresh workspace whose store is `kind`: SQLite inside it, or a fresh
    PostgreSQL schema (skipped with the reason when no server is given)."""
    if kind == "sqlite":
        yield Settings(workspace=workspace, database_url=None)
        return
    with postgres_schema() as url:
        yield Settings(workspace=workspace, database_url=url)
