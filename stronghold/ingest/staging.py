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
from stronghold.ingest.details import file_details, stored_flag
from stronghold.ingest.errors import Problem
from stronghold.ingest.mapping import map_columns, quote, text
from stronghold.ingest.profiles import TableLayout
from stronghold.ingest.readers import read_source, reader_problems
from stronghold.ingest.validation import EVENT_KEYS, CheckQuery, check_query

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
    on_stage: Callable[[str], None] = lambda stage: None,
) -> StagedFile:
    """Check `path` as `table_name`; stage its good rows and its quarantine."""
    began = time.perf_counter()
    table = CONTRACT[table_name]
    relation = f"f_{import_id[:16]}"
    on_stage("reading")
    source = read_source(con, path, layout, relation, staging)
    mapping = map_columns(table, layout, source)
    query = check_query(con, table, layout, mapping, relation)
    staged = StagedFile(path, table_name, import_id)
    work = staging / import_id
    work.mkdir()
    on_stage("checking")
    if table.bulk:
        checked = _bulk(con, query, table_name, import_id, work, known_parts)
    else:
        records = _records(con, query, table.key)
    _register_steps(con, reader_problems(con, source))
    steps = _has_steps(con)
    on_stage("staging")
    if table.bulk:
        staged.parquet, staged.loaded, _, staged.already_known = _finish_bulk(
            con, work, checked, query.values, steps, bool(known_parts)
        )
        good = f"read_parquet('{staged.parquet}')"
        bad = (
            f"(select source_line, _problems as _errors from {checked} where _problems is not null)"
        )
    else:
        columns = ", ".join(quote(c) for c in [*query.values, *query.flags, *query.extras])
        good, bad = records
        staged.records = con.sql(
            f"select _line, {columns} from {good} order by _line"
        ).to_arrow_table()
        staged.loaded = staged.records.num_rows
    staged.quarantine = staging / f"{import_id}.quarantine.csv"
    staged.quarantined = len(source.problems) + _stage_quarantine(
        con, bad, table.bulk, source.problems, path.name, staged.quarantine
    )
    staged.rows_read = staged.loaded + staged.quarantined + staged.already_known
    staged.details = file_details(con, good, query, source, mapping.absent, stored=table.bulk)
    staged.seconds = time.perf_counter() - began
    return staged


def _has_steps(con: duckdb.DuckDBPyConnection) -> list[tuple[int, int]]:
    return [
        (t, k)
        for t, k in con.execute(
            "select threshold, skipped from reader_steps where skipped > 0"
        ).fetchall()
    ]


def _count(con: duckdb.DuckDBPyConnection, relation: str) -> int:
    return int(con.execute(f"select count(*) from {relation}").fetchall()[0][0])


def _bulk(
    con: duckdb.DuckDBPyConnection,
    query: CheckQuery,
    table: str,
    import_id: str,
    work: Path,
    known_parts: list[Path],
) -> str:
    """Stream every checked row into one Parquet file; returns it as a relation.

    `_problems` holds a row's problems (NULL when it has none); `_known` marks an event
    already in the store from another file (only when there are earlier files)."""
    flags = [f"{quote(f)} as {quote(stored_flag(f))}" for f in query.flags]
    extras = [f"{quote(e)} as {quote(e.replace('extra:', 'extra_'))}" for e in query.extras]
    stored = ", ".join([*(quote(v) for v in query.values), *flags, *extras])
    rows = (
        f"select {stored}, {text(import_id)} as import_id, _line as source_line, "
        f"_errors as _problems from ({query.sql})"
    )
    if known_parts:
        listed = ", ".join(text(str(p)) for p in known_parts)
        keys = ", ".join(quote(k) for k in EVENT_KEYS[table])
        same = " and ".join(
            f"k.{quote(c)} is not distinct from c.{quote(c)}" for c in EVENT_KEYS[table]
        )
        rows = (
            f"select c.*, k._hit is not null as _known from ({rows}) c left join "
            f"(select distinct {keys}, true as _hit from read_parquet([{listed}], "
            f"union_by_name = true)) k on {same}"
        )
    target = work / "checked.parquet"
    con.execute(f"copy ({rows}) to '{target}' (format parquet)")
    return f"read_parquet('{target}')"


