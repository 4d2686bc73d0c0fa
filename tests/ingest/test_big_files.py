"""Big CSV files take DuckDB's parallel path: the same rows load, and refused rows are still
found on their own lines, also after rows the reader could not split."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from stronghold.ingest import readers
from stronghold.ingest.importer import ingest_bundle
from stronghold.settings import Settings
from stronghold.sql_text import text
from stronghold.workspace import Workspace

HEADER = "start_time,a_number,b_number,kind,duration_s\n"
GOOD = "2026-03-0{d}T10:00:0{s}Z,+447700400001,+447700400002,call,{s}\n"
LINES = [
    GOOD.format(d=2, s=1),  # line 2
    GOOD.format(d=2, s=2),  # line 3
    GOOD.format(d=2, s=3),  # line 4
    "yesterday,+447700400001,+447700400002,sms,\n",  # line 5: not a time
    GOOD.format(d=3, s=4),  # line 6
    "2026-03-03T10:00:05Z,+447700400001\n",  # line 7: too few fields
    GOOD.format(d=3, s=6),  # line 8
    GOOD.format(d=2, s=2),  # line 9: repeats line 3
    "2026-03-04T10:00:07Z,+447700400001,+447700400002,fax,\n",  # line 10: not a kind
    GOOD.format(d=4, s=8),  # line 11
]


def run(tmp_path: Path, name: str) -> tuple[list[dict[str, str]], int, int]:
    bundle = tmp_path / f"bundle-{name}"
    bundle.mkdir()
    (bundle / "comms.csv").write_text(HEADER + "".join(LINES), encoding="utf-8")
    workspace = Workspace.open(tmp_path / f"ws-{name}")
    report = ingest_bundle(bundle, workspace, Settings(workspace=workspace.root))
    (outcome,) = report.files
    assert outcome.status == "loaded", outcome.message
    staged = outcome.staged
    assert staged is not None
    with (workspace.quarantine / f"{staged.import_id}.csv").open(encoding="utf-8") as handle:
        problems = list(csv.DictReader(handle))
    part = workspace.events / "comms" / f"{staged.import_id}.parquet"
    (rows,) = duckdb.sql(f"select count(*) from {text(str(part))}").fetchall()[0]
    return problems, staged.quarantined, rows


def test_big_and_small_paths_agree_on_rows_and_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small, small_refused, small_rows = run(tmp_path, "small")
    monkeypatch.setattr(readers, "EXACT_LIMIT", 0)  # force DuckDB's parallel reader
    big, big_refused, big_rows = run(tmp_path, "big")

    assert small_rows == big_rows == 6  # lines 2, 3, 4, 6, 8, 11
    assert small_refused == big_refused == 4  # lines 5, 7, 9 (repeat) and 10
    assert [(p["line"], p["column"]) for p in small] == [
        ("5", "start_time"),
        ("7", ""),
        ("9", ""),
        ("10", "kind"),
    ]
    assert "duplicate of line 3" in small[2]["reason"]
    by_line = {p["line"]: p for p in big if p["line"]}
    assert by_line["5"]["column"] == "start_time"
    assert by_line["10"]["column"] == "kind"  # found past the row the reader skipped
    assert "columns" in by_line["7"]["reason"].lower()  # the reader's own complaint
    (repeat,) = [p for p in big if not p["line"]]
    assert "identical to another row" in repeat["reason"]
