"""Finding 10: `analyse` and `ingest` started together on a new workspace raced to create
the schema; one crashed with "table import_log already exists" in 2 runs of 4.

After the fix migrations run under a lock: processes opening a new store at the same moment
all succeed, on SQLite and on PostgreSQL (a fresh schema each round)."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
import traceback
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from sqlalchemy import inspect

from stronghold.ingest.importer import open_stores
from stronghold.settings import Settings
from stronghold.workspace import Workspace
from tests.conftest import postgres_schema
from tests.security.conftest import (
    ROOT,
    cli_env,
    comms_csv,
    open_store,
    people_csv,
    write_bundle,
)

PROCESSES = 6
ROUNDS = 4


def _open(barrier: Any, stores: list[Settings], results: Any) -> None:
    """One process: for each new store in turn, wait for the others, then open it the way
    `ingest` and `analyse` do (and so migrate it). Started once for every round: the rounds
    race, not the imports of Python."""
    for settings in stores:
        try:
            barrier.wait(60)
            engine, _, _ = open_stores(Workspace.open(settings.workspace), settings)
            engine.dispose()
            results.put("ok")
        except BaseException:
            results.put(traceback.format_exc(limit=3))


def fresh_store(store: Settings, folder: Path, stack: ExitStack) -> Settings:
    """Settings for a store no process has opened yet, of `store`'s kind."""
    if store.database_url is None:
        return Settings(workspace=folder, database_url=None)
    return Settings(workspace=folder, database_url=stack.enter_context(postgres_schema()))


def test_finding_10_first_open_from_many_processes(store: Settings, tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")  # no forked DuckDB or SQLite state
    with ExitStack() as stack:
        stores = [fresh_store(store, tmp_path / f"ws{n}", stack) for n in range(ROUNDS)]
        barrier = context.Barrier(PROCESSES)
        results = context.Queue()
        workers = [
            context.Process(target=_open, args=(barrier, stores, results)) for _ in range(PROCESSES)
        ]
        for worker in workers:
            worker.start()
        outcomes = [results.get(timeout=120) for _ in range(ROUNDS * PROCESSES)]
        for worker in workers:
            worker.join(60)
        for settings in stores:
            engine = open_store(settings)
            tables = set(inspect(engine).get_table_names())
            engine.dispose()
            assert {"import_log", "people", "alembic_version"} <= tables
    failures = [o for o in outcomes if o != "ok"]
    assert failures == [], f"{len(failures)} of {ROUNDS * PROCESSES} failed:\n" + "\n".join(
        failures[:3]
    )


def test_finding_10_ingest_and_analyse_started_together(store: Settings, tmp_path: Path) -> None:
    """The finding's own commands: two imports and two analyses at once on a new workspace.
    One import may find the other holding the workspace, an analysis may find no comms yet
    (both exit 2 with a sentence); none may crash."""
    bundle = write_bundle(
        tmp_path / "bundle", {"people.csv": people_csv(), "comms.csv": comms_csv()}
    )
    for round_ in range(3):
        with ExitStack() as stack:
            space = tmp_path / f"cli{round_}"
            env = cli_env(fresh_store(store, space, stack).database_url)
            commands = [["ingest", bundle], ["analyse"], ["ingest", bundle], ["analyse"]]
            running = [
                subprocess.Popen(
                    [sys.executable, "-m", "stronghold", *map(str, c), "--workspace", str(space)],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    text=True,
                )
                for c in commands
            ]
            for process, command in zip(running, commands, strict=True):
                out, _ = process.communicate(timeout=180)
                assert "Traceback" not in out and "already exists" not in out, (command, out)
                assert process.returncode in (0, 2), (command, process.returncode, out)
