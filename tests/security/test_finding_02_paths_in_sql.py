"""Finding 2: the workspace path and STRONGHOLD_DUCKDB_MEMORY_LIMIT went into `SET
temp_directory`, `COPY ... TO` and `read_parquet(...)` unquoted: a workspace named o'brien
could never be used, and a crafted path or setting ran SQL.

After the fix a workspace with quotes and semicolons in its path ingests (small and big-file
paths) and analyses, and a memory limit that does not look like a size (2GB, 512MiB, 80%) is
refused by the settings, writing nothing."""

from __future__ import annotations

import contextlib
import csv
import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from stronghold.analysis.run import analyse
from stronghold.ingest import readers
from stronghold.ingest.importer import ingest_bundle
from stronghold.settings import Settings
from stronghold.workspace import Workspace
from tests.security.conftest import comms_csv, files_under, settings_like, write_bundle

QUOTED = "o'brien; drop table x; --"


@pytest.mark.parametrize("path", ["small", "big"])
def test_finding_02_workspace_with_quotes_ingests_and_analyses(
    store: Settings,
    tmp_path: Path,
    tiny_bundle: Path,
    monkeypatch: pytest.MonkeyPatch,
    path: str,
) -> None:
    if path == "big":
        monkeypatch.setattr(readers, "EXACT_LIMIT", 1024)  # comms, ANPR and cells the big way
    bundle = tmp_path / "bundle"
    shutil.copytree(tiny_bundle, bundle)
    settings = settings_like(store, workspace=tmp_path / QUOTED / "ws")
    space = Workspace.open(settings.workspace)
    report = ingest_bundle(bundle, space, settings)
    assert {
        (f.path.name, f.status, f.message) for f in report.files if f.status != "loaded"
    } == set()
    assert len(report.files) == 10
    assert sorted(p.parent.name for p in space.events.rglob("*.parquet")) == [
        "anpr",
        "cells",
        "comms",
    ]

    found = analyse(space, settings)
    assert found.events > 0 and found.lines, "the tiny world has lines to find"
    for written in found.written:
        assert written.is_file() and space.root in written.parents
    with (space.results / "lines.csv").open(encoding="utf-8", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == len(found.lines)


def test_finding_02_crafted_workspace_path_runs_no_sql(
    store: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A path that closes the quoted string and copies to a file relative to the current
    directory: the file must not appear, and the workspace still works."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    monkeypatch.setattr(readers, "EXACT_LIMIT", 16)
    bundle = write_bundle(tmp_path / "bundle", {"comms.csv": comms_csv()})
    crafted = tmp_path / "x'; copy (select 42) to 'pwned.csv'; --" / "ws"
    settings = settings_like(store, workspace=crafted)
    report = None
    with contextlib.suppress(Exception):
        report = ingest_bundle(bundle, Workspace.open(crafted), settings)
    assert list(cwd.iterdir()) == [], "the workspace path ran SQL"
    assert report is not None, "the import failed in a workspace with a quote in its path"
    (outcome,) = report.files
    assert (outcome.status, outcome.message) == ("loaded", "")
    assert outcome.staged is not None and outcome.staged.loaded == 3


EVIL_LIMITS = [
    "1GB'; copy (select 1) to 'pwned.csv'; --",
    "2GB'",
    "lots",
    "",
    "1GB; 2GB",
    "80%%",
    "-1GB",
]


@pytest.mark.parametrize("limit", EVIL_LIMITS)
def test_finding_02_memory_limit_must_look_like_a_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: str
) -> None:
    for good in ("2GB", "512MiB", "80%"):  # the control: sizes are accepted
        assert Settings(duckdb_memory_limit=good).duckdb_memory_limit == good
    with pytest.raises(ValidationError, match="duckdb_memory_limit"):
        Settings(workspace=tmp_path / "ws", duckdb_memory_limit=limit)
    monkeypatch.setenv("STRONGHOLD_DUCKDB_MEMORY_LIMIT", limit)
    with pytest.raises(ValidationError, match="duckdb_memory_limit"):
        Settings(workspace=tmp_path / "ws")


def test_finding_02_crafted_memory_limit_writes_nothing(
    store: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "pwned.csv"
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    bundle = write_bundle(tmp_path / "bundle", {"comms.csv": comms_csv()})
    before = files_under(tmp_path, outside=store.workspace)
    for evil in (
        f"1GB'; copy (select 1) to '{target}'; --",
        "1GB'; copy (select 1) to 'x.csv'; --",
    ):
        try:
            settings = settings_like(store, duckdb_memory_limit=evil)
        except ValidationError:
            continue
        with contextlib.suppress(Exception):
            ingest_bundle(bundle, Workspace.open(settings.workspace), settings)
    assert not target.exists()
    assert files_under(tmp_path, outside=store.workspace) - before == set()
