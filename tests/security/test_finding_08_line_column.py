"""Finding 8: a supplier column named `_line` overwrote Stronghold's own line numbers, so the
quarantine cited the wrong lines and an exact duplicate row was loaded.

After the fix the supplier's column is kept (as `_line_2`, as a repeated header would be),
the quarantine cites the true lines, and a repeated row is quarantined as `duplicate of line
N`. Rows (file line, Excel row, Parquet row): the good row, a bad kind, a good row, and the
first row again. The supplier's `_line` says 101, 102, 103, 101."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl import Workbook
from sqlalchemy import select

from stronghold.ingest import readers
from stronghold.ingest.importer import FileOutcome, ingest_bundle
from stronghold.settings import Settings
from stronghold.store.database import database_url, open_database
from stronghold.store.models import Person
from stronghold.workspace import Workspace
from tests.security.conftest import write_bundle

HEADER = ["start_time", "a_number", "b_number", "kind", "_line"]
ROWS = [
    ["2026-07-01T12:00:00Z", "07700 900123", "07700 900124", "call", "101"],
    ["2026-07-01T12:01:00Z", "07700 900123", "07700 900124", "fax", "102"],
    ["2026-07-01T12:02:00Z", "07700 900123", "07700 900124", "sms", "103"],
    ["2026-07-01T12:00:00Z", "07700 900123", "07700 900124", "call", "101"],
]


def as_csv(header: list[str], rows: list[list[str]]) -> bytes:
    return ("\n".join(",".join(r) for r in [header, *rows]) + "\n").encode()


def as_parquet() -> bytes:
    buffer = io.BytesIO()
    pq.write_table(pa.table({h: [r[i] for r in ROWS] for i, h in enumerate(HEADER)}), buffer)
    return buffer.getvalue()


def as_xlsx() -> bytes:
    book = Workbook()
    for row in [HEADER, *ROWS]:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def quarantined(space: Workspace, outcome: FileOutcome) -> list[tuple[str, str, str]]:
    assert outcome.staged is not None
    path = space.quarantine / f"{outcome.staged.import_id}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return [(r["line"], r["column"], r["reason"]) for r in csv.DictReader(handle)]


def stored(space: Workspace, outcome: FileOutcome) -> dict[str, list[object]]:
    """The stored part's columns, rows in time order."""
    assert outcome.staged is not None
    part = space.events / "comms" / f"{outcome.staged.import_id}.parquet"
    table = duckdb.connect().sql(f"select * from read_parquet('{part}') order by start_time")
    return {name: list(values) for name, values in table.to_arrow_table().to_pydict().items()}


# format: (file, its bytes, first data line, exact lines?)
FORMATS = {
    "csv": ("comms.csv", lambda: as_csv(HEADER, ROWS), 2, True),
    "csv-big": ("comms.csv", lambda: as_csv(HEADER, ROWS), 2, False),
    "parquet": ("comms.parquet", as_parquet, 1, True),
    "xlsx": ("comms.xlsx", as_xlsx, 2, True),
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_finding_08_supplier_line_column_keeps_true_lines(
    store: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    name, content, first, exact = FORMATS[fmt]
    if fmt == "csv-big":
        monkeypatch.setattr(readers, "EXACT_LIMIT", 16)
    space = Workspace.open(store.workspace)
    bundle = write_bundle(tmp_path / "bundle", {name: content()})
    (outcome,) = ingest_bundle(bundle, space, store).files
    assert outcome.status == "loaded", outcome.message
    assert outcome.staged is not None
    assert (outcome.staged.loaded, outcome.staged.quarantined) == (2, 2)

    problems = quarantined(space, outcome)
    assert (str(first + 1), "kind") in [(line, column) for line, column, _ in problems]
    if exact:
        assert (str(first + 3), "", f"duplicate of line {first}") in problems
    else:  # read without line numbers: the repeat is named, not placed
        assert any("identical to another row" in reason for _, _, reason in problems)

    columns = stored(space, outcome)
    kept = [c for c in columns if c.startswith("extra__line")]
    if exact:
        assert kept == ["extra__line_2"], list(columns)
    else:  # DuckDB's reader names a repeated column itself (`_line_1`)
        assert len(kept) == 1, list(columns)
    assert columns[kept[0]] == ["101", "103"]
    if exact:
        assert columns["source_line"] == [first, first + 2]


def test_finding_08_people_with_a_line_column(store: Settings, tmp_path: Path) -> None:
    header = ["person_id", "surname", "date_of_birth", "_line"]
    rows = [
        ["P1", "Smith", "1990-01-02", "101"],
        ["P2", "Jones", "not a date", "102"],
        ["P3", "Brown", "1985-05-06", "103"],
        ["P1", "Smith", "1990-01-02", "101"],
    ]
    space = Workspace.open(store.workspace)
    bundle = write_bundle(tmp_path / "bundle", {"people.csv": as_csv(header, rows)})
    (outcome,) = ingest_bundle(bundle, space, store).files
    assert outcome.status == "loaded", outcome.message
    problems = quarantined(space, outcome)
    assert [(line, column) for line, column, _ in problems] == [("3", "date_of_birth"), ("5", "")]
    assert problems[1][2] == "duplicate of line 2"

    engine = open_database(database_url(space.root, store.database_url))
    with engine.connect() as connection:
        people = connection.execute(select(Person).order_by(Person.person_id)).all()
    engine.dispose()
    assert [(p.person_id, p.source_line) for p in people] == [("P1", 2), ("P3", 4)]
    assert [p.extra for p in people] == [{"_line_2": "101"}, {"_line_2": "103"}]
