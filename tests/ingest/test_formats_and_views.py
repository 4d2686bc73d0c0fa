"""Every accepted format loads the same records, and the events are ready for DuckDB."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from stronghold.engine.duckdb_engine import DuckDBEngine
from stronghold.ingest.importer import ingest_bundle, open_stores
from stronghold.settings import Settings
from stronghold.sql_text import text
from stronghold.synthetic import synthesise
from stronghold.workspace import Workspace


def loaded(tmp_path: Path, fmt: str) -> dict[str, int]:
    bundle = tmp_path / fmt
    synthesise(bundle, seed=12, scale="tiny", fmt=fmt)  # type: ignore[arg-type]
    workspace = Workspace.open(tmp_path / f"ws-{fmt}")
    report = ingest_bundle(bundle, workspace, Settings(workspace=workspace.root))
    assert {f.status for f in report.files} == {"loaded"}
    return {f.table: f.staged.loaded for f in report.files if f.staged}


def test_csv_gzipped_csv_and_parquet_load_the_same(tmp_path: Path) -> None:
    csv = loaded(tmp_path, "csv")
    assert loaded(tmp_path, "csv.gz") == csv
    assert loaded(tmp_path, "parquet") == csv
    assert csv["comms"] > 50_000 and len(csv) == 10


def test_events_are_registered_for_duckdb(tiny_bundle: Path, tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path / "ws")
    settings = Settings(workspace=workspace.root)
    report = ingest_bundle(tiny_bundle, workspace, settings)
    engine, events, committed = open_stores(workspace, settings)
    analytics = DuckDBEngine()
    counts = events.register(analytics, committed)
    con = analytics.con
    assert counts == {"comms": 1, "anpr": 1, "cells": 1}
    expected = {f.table: f.staged.loaded for f in report.files if f.staged}
    for table in ("comms", "anpr", "cells"):
        (rows,) = con.execute(f"select count(*) from {table}").fetchall()[0]
        assert rows == expected[table]
    columns = con.sql("select * from comms limit 0").columns
    assert {"start_time", "a_number", "a_number_kind", "import_id"} <= set(columns)
    assert not {"_problems", "_text_hash"} & set(columns)
    (import_id,) = con.execute("select distinct import_id from comms").fetchall()[0]
    assert import_id in committed
    # flags are stored only where unusual; the view shows every row's
    kinds = dict(con.execute("select a_number_kind, count(*) from comms group by 1").fetchall())
    assert kinds["e164"] > 0.9 * expected["comms"] and None not in kinds
    (part,) = events.parts("comms", committed)
    (stored,) = con.execute(
        f"select count(a_number_kind) from {text(str(part))} where a_number_kind = 'e164'"
    ).fetchall()[0]
    assert stored == 0
    clocks = con.execute("select distinct start_time_clock from comms").fetchall()
    assert clocks == [("exact",)]
    engine.dispose()


@pytest.mark.slow
def test_show_quarantine_names_file_line_and_reason(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "comms.csv").write_text(
        "start_time,a_number,b_number,kind\n"
        "2026-03-02T10:00:00Z,07700 400001,07700 400002,call\n"
        "not a time,07700 400001,07700 400002,call\n",
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "stronghold", "ingest", "--workspace", str(tmp_path / "ws")]
    subprocess.run([*command, str(bundle)], check=True, capture_output=True)
    shown = subprocess.run(
        [*command, "--show-quarantine"],
        check=True,
        capture_output=True,
        text=True,
        env={"COLUMNS": "200", "PATH": ""},
    ).stdout
    assert "comms.csv" in shown and "start_time" in shown and "not a time" in shown
    assert "not a date and time in a known format" in shown