def _finish_bulk(
    con: duckdb.DuckDBPyConnection,
    work: Path,
    checked: str,
    values: list[str],
    steps: list[tuple[int, int]],
    known: bool,
) -> tuple[Path, int, int, int]:
    """The part to publish, and (loaded, rows with problems, already known).

    A clean file's checked rows are published as written. Otherwise the good rows are
    rewritten: without rows that have problems, events already known, or repeats of an
    earlier line, and with lines moved past the rows the reader skipped."""
    known_count = "count(*) filter (where _known)" if known else "0"
    total, bad, already = con.execute(
        f"select count(*), count(_problems), {known_count} from {checked}"
    ).fetchall()[0]
    every = ", ".join(quote(v) for v in values)
    fine = "_problems is null" + (" and not _known" if known else "")
    repeated = (
        f"select hash({every}) as h from {checked} where {fine} group by h having count(*) > 1"
    )
    repeats = con.execute(f"select count(*) from ({repeated})").fetchall()[0][0]
    if not (bad or already or repeats or steps or known):
        part = work / "checked.parquet"
        return part, int(total), 0, 0
    fixed = _corrected(f"(select * from {checked} where {fine})", "source_line")
    con.execute(f"""create or replace temp table repeats as
        select source_line, first_line from (select source_line, min(source_line) over
            (partition by {every}) as first_line from ({fixed})
            where hash({every}) in ({repeated}))
        where source_line > first_line""")
    part = work / "good.parquet"
    dropped = "_problems, _known" if known else "_problems"
    con.execute(f"""copy (select * exclude ({dropped}) from ({fixed}) where source_line not in
        (select source_line from repeats)) to '{part}' (format parquet)""")
    loaded = con.execute(f"select count(*) from read_parquet('{part}')").fetchall()[0][0]
    return part, int(loaded), int(bad), int(already)


def _register_steps(con: duckdb.DuckDBPyConnection, steps: list[tuple[int, int]]) -> None:
    con.register(
        "reader_steps",
        pa.table(
            {
                "threshold": pa.array([s[0] for s in steps] or [0], pa.int64()),
                "skipped": pa.array([s[1] for s in steps] or [0], pa.int64()),
            }
        ),
    )


def _corrected(relation: str, column: str) -> str:
    """Rows of `relation` with provisional lines moved past the rows the reader skipped."""
    return (
        f"select r.* replace (r.{column} + coalesce(s.skipped, 0) as {column}) "
        f"from {relation} r asof left join reader_steps s on r.{column} >= s.threshold"
    )


def _records(
    con: duckdb.DuckDBPyConnection, query: CheckQuery, key: tuple[str, ...]
) -> tuple[str, str]:
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
    return (
        "(select * from checked where _errors is null)",
        "(select * from checked where _errors is not null)",
    )


def _stage_quarantine(
    con: duckdb.DuckDBPyConnection,
    bad: str,
    bulk: bool,
    problems: list[Problem],
    file_name: str,
    target: Path,
) -> int:
    """Write one row per problem (file, line, column, value, reason); returns rows refused
    beyond the reader's own problems."""
    con.register(
        "reader_problems",
        pa.table(
            {
                "line": pa.array([p.line for p in problems], pa.int64()),
                "column": pa.array([p.column for p in problems], pa.string()),
                "value": pa.array([p.value for p in problems], pa.string()),
                "reason": pa.array([p.reason for p in problems], pa.string()),
            }
        ),
    )
    sources = ['select line, "column", value, reason from reader_problems']
    refused = 0
    if bad:
        line = "source_line" if bulk else "_line"
        rows = f"select {line} as line, unnest(_errors) as e from {bad}"
        if bulk:
            rows = _corrected(f"({rows})", "line")
        sources.append(f'select line, e.column_name as "column", e.value, e.reason from ({rows})')
        refused += _count(con, bad)
    if _has(con, "repeats"):
        sources.append(
            "select source_line, null, null, 'duplicate of line ' || first_line from repeats"
        )
        refused += _count(con, "repeats")
    con.execute(f"""copy (select {text(file_name)} as file, line, "column", value, reason
        from ({" union all ".join(sources)}) order by line) to '{target}'
        (format csv, header true)""")
    con.unregister("reader_problems")
    con.execute("drop table if exists repeats")
    return refused


def _has(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from duckdb_tables() where table_name = ?", [table]
        ).fetchall()[0][0]
    )
