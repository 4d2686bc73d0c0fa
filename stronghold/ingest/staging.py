"""One file's import, up to the point of no return: read, map, check, count, and stage what
will be loaded and what is quarantined. Nothing here touches the stores."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from stronghold.contract import CONTRACT
from stronghold.ingest.errors import Problem
from stronghold.ingest.mapping import map_columns, quote, text
from stronghold.ingest.profiles import TableLayout
from stronghold.ingest.readers import EXACT_LIMIT, read_source
from stronghold.ingest.validation import Checked, check_rows

__all__ = ["EVENT_KEYS", "StagedFile", "stage_file"]

# what makes an event the same event in two files (a call in two operators' returns)
EVENT_KEYS = {
    "comms": ("start_time", "a_number", "b_number", "kind", "duration_s", "a_cell"),
    "anpr": ("read_time", "vrm", "camera_id"),
    "cells": ("cell_id",),
}
QUARANTINE_COLUMNS = ("file", "line", "column", "value", "reason")


@dataclass
class StagedFile:
    """A checked file, ready to load: its counts, staged outputs and what was noticed."""

    path: Path
    table: str
    import_id: str
    rows_read: int
    loaded: int
    quarantined: int
    already_known: int
    details: dict[str, Any]
    seconds: float
    parquet: Path | None = None  # bulk tables: the part to publish
    records: pa.Table | None = None  # other tables: the rows to load
    quarantine: Path | None = None
    problems: list[Problem] = field(default_factory=list)


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
    on_stage("checking")
    checked = check_rows(con, table, layout, mapping, relation)
    on_stage("staging")
    details = _details(
        con,
        checked,
        source.encoding,
        source.delimiter,
        mapping.absent,
        line_meaning="record"
        if path.stat().st_size > EXACT_LIMIT and path.suffix != ".parquet"
        else "line",
    )
    quarantine = staging / f"{import_id}.quarantine.csv"
    quarantined = _stage_quarantine(con, checked, source.problems, path.name, quarantine)
    staged = StagedFile(
        path,
        table_name,
        import_id,
        source.rows + len(source.problems),
        0,
        quarantined,
        0,
        details,
        0.0,
        quarantine=quarantine,
        problems=source.problems,
    )
    good = f"select * from {checked.relation} where len(_errors) = 0"
    if table.bulk:
        staged.parquet = staging / f"{import_id}.{table_name}.parquet"
        staged.loaded, staged.already_known = _stage_events(
            con, checked, good, table_name, import_id, staged.parquet, known_parts
        )
    else:
        columns = ", ".join(quote(c) for c in [*checked.values, *checked.flags, *checked.extras])
        staged.records = con.sql(
            f"select _line, {columns} from ({good}) order by _line"
        ).to_arrow_table()
        staged.loaded = staged.records.num_rows
    staged.seconds = time.perf_counter() - began
    return staged


def _stage_events(
    con: duckdb.DuckDBPyConnection,
    checked: Checked,
    good: str,
    table: str,
    import_id: str,
    target: Path,
    known_parts: list[Path],
) -> tuple[int, int]:
    """Write new events to a Parquet part; returns (loaded, already in the store)."""
    key = (
        "md5(concat_ws('|', "
        + ", ".join(f"coalesce(cast({quote(c)} as varchar), '')" for c in EVENT_KEYS[table])
        + "))"
    )
    flags = [f"{quote(f)} as {quote(_flag_name(f))}" for f in checked.flags]
    extras = [f"{quote(e)} as {quote(e.replace('extra:', 'extra_'))}" for e in checked.extras]
    columns = ", ".join([*(quote(v) for v in checked.values), *flags, *extras])
    rows = (
        f"select {columns}, {text(import_id)} as import_id, _line as source_line, "
        f"{key} as event_key from ({good})"
    )
    (total,) = con.execute(f"select count(*) from ({good})").fetchall()[0]
    if known_parts:
        listed = ", ".join(text(str(p)) for p in known_parts)
        rows = (
            f"select * from ({rows}) where event_key not in "
            f"(select event_key from read_parquet([{listed}]))"
        )
    con.execute(
        f"copy ({rows} order by source_line) to {text(str(target))} "
        f"(format parquet, compression zstd)"
    )
    (loaded,) = con.execute(f"select count(*) from read_parquet({text(str(target))})").fetchall()[0]
    return int(loaded), int(total) - int(loaded)


def _flag_name(flag: str) -> str:
    if flag.startswith("_clock_"):
        return flag.removeprefix("_clock_") + "_clock"
    if flag.startswith("_swapped_"):
        return flag.removeprefix("_swapped_").replace("latitude", "coordinates") + "_swapped"
    return flag


def _stage_quarantine(
    con: duckdb.DuckDBPyConnection,
    checked: Checked,
    problems: list[Problem],
    file_name: str,
    target: Path,
) -> int:
    """Write one row per problem (file, line, column, value, reason); returns rows refused."""
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
    con.execute(f"""copy (
        select {text(file_name)} as file, line, "column", value, reason from (
            select _line as line, e.column_name as "column", e.value, e.reason from (
                select _line, unnest(_errors) as e from {checked.relation}
                where len(_errors) > 0)
            union all select line, "column", value, reason from reader_problems)
        order by line) to {text(str(target))} (format csv, header true)""")
    con.unregister("reader_problems")
    (rows,) = con.execute(
        f"select count(*) from {checked.relation} where len(_errors) > 0"
    ).fetchall()[0]
    return int(rows) + len(problems)


def _details(
    con: duckdb.DuckDBPyConnection,
    checked: Checked,
    encoding: str | None,
    delimiter: str | None,
    absent: list[str],
    line_meaning: str,
) -> dict[str, Any]:
    """What the summary and the import log say about a file beyond its counts."""
    counts: list[str] = []
    for flag in checked.flags:
        name = quote(flag)
        if flag.startswith("_clock_"):
            counts += [
                f"count(*) filter (where {name} = 'ambiguous')",
                f"count(*) filter (where {name} = 'nonexistent')",
            ]
        elif flag.endswith("_kind"):
            counts += [
                f"count(*) filter (where {name} = '{k}')"
                for k in ("withheld", "short_code", "invalid")
            ]
        else:
            counts.append(
                f"count(*) filter (where {name} = false)"
                if flag.endswith("_valid")
                else f"count(*) filter (where {name})"
            )
    totals = (
        (
            con.execute(
                f"select {', '.join(counts)} from {checked.relation} where len(_errors) = 0"
            ).fetchall()[0]
            or ()
        )
        if counts
        else ()
    )
    figures = iter(totals)
    details: dict[str, Any] = {
        "encoding": encoding,
        "delimiter": delimiter,
        "line_numbers": line_meaning,
    }
    dst = {"ambiguous": 0, "nonexistent": 0}
    numbers = {"withheld": 0, "short_code": 0, "invalid": 0}
    for flag in checked.flags:
        if flag.startswith("_clock_"):
            dst["ambiguous"] += next(figures)
            dst["nonexistent"] += next(figures)
        elif flag.endswith("_kind"):
            for kind in numbers:
                numbers[kind] += next(figures)
        elif flag.endswith("_valid"):
            details["postcodes_not_recognised"] = details.get("postcodes_not_recognised", 0) + next(
                figures
            )
        else:
            details["coordinates_swapped"] = details.get("coordinates_swapped", 0) + next(figures)
    if any(f.startswith("_clock_") for f in checked.flags):
        details["clock_changes_resolved"] = dst
    if any(f.endswith("_kind") for f in checked.flags):
        details["numbers_kept_verbatim"] = numbers
    if absent:
        details["columns_not_found"] = absent
    return details
