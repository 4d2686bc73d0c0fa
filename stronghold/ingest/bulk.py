"""Staging a bulk file (comms, ANPR, cells): one parallel pass from the file to Parquet.

Every checked row is streamed into one Parquet file with its problems (NULL when it has
none). A clean file's Parquet is the part published as it is. Only a file with problems,
repeated rows, events already in the store, or rows the reader had to skip pays for more:
its good rows are rewritten, and for a big CSV file (read without line numbers, since
numbering rows in order would make the reading single-threaded) a second pass finds the
lines of the rows it refuses.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from stronghold.ingest.details import stored_flag
from stronghold.ingest.mapping import Mapping
from stronghold.ingest.readers import Source, reader_problems
from stronghold.ingest.validation import EVENT_KEYS, CheckQuery
from stronghold.sql_text import quote, text
from stronghold.store.events import HIDDEN, stored_flag_sql

__all__ = ["BulkResult", "stage_bulk"]

# a row's problems, as JSON text (NULL, the usual case, is cheaper to write than a list)
PROBLEMS = '[{"column_name": "VARCHAR", "value": "VARCHAR", "reason": "VARCHAR"}]'
# Parquet 2 pages: delta encodings write faster and smaller than version 1 (ADR 0006)
PARQUET = "format parquet, parquet_version v2"
# columns two repeated rows must share: a cheap first test before comparing whole rows.
# The first set whose columns all come from the file is used: fewer columns, less to read.
REPEAT_HINTS = {
    "comms": (("start_time", "record_id"), ("start_time", "a_number", "b_number")),
    "anpr": (("read_time", "vrm", "camera_id"),),
    "cells": (("cell_id",),),
}


@dataclass
class BulkResult:
    part: Path  # the Parquet file to publish
    read: int  # rows the reader gave (not counting those it could not split)
    loaded: int
    already_known: int
    refused: int  # rows with problems, and repeats of an earlier row
    problems: str  # SQL yielding (line, column_name, value, reason) for the quarantine


def stage_bulk(
    con: duckdb.DuckDBPyConnection,
    query: CheckQuery,
    mapping: Mapping,
    source: Source,
    table: str,
    work: Path,
    known_parts: list[Path],
) -> BulkResult:
    stored = _stored(query)
    checked = _write_checked(con, query, stored, table, work, known_parts, source.exact_lines)
    _register_steps(con, reader_problems(con, source))
    known = bool(known_parts)
    count_known = "count(*) filter (where _known and _problems is null)" if known else "0"
    total, bad, already = con.execute(
        f"select count(*), count(_problems), {count_known} from {checked}"
    ).fetchall()[0]
    fine = "_problems is null" + (" and not _known" if known else "")
    every = ", ".join(quote(name) for _, name in stored)  # a repeat is alike in all of them
    # Repeats: rows alike in a few telling columns first (cheap), then in full if any are.
    repeated = (
        f"select hash({every}) as h from {checked} where {fine} group by h having count(*) > 1"
    )
    hints = ", ".join(quote(c) for c in _repeat_hints(table, mapping))
    has_repeats = all(
        con.execute(
            f"select count(*) - count(distinct hash({columns})) from {checked} where {fine}"
        ).fetchall()[0][0]
        for columns in (hints, every)
    )
    problems = _refused(con, checked, query, mapping, source)
    if not (bad or already or has_repeats or known):
        return BulkResult(work / "checked.parquet", int(total), int(total), 0, 0, problems)
    good = (
        f"(select * exclude ({', '.join(HIDDEN)}{', _known' if known else ''}) "
        f"from {checked} where {fine})"
    )
    part = work / "good.parquet"
    repeats = 0
    if has_repeats and source.exact_lines:
        fixed = f"select * from {good}"
        con.execute(f"""create or replace temp table repeats as
            select source_line as line, null as column_name, null as value,
                   'duplicate of line ' || first_line as reason
            from (select source_line, min(source_line) over (partition by {every})
                  as first_line from ({fixed}) where hash({every}) in ({repeated}))
            where source_line > first_line""")
        con.execute(
            f"copy (select * from ({fixed}) where source_line not in "
            f"(select line from repeats)) to {text(str(part))} ({PARQUET})"
        )
    elif has_repeats:
        con.execute(f"""create or replace temp table repeats as
            select null::bigint as line, null as column_name,
                   concat_ws(' ', {
            ", ".join(f"cast({quote(k)} as varchar)" for k in EVENT_KEYS[table])
        }) as value,
                   'identical to another row of the file (loaded once)' as reason
            from (select *, row_number() over (partition by {every}) as copy from {good})
            where copy > 1""")
        con.execute(f"copy (select distinct * from {good}) to {text(str(part))} ({PARQUET})")
    else:
        con.execute(f"copy (select * from {good}) to {text(str(part))} ({PARQUET})")
    if has_repeats:
        repeats = int(con.execute("select count(*) from repeats").fetchall()[0][0])
        problems += " union all select line, column_name, value, reason from repeats"
    loaded = int(
        con.execute(f"select count(*) from read_parquet({text(str(part))})").fetchall()[0][0]
    )
    return BulkResult(part, int(total), loaded, int(already), int(bad) + repeats, problems)


def _repeat_hints(table: str, mapping: Mapping) -> tuple[str, ...]:
    """The first set of hint columns the file fills; with none, the last set (still right,
    only slower: a hint that rarely differs sends more files to the full comparison)."""
    filled = [h for h in REPEAT_HINTS[table] if all(mapping.expressions[c] != "null" for c in h)]
    return (filled or [REPEAT_HINTS[table][-1]])[0]


def _stored(query: CheckQuery) -> list[tuple[str, str]]:
    """(SQL over the checking query, name in a part) of everything a part stores."""
    return [
        *((quote(v), v) for v in query.values),
        *((stored_flag_sql(quote(f), stored_flag(f)), stored_flag(f)) for f in query.flags),
        *((quote(e), e.replace("extra:", "extra_")) for e in query.extras),
    ]


def _write_checked(
    con: duckdb.DuckDBPyConnection,
    query: CheckQuery,
    stored: list[tuple[str, str]],
    table: str,
    work: Path,
    known_parts: list[Path],
    lines: bool,
) -> str:
    columns = [f"{sql} as {quote(name)}" for sql, name in stored]
    columns += ["_line as source_line"] if lines else []
    columns += ["to_json(_errors)::varchar as _problems", "_text_hash"]
    rows = f"select {', '.join(columns)} from ({query.sql})"
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
    # Without line numbers the rows' order does not matter: let DuckDB write in parallel.
    con.execute(f"set preserve_insertion_order = {'true' if lines else 'false'}")
    con.execute(f"copy ({rows}) to {text(str(target))} ({PARQUET})")
    con.execute("set preserve_insertion_order = true")
    return f"read_parquet({text(str(target))})"


def _refused(
    con: duckdb.DuckDBPyConnection,
    checked: str,
    query: CheckQuery,
    mapping: Mapping,
    source: Source,
) -> str:
    """SQL for the quarantine entries of the rows with problems, with their lines."""
    problems = f"unnest(from_json(_problems, '{PROBLEMS}'))"
    if source.exact_lines:
        return (
            f"select line, e.column_name, e.value, e.reason from (select source_line as line, "
            f"{problems} as e from {checked} where _problems is not null)"
        )
    found = _find_lines(con, checked, query, mapping, source)
    return (
        f"select l.line, e.column_name, e.value, e.reason from (select distinct _text_hash, "
        f"{problems} as e from {checked} where _problems is not null) "
        f"p join {found} l on l.h = p._text_hash"
    )


def _find_lines(
    con: duckdb.DuckDBPyConnection,
    checked: str,
    query: CheckQuery,
    mapping: Mapping,
    source: Source,
) -> str:
    """The lines, in a file read without them, of the rows with problems: a second pass,
    numbering the rows in order, only for files that have such rows."""
    if not con.execute(f"select count(*) from {checked} where _problems is not null").fetchall()[0][
        0
    ]:
        return "(select null::ubigint as h, null::bigint as line where false)"
    written = ", ".join(query.written)  # the very values the first pass hashed
    con.execute(f"""create or replace temp table found_lines as
        select h, line from (
            select row_number() over () - 1 + {source.first_line} as line,
                   hash({written}) as h from ({mapping.select(source.relation)}) m)
        where h in (select _text_hash from {checked} where _problems is not null)""")
    return f"({_corrected('found_lines', 'line')})"


def _register_steps(con: duckdb.DuckDBPyConnection, steps: list[tuple[int, int]]) -> None:
    """The reader's skipped rows, as steps that move provisional lines past them."""
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
