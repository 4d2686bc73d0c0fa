"""Helpers for the ingest tests: write a bundle, import it, read back what was stored."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path
from typing import Any

import duckdb

from stronghold.ingest.importer import FileOutcome, IngestReport, ingest_bundle
from stronghold.settings import Settings
from stronghold.sql_text import quote, text
from stronghold.store.events import part_rows
from stronghold.workspace import Workspace


def ingest(
    tmp_path: Path, files: dict[str, str | bytes], profile: str = "contract"
) -> tuple[Workspace, IngestReport]:
    """Write `files` into a bundle and import it into a fresh workspace."""
    bundle = tmp_path / "bundle"
    bundle.mkdir(exist_ok=True)
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (bundle / name).write_bytes(data)
    workspace = Workspace.open(tmp_path / "workspace")
    return workspace, ingest_bundle(bundle, workspace, Settings(workspace=workspace.root), profile)


def quarantine(workspace: Workspace, outcome: FileOutcome) -> list[dict[str, str]]:
    """The quarantine CSV of one imported file, as rows."""
    assert outcome.staged is not None
    path = workspace.quarantine / f"{outcome.staged.import_id}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def events(workspace: Workspace, outcome: FileOutcome) -> list[dict[str, Any]]:
    """The outcome's Parquet part as the views show it, by source line when it has them,
    with times as UTC text ('2026-07-01 11:00:00')."""
    assert outcome.staged is not None
    path = workspace.events / outcome.table / f"{outcome.staged.import_id}.parquet"
    con = duckdb.connect()
    stored = f"read_parquet({text(str(path))})"
    part = f"({part_rows(stored, con.sql(f'select * from {stored}').columns)})"
    whole = con.sql(f"select * from {part}")
    columns = []
    for name, kind in zip(whole.columns, whole.types, strict=True):
        quoted = quote(name)
        if str(kind) == "TIMESTAMP WITH TIME ZONE":
            quoted = f"cast(timezone('UTC', {quoted}) as varchar) as {quoted}"
        columns.append(quoted)
    order = "source_line" if "source_line" in whole.columns else "all"  # big files: no lines
    result = con.execute(f"select {', '.join(columns)} from {part} order by {order}")
    names = [d[0] for d in result.description]
    return [dict(zip(names, values, strict=True)) for values in result.fetchall()]


def database(workspace: Workspace) -> sqlite3.Connection:
    """The workspace's SQLite store, rows readable by column name."""
    connection = sqlite3.connect(workspace.root / "stronghold.db")
    connection.row_factory = sqlite3.Row
    return connection


def only(report: IngestReport) -> FileOutcome:
    assert len(report.files) == 1, report.files
    return report.files[0]
