"""One file's import, up to the point of no return: read, map, check, count, and stage what
will be loaded and what is quarantined. Nothing here touches the stores.

Bulk tables (comms, ANPR, cells) stream in one pass from the file into Parquet, split by
outcome: good rows, rows to quarantine, and events already in the store from another file.
Repeated rows and the lines of rows the reader skipped are put right afterwards, in the rare
files that have them. Other tables are small and are checked in memory.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from stronghold.contract import CONTRACT
from stronghold.ingest.bulk import stage_bulk
from stronghold.ingest.details import file_details
from stronghold.ingest.errors import Problem
from stronghold.ingest.mapping import map_columns
from stronghold.ingest.profiles import TableLayout
from stronghold.ingest.readers import read_source
from stronghold.ingest.validation import CheckQuery, check_query
from stronghold.spreadsheet import safe_cell_sql
from stronghold.sql_text import quote, text

__all__ = ["StagedFile", "stage_file"]


@dataclass
class StagedFile:
    """A checked file, ready to load: its counts, staged outputs and what was noticed."""

    path: Path
    table: str
    import_id: str
    rows_read: int = 0
    loaded: int = 0
    quarantined: int = 0
    already_known: int = 0
    details: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    parquet: Path | None = None  # bulk tables: a folder of Parquet files to publish
    records: pa.Table | None = None  # other tables: the rows to load
    quarantine: Path | None = None


def stage_file(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    table_name: str,
    layout: TableLayout,
    import_id: str,
    staging: Path,
    known_parts: list[Path],
    limit: int,
    on_stage: Callable[[str], None] = lambda stage: None,
) -> StagedFile:
    """Check `path` as `table_name`; stage its good rows and its quarantine."""
    began = time.perf_counter()
    table = CONTRACT[table_name]
    relation = f"f_{import_id[:16]}"
    on_stage("reading")
    source = read_source(con, path, layout, relation, staging, bulk=table.bulk, limit=limit)
    mapping = map_columns(table, layout, source)
    query = check_query(con, table, layout, mapping, relation)
    staged = StagedFile(path, table_name, import_id)
    work = staging / import_id
    work.mkdir()
    on_stage("checking")
    if table.bulk:
        result = stage_bulk(con, query, mapping, source, table_name, work, known_parts)
        staged.parquet, staged.loaded = result.part, result.loaded
        staged.already_known = result.already_known
        read = result.read
        good = f"read_parquet({text(str(result.part))})"
        problems, refused = result.problems, result.refused
    else:
        good, problems, refused = _records(con, query, table.key)
        read = int(con.execute("select count(*) from checked").fetchall()[0][0])
        columns = ", ".join(quote(c) for c in [*query.values, *query.flags, *query.extras])
        staged.records = con.sql(
            f"select _line, {columns} from {good} order by _line"
        ).to_arrow_table()
        staged.loaded = staged.records.num_rows
    on_stage("staging")
    staged.quarantine = staging / f"{import_id}.quarantine.csv"
    _write_quarantine(con, problems, source.problems, path.name, staged.quarantine)
    staged.quarantined = refused + len(source.problems)
    staged.rows_read = read + len(source.problems)
    staged.details = file_details(con, good, query, source, mapping.absent, stored=table.bulk)
    staged.seconds = time.perf_counter() - began
    return staged


def _records(
    con: duckdb.DuckDBPyConnection, query: CheckQuery, key: tuple[str, ...]
) -> tuple[str, str, int]:
    """Check a small table in memory; repeated rows and clashing keys join the quarantine."""
    every = ", ".join(quote(v) for v in query.values)
    con.execute(f"create or replace temp table checked as {query.sql}")
    fine = "_errors is null"
    first_same = f"min(_line) over (partition by {fine}, {every})"
    entries = [
        f"case when {fine} and _line > {first_same} then struct_pack(column_name := null, "
        f"value := null, reason := 'duplicate of line ' || {first_same}) end"
    ]
    if key:
        keys = ", ".join(quote(k) for k in key)
        label = ", ".join(key)
        first_key = f"min(_line) over (partition by {fine}, {keys})"
        entries.append(
            f"case when {fine} and _line > {first_key} and _line = {first_same} "
            f"then struct_pack(column_name := {text(label)}, value := null, "
            f"reason := 'same {label} as line ' || {first_key} || ' with different values') end"
        )
    found = f"list_filter([{', '.join(entries)}], lambda e: e is not null)"
    con.execute(f"""create or replace temp table checked as select * replace (
        case when len({found}) > 0 then list_concat(coalesce(_errors, []), {found})
             else _errors end as _errors) from checked""")
    refused = con.execute("select count(*) from checked where _errors is not null").fetchall()
    problems = (
        "select line, e.column_name, e.value, e.reason from (select _line as line, "
        "unnest(_errors) as e from checked where _errors is not null)"
    )
    return "(select * from checked where _errors is null)", problems, int(refused[0][0])


def _write_quarantine(
    con: duckdb.DuckDBPyConnection, problems: str, read: list[Problem], file_name: str, target: Path
) -> None:
    """One CSV row per problem: file, line, column, value, reason, in line order; each text
    made safe for spreadsheets (stronghold/spreadsheet.py), as results files are."""
    con.register(
        "reader_problems",
        pa.table(
            {
                "line": pa.array([p.line for p in read], pa.int64()),
                "column_name": pa.array([p.column for p in read], pa.string()),
                "value": pa.array([p.value for p in read], pa.string()),
                "reason": pa.array([p.reason for p in read], pa.string()),
            }
        ),
    )
    con.execute(f"""copy (select {safe_cell_sql(text(file_name))} as file, line,
            {safe_cell_sql("column_name")} as "column", {safe_cell_sql("value")} as value,
            {safe_cell_sql("reason")} as reason from ({problems} union all
            select line, column_name, value, reason from reader_problems)
        order by line nulls last) to {text(str(target))} (format csv, header true)""")
    con.unregister("reader_problems")
