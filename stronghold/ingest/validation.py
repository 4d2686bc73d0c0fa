"""Normalising and checking every row of a mapped file, in DuckDB, in one pass.

Each contract column becomes its canonical typed value; each problem becomes an entry in the
row's `_errors` (column, value, reason). Rows with errors are quarantined, the rest loaded.
Phone numbers are normalised once per distinct value (libphonenumber in Python) and joined
back; times are parsed and moved to UTC with the clock-change intervals of
`normalise.times`; coordinates are range-checked and, when clearly swapped, put right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from stronghold.contract import Column, Table
from stronghold.ingest.mapping import Mapping, quote, text
from stronghold.ingest.normalise.coordinates import coordinate_checks
from stronghold.ingest.normalise.phones import normalise_number
from stronghold.ingest.normalise.text import DATE_FORMATS, postcode_sql, vrm_sql
from stronghold.ingest.normalise.times import (
    DEFAULT_TIME_FORMATS,
    register_zone,
    time_sql,
    utc_sql,
)
from stronghold.ingest.profiles import TableLayout

__all__ = ["Checked", "check_rows"]

Check = tuple[str, str, str, str]  # condition, column, value SQL, reason
UK_MOBILE = re.compile(r"\+44\d{10}")


@dataclass
class Checked:
    """The checked rows (`relation`) and what they hold."""

    relation: str
    values: list[str]  # the contract columns, typed
    flags: list[str] = field(default_factory=list)  # e.g. a_number_kind, _clock_start_time
    extras: list[str] = field(default_factory=list)


def check_rows(
    con: duckdb.DuckDBPyConnection, table: Table, layout: TableLayout, mapping: Mapping, source: str
) -> Checked:
    """Normalise and check the rows of `source` (mapped by `mapping`) into `<source>_checked`."""
    mapped = f"{source}_mapped"
    con.execute(f"create or replace temp table {mapped} as {mapping.select(source)}")
    phones = [c.name for c in table.columns if c.kind == "phone"]
    if phones:
        _phone_map(con, mapped, phones, f"{source}_phones")
    if any(c.kind == "time" for c in table.columns) and layout.timezone == "Europe/London":
        register_zone(con)

    selects: list[str] = ["m._line"]
    joins: list[str] = []
    checks: list[Check] = [(cond, col, val, why) for cond, col, val, why in mapping.checks]
    flags: list[str] = []
    for n, column in enumerate(table.columns):
        value = f"nullif(trim(m.{quote(column.name)}), '')"
        if column.required:
            checks.append((f"{value} is null", column.name, "null", "missing (required)"))
        sql, more_checks, more_flags, join = _column(column, value, n, layout, mapping, source)
        selects.append(f"{sql} as {quote(column.name)}")
        selects += [f"{flag_sql} as {quote(flag)}" for flag, flag_sql in more_flags]
        flags += [flag for flag, _ in more_flags]
        checks += more_checks
        joins += join
    coordinates, coordinate_checks_, coordinate_flags = coordinate_checks(table)
    selects = [s for s in selects if not any(s.endswith(f"as {quote(c)}") for c in coordinates)]
    selects += [f"{sql} as {quote(name)}" for name, sql in coordinates.items()]
    selects += [f"{sql} as {quote(name)}" for name, sql in coordinate_flags.items()]
    flags += list(coordinate_flags)
    checks += coordinate_checks_
    selects += [f"m.{quote('extra:' + e)}" for e in mapping.extras]
    errors = ", ".join(
        f"case when coalesce({cond}, false) then struct_pack(column_name := {text(col)}, "
        f"value := cast({val} as varchar), reason := {text(why)}) end"
        for cond, col, val, why in checks
    )
    selects.append(
        f"list_filter([{errors}], lambda e: e is not null) as _errors"
        if checks
        else "[] as _errors"
    )
    typed = f"{source}_typed"
    con.execute(
        f"create or replace temp table {typed} as select {', '.join(selects)} "
        f"from {mapped} m {' '.join(joins)}"
    )
    values = [c.name for c in table.columns]
    checked = f"{source}_checked"
    _duplicates(con, table, typed, checked, values)
    return Checked(checked, values, flags, [f"extra:{e}" for e in mapping.extras])


def _column(
    column: Column, value: str, n: int, layout: TableLayout, mapping: Mapping, source: str
) -> tuple[str, list[Check], list[tuple[str, str]], list[str]]:
    """SQL for one column: (value, checks, flag columns, joins)."""
    name = column.name
    kind = column.kind
    if kind == "phone":
        alias = f"p{n}"
        join = [f"left join {source}_phones {alias} on {alias}.raw = {value}"]
        return (f"{alias}.value", [], [(f"{name}_kind", f"{alias}.kind")], join)
    if kind == "time":
        return _time(name, value, n, layout, mapping)
    if kind == "date":
        formats = ", ".join(text(f) for f in (layout.date_formats or DATE_FORMATS))
        parsed = f"cast(try_strptime({value}, [{formats}]) as date)"
        return (
            parsed,
            [
                (
                    f"{value} is not null and {parsed} is null",
                    name,
                    value,
                    "not a date (e.g. 1990-04-23 or 23/04/1990)",
                ),
                (f"{parsed} > current_date", name, value, "a date in the future"),
            ],
            [],
            [],
        )
    if kind == "choice":
        listed = ", ".join(text(c.lower()) for c in column.choices)
        canonical = ", ".join(text(c) for c in column.choices)
        position = f"list_position([{listed}], lower({value}))"
        return (
            f"[{canonical}][{position}]",
            [
                (
                    f"{value} is not null and {position} is null",
                    name,
                    value,
                    f"not one of: {', '.join(column.choices)}",
                )
            ],
            [],
            [],
        )
    if kind == "duration":
        return _duration(name, value)
    if kind == "number":
        low, high = column.bounds or (float("-inf"), float("inf"))
        number = f"try_cast({value} as double)"
        return (
            number,
            [
                (f"{value} is not null and {number} is null", name, value, "not a number"),
                (
                    f"{number} not between {low} and {high}",
                    name,
                    value,
                    f"outside {low:g} to {high:g}",
                ),
            ],
            [],
            [],
        )
    if kind in ("list", "phones"):
        return (
            f"list_filter(list_transform(string_split({value}, ';'), lambda x: trim(x)), "
            f"lambda x: x <> '')",
            [],
            [],
            [],
        )
    if kind == "postcode":
        sql, valid = postcode_sql(value)
        return (sql, [], [(f"{name}_valid", valid)], [])
    if kind == "vrm":
        sql, valid = vrm_sql(value)
        return (
            sql,
            [(f"{value} is not null and not {valid}", name, value, "not a GB registration mark")],
            [],
            [],
        )
    return (value, [], [], [])  # text, id, latitude and longitude (checked in pairs)


def _time(
    name: str, value: str, n: int, layout: TableLayout, mapping: Mapping
) -> tuple[str, list[Check], list[tuple[str, str]], list[str]]:
    exact, local = time_sql(value, mapping.time_formats.get(name) or DEFAULT_TIME_FORMATS)
    utc, clock, join = utc_sql(exact, local, f"z{n}", layout.timezone, layout.ambiguous_times)
    checks = [
        (
            f"{value} is not null and {exact} is null and {local} is null",
            name,
            value,
            "not a date and time in a known format (e.g. 2026-03-02T14:05:09Z or "
            "02/03/2026 14:05:09)",
        )
    ]
    return (utc, checks, [(f"_clock_{name}", clock)], join)


def _duration(name: str, value: str) -> tuple[str, list[Check], list[tuple[str, str]], list[str]]:
    parts = f"string_split({value}, ':')"
    sql = (
        f"case when regexp_full_match({value}, '\\d+(\\.\\d+)?') "
        f"then cast(round(cast({value} as double)) as integer) "
        f"when regexp_full_match({value}, '\\d{{1,3}}:\\d{{1,2}}:\\d{{1,2}}') then "
        f"cast({parts}[1] as integer) * 3600 + cast({parts}[2] as integer) * 60 "
        f"+ cast({parts}[3] as integer) "
        f"when regexp_full_match({value}, '\\d{{1,3}}:\\d{{1,2}}') then "
        f"cast({parts}[1] as integer) * 60 + cast({parts}[2] as integer) end"
    )
    return (
        sql,
        [
            (
                f"{value} is not null and ({sql}) is null",
                name,
                value,
                "not a duration (seconds or hh:mm:ss)",
            )
        ],
        [],
        [],
    )


def _phone_map(
    con: duckdb.DuckDBPyConnection, mapped: str, columns: list[str], relation: str
) -> None:
    """Every distinct written number in `columns`, normalised once, as `relation`."""
    union = " union ".join(
        f"select distinct nullif(trim({quote(c)}), '') as raw from {mapped}" for c in columns
    )
    raws = [
        r
        for (r,) in con.execute(
            f"select distinct raw from ({union}) where raw is not null"
        ).fetchall()
    ]
    values: list[str | None] = []
    kinds: list[str | None] = []
    for raw in raws:
        if UK_MOBILE.fullmatch(raw):  # already canonical: the common case in bulk returns
            values.append(raw)
            kinds.append("e164")
            continue
        number = normalise_number(raw)
        values.append(number.value if number else None)
        kinds.append(number.kind if number else None)
    con.register(
        f"{relation}_arrow",
        pa.table(
            {
                "raw": pa.array(raws, pa.string()),
                "value": pa.array(values, pa.string()),
                "kind": pa.array(kinds, pa.string()),
            }
        ),
    )
    con.execute(f"create or replace temp table {relation} as select * from {relation}_arrow")
    con.unregister(f"{relation}_arrow")


def _duplicates(
    con: duckdb.DuckDBPyConnection, table: Table, typed: str, checked: str, values: list[str]
) -> None:
    """Repeated rows, and rows sharing a record's key with different values, are flagged."""
    every = ", ".join(quote(v) for v in values)
    first_same = f"min(_line) over (partition by {every})"
    entries = [
        f"case when _line > {first_same} then struct_pack(column_name := null, "
        f"value := null, reason := 'duplicate of line ' || {first_same}) end"
    ]
    if table.key:
        key = ", ".join(quote(k) for k in table.key)
        first_key = f"min(_line) over (partition by {key})"
        label = ", ".join(table.key)
        entries.append(
            f"case when _line > {first_key} and _line = {first_same} then struct_pack("
            f"column_name := {text(label)}, value := null, reason := 'same {label} as line ' "
            f"|| {first_key} || ' with different values') end"
        )
    con.execute(f"""create or replace temp table {checked} as
        select * replace (list_concat(_errors, list_filter([{", ".join(entries)}],
            lambda e: e is not null)) as _errors) from {typed}""")
