"""Normalising and checking every row of a mapped file: one SQL query, streamed by DuckDB.

Each contract column becomes its canonical typed value; each problem becomes an entry in the
row's `_errors` (column, value, reason). Phone numbers take a fast path in SQL for the forms
returns use (+447700900123, 07700 900123, 447700900123) and libphonenumber (a Python function
DuckDB calls) for anything else; times are parsed once and moved to UTC with the clock-change
intervals of `normalise.times`; coordinates are range-checked and, when clearly swapped, put
right. `row_hash` (all values) finds repeated rows; `event_key` (what makes two rows the same
event) finds events already loaded from another file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from stronghold.contract import Column, Table
from stronghold.ingest.mapping import Mapping, quote, text
from stronghold.ingest.normalise.coordinates import coordinate_checks
from stronghold.ingest.normalise.phones import phone_sql, register_phone_function
from stronghold.ingest.normalise.text import DATE_FORMATS, postcode_sql, vrm_sql
from stronghold.ingest.normalise.times import (
    DEFAULT_TIME_FORMATS,
    register_zone,
    time_sql,
    utc_sql,
)
from stronghold.ingest.profiles import TableLayout

__all__ = ["EVENT_KEYS", "CheckQuery", "check_query"]

Check = tuple[str, str, str, str]  # condition, column, value SQL, reason
# what makes an event the same event in two files (a call in two operators' returns)
EVENT_KEYS = {
    "comms": ("start_time", "a_number", "b_number", "kind", "duration_s", "a_cell"),
    "anpr": ("read_time", "vrm", "camera_id"),
    "cells": ("cell_id",),
}


@dataclass
class CheckQuery:
    """The checking query and the columns it yields besides `_line` and `_errors` (the
    row's problems, NULL when it has none)."""

    sql: str
    values: list[str]  # the contract columns, typed
    flags: list[str] = field(default_factory=list)  # a_number_kind, _clock_start_time ...
    extras: list[str] = field(default_factory=list)


def check_query(
    con: duckdb.DuckDBPyConnection, table: Table, layout: TableLayout, mapping: Mapping, source: str
) -> CheckQuery:
    """The query normalising and checking the rows of `source`, as mapped by `mapping`."""
    inner = ["m.*"]
    joins: list[str] = []
    outer = ["m._line"]
    checks: list[Check] = mapping.mapped_checks()
    flags: list[str] = []
    if any(c.kind == "phone" for c in table.columns):
        register_phone_function(con)
    if any(c.kind == "time" for c in table.columns) and layout.timezone == "Europe/London":
        register_zone(con)
    for n, column in enumerate(table.columns):
        value = f"nullif(trim(m.{quote(column.name)}), '')"
        if column.required:
            checks.append((f"{value} is null", column.name, "null", "missing (required)"))
        if column.kind == "phone":
            inner.append(f"{phone_sql(value)} as __phone{n}")
            outer += [
                f"nullif(split_part(m.__phone{n}, chr(31), 2), '') as {quote(column.name)}",
                f"nullif(split_part(m.__phone{n}, chr(31), 1), '') as "
                f"{quote(column.name + '_kind')}",
            ]
            flags.append(f"{column.name}_kind")
            continue
        if column.kind == "time":
            formats = mapping.time_formats.get(column.name) or DEFAULT_TIME_FORMATS
            exact, local = time_sql(value, formats)
            inner += [f"{exact} as __exact{n}", f"{local} as __local{n}"]
            utc, clock, join = utc_sql(
                f"m.__exact{n}", f"m.__local{n}", f"z{n}", layout.timezone, layout.ambiguous_times
            )
            outer += [
                f"{utc} as {quote(column.name)}",
                f"{clock} as {quote('_clock_' + column.name)}",
            ]
            flags.append(f"_clock_{column.name}")
            joins += join
            checks.append(
                (
                    f"{value} is not null and m.__exact{n} is null and m.__local{n} is null",
                    column.name,
                    value,
                    "not a date and time in a known format (e.g. 2026-03-02T14:05:09Z "
                    "or 02/03/2026 14:05:09)",
                )
            )
            continue
        if column.kind in ("latitude", "longitude"):
            continue  # checked in pairs below
        sql, more_checks, more_flags = _column(column, value, layout)
        outer.append(f"{sql} as {quote(column.name)}")
        outer += [f"{flag_sql} as {quote(flag)}" for flag, flag_sql in more_flags]
        flags += [flag for flag, _ in more_flags]
        checks += more_checks
    coordinates, pair_checks, pair_flags = coordinate_checks(table)
    outer += [f"{sql} as {quote(name)}" for name, sql in coordinates.items()]
    outer += [f"{sql} as {quote(name)}" for name, sql in pair_flags.items()]
    flags += list(pair_flags)
    checks += pair_checks
    outer += [f"m.{quote('extra:' + e)}" for e in mapping.extras]
    errors = ", ".join(
        f"case when coalesce({cond}, false) then struct_pack(column_name := {text(col)}, "
        f"value := cast({val} as varchar), reason := {text(why)}) end"
        for cond, col, val, why in checks
    )
    failing = " or ".join(f"coalesce({cond}, false)" for cond, _, _, _ in checks) or "false"
    outer.append(
        f"case when {failing} then list_filter([{errors}], lambda e: e is not null) end as _errors"
    )  # NULL for a row without problems: the common case, fast
    sql = (
        f"select {', '.join(outer)} from (select {', '.join(inner)} from "
        f"({mapping.select(source)}) m) m {' '.join(joins)}"
    )
    values = [c.name for c in table.columns]
    return CheckQuery(sql, values, flags, [f"extra:{e}" for e in mapping.extras])


def _column(
    column: Column, value: str, layout: TableLayout
) -> tuple[str, list[Check], list[tuple[str, str]]]:
    """SQL for one column: (value, checks, flag columns)."""
    name = column.name
    kind = column.kind
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
        )
    if kind in ("list", "phones"):
        return (
            f"list_filter(list_transform(string_split({value}, ';'), lambda x: trim(x)), "
            f"lambda x: x <> '')",
            [],
            [],
        )
    if kind == "postcode":
        sql, valid = postcode_sql(value)
        return (sql, [], [(f"{name}_valid", valid)])
    if kind == "vrm":
        sql, valid = vrm_sql(value)
        return (
            sql,
            [(f"{value} is not null and not {valid}", name, value, "not a GB registration mark")],
            [],
        )
    return (value, [], [])  # text and identifiers


def _duration(name: str, value: str) -> tuple[str, list[Check], list[tuple[str, str]]]:
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
    )
