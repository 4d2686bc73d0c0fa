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

from stronghold.contract import CONTRACT, Column, Table
from stronghold.ingest.mapping import Mapping
from stronghold.ingest.normalise.coordinates import coordinate_checks
from stronghold.ingest.normalise.phones import phone_sql, register_phone_function
from stronghold.ingest.normalise.text import DATE_FORMATS, postcode_sql, vrm_sql, written_text
from stronghold.ingest.normalise.times import (
    DEFAULT_TIME_FORMATS,
    FIRST_YEAR,
    LAST_YEAR,
    register_zone,
    time_sql,
    utc_sql,
)
from stronghold.ingest.profiles import TableLayout
from stronghold.ingest.store_limits import store_checks
from stronghold.sql_text import quote, text

__all__ = ["EVENT_KEYS", "CheckQuery", "check_query"]

# kinds a trailing space would spoil; the others' readings allow one
TRAILING = frozenset({"id", "text", "time", "date", "latitude", "longitude"})
Check = tuple[str, str, str, str]  # condition, column, value SQL, reason
# what makes an event the same event in two files (a call in two operators' returns)
EVENT_KEYS = {
    "comms": ("start_time", "a_number", "b_number", "kind", "duration_s", "a_cell"),
    "anpr": ("read_time", "vrm", "camera_id"),
    # a cell is known only with the same details: one re-sited or renamed is a new version
    "cells": tuple(c.name for c in CONTRACT["cells"].columns),
}


@dataclass
class CheckQuery:
    """The checking query and the columns it yields besides `_line`, `_errors` (the row's
    problems, NULL when it has none) and `_text_hash` (a hash of the row as written, to find
    its line again in a file read without line numbers)."""

    sql: str
    values: list[str]  # the contract columns, typed
    flags: list[str] = field(default_factory=list)  # a_number_kind, _clock_start_time ...
    extras: list[str] = field(default_factory=list)
    # the row as written, over the mapped relation `m`: what `_text_hash` hashes
    written: list[str] = field(default_factory=list)


def check_query(
    con: duckdb.DuckDBPyConnection, table: Table, layout: TableLayout, mapping: Mapping, source: str
) -> CheckQuery:
    """The query normalising and checking the rows of `source`, as mapped by `mapping`.

    It is built in levels so that each value is worked out once: the trimmed text of each
    column, then its typed value (and the parsed parts of phones and times), then the
    checks and flags, which only compare what the levels below computed."""
    if any(c.kind == "phone" for c in table.columns):
        register_phone_function(con)
    if any(c.kind == "time" for c in table.columns) and layout.timezone == "Europe/London":
        register_zone(con)
    names = [c.name for c in table.columns]
    extras = [quote("extra:" + e) for e in mapping.extras]
    written = [
        *(written_text(f"m.{quote(c.name)}", c.kind in TRAILING) for c in table.columns),
        *(f"m.{e}" for e in extras),
    ]
    trimmed = [
        "m._line",
        *(f"m._check{n}, m._checkvalue{n}" for n in range(len(mapping.checks))),
        *(f"{sql} as {_t(n)}" for sql, n in zip(written, names, strict=False)),
        *(f"m.{e}" for e in extras),
    ]
    typed = ["t.*"]
    final = ["t._line"]
    joins: list[str] = []
    checks: list[Check] = mapping.mapped_checks()
    flags: list[str] = []
    for n, column in enumerate(table.columns):
        name, text_ref, value_ref = column.name, f"t.{_t(column.name)}", f"t.{_v(column.name)}"
        if column.required:
            checks.append((f"{text_ref} is null", name, "null", "missing (required)"))
        if column.kind == "phone":
            slow, number, kind = phone_sql(text_ref)
            typed.append(f"{slow} as {_v(name)}")
            final += [
                f"{number.format(slow=value_ref)} as {quote(name)}",
                f"{kind.format(slow=value_ref)} as {quote(name + '_kind')}",
            ]
            flags.append(f"{name}_kind")
        elif column.kind == "time":
            formats = mapping.time_formats.get(name) or DEFAULT_TIME_FORMATS
            exact, local = time_sql(text_ref, formats)
            typed += [f"{exact} as __exact{n}", f"{local} as __local{n}"]
            utc, clock, join = utc_sql(
                f"t.__exact{n}", f"t.__local{n}", f"z{n}", layout.timezone, layout.ambiguous_times
            )
            final += [f"{utc} as {quote(name)}", f"{clock} as {quote('_clock_' + name)}"]
            flags.append(f"_clock_{name}")
            joins += join
            checks.append(
                (
                    f"{text_ref} is not null and t.__exact{n} is null and t.__local{n} is null",
                    name,
                    text_ref,
                    "not a date and time in a known format (e.g. 2026-03-02T14:05:09Z "
                    "or 02/03/2026 14:05:09)",
                )
            )
            checks.append(
                (
                    f"coalesce(t.__local{n}, cast(t.__exact{n} as timestamp)) not between "
                    f"timestamp '{FIRST_YEAR}-01-01' and timestamp '{LAST_YEAR}-12-31 23:59:59'",
                    name,
                    text_ref,
                    f"a year outside {FIRST_YEAR}-{LAST_YEAR}",
                )
            )
        elif column.kind not in ("latitude", "longitude"):  # those are checked in pairs
            sql, more_checks, more_flags = _column(column, text_ref, value_ref, layout)
            typed.append(f"{sql} as {_v(name)}")
            final.append(f"{value_ref} as {quote(name)}")
            final += [f"{flag_sql} as {quote(flag)}" for flag, flag_sql in more_flags]
            flags += [flag for flag, _ in more_flags]
            checks += more_checks
    if not table.bulk:
        named = [(f"t.{e}", name) for e, name in zip(extras, mapping.extras, strict=True)]
        checks += store_checks(table, lambda c: f"t.{_t(c)}", named)
    coordinates, pair_checks, pair_flags = coordinate_checks(table, lambda c: f"t.{_t(c)}")
    final += [f"{sql} as {quote(name)}" for name, sql in coordinates.items()]
    final += [f"{sql} as {quote(name)}" for name, sql in pair_flags.items()]
    flags += list(pair_flags)
    checks += pair_checks
    final += [f"t.{e}" for e in extras]
    texts = [*(f"t.{_t(n)}" for n in names), *(f"t.{e}" for e in extras)]
    final += [f"{t} as __text{n}" for n, t in enumerate(texts)]
    errors = ", ".join(
        f"case when coalesce({cond}, false) then struct_pack(column_name := {text(col)}, "
        f"value := cast({val} as varchar), reason := {text(why)}) end"
        for cond, col, val, why in checks
    )
    failing = " or ".join(f"coalesce({cond}, false)" for cond, _, _, _ in checks) or "false"
    final.append(
        f"case when {failing} then list_filter([{errors}], lambda e: e is not null) end as _errors"
    )  # NULL for a row without problems: the common case, fast
    passed = ", ".join(f"__text{n}" for n in range(len(texts)))
    levels = (
        f"select {', '.join(final)} from (select {', '.join(typed)} from "
        f"(select {', '.join(trimmed)} from ({mapping.select(source)}) m) t) t "
        f"{' '.join(joins)}"
    )
    sql = (
        f"select * exclude ({passed}), case when _errors is not null then hash({passed}) "
        f"end as _text_hash from ({levels})"
    )
    return CheckQuery(sql, names, flags, [f"extra:{e}" for e in mapping.extras], written)


def _t(name: str) -> str:
    return quote(f"t:{name}")


def _v(name: str) -> str:
    return quote(f"v:{name}")


def _column(
    column: Column, value: str, typed: str, layout: TableLayout
) -> tuple[str, list[Check], list[tuple[str, str]]]:
    """One column: (SQL for its typed value from its text `value`, checks and flags that
    compare the text with the typed value `typed`)."""
    name = column.name
    kind = column.kind
    if kind == "date":
        formats = ", ".join(text(f) for f in (layout.date_formats or DATE_FORMATS))
        return (
            f"cast(try_strptime(trim({value}), [{formats}]) as date)",
            [
                (
                    f"{value} is not null and {typed} is null",
                    name,
                    value,
                    "not a date (e.g. 1990-04-23 or 23/04/1990)",
                ),
                (f"{typed} > current_date", name, value, "a date in the future"),
                (f"year({typed}) < 1900", name, value, "a date before 1900"),
            ],
            [],
        )
    if kind == "choice":
        listed = ", ".join(text(c.lower()) for c in column.choices)
        canonical = ", ".join(text(c) for c in column.choices)
        return (
            f"case when {value} in ({canonical}) then {value} else "
            f"[{canonical}][list_position([{listed}], lower(trim({value})))] end",
            [
                (
                    f"{value} is not null and {typed} is null",
                    name,
                    value,
                    f"not one of: {', '.join(column.choices)}",
                )
            ],
            [],
        )
    if kind == "duration":
        return (
            _duration(value),
            [
                (
                    f"{value} is not null and {typed} is null",
                    name,
                    value,
                    "not a duration (seconds or hh:mm:ss)",
                ),
                (f"{typed} < 0", name, value, "a negative duration"),
            ],
            [],
        )
    if kind == "number":
        low, high = column.bounds or (float("-inf"), float("inf"))
        return (
            f"try_cast({value} as double)",
            [
                (f"{value} is not null and {typed} is null", name, value, "not a number"),
                (
                    f"{typed} not between {low} and {high}",
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
    return (value, [], [])  # text and identifiers: already trimmed (`written_text`)


def _duration(value: str) -> str:
    """Seconds from a duration written as seconds (the usual case, tried first and without
    trimming: the cast allows spaces), decimal seconds, hh:mm:ss or mm:ss."""
    clock = f"trim({value})"
    parts = f"string_split({clock}, ':')"
    return (
        f"coalesce(try_cast({value} as integer), case "
        f"when regexp_full_match({clock}, '\\d{{1,3}}:[0-5]?\\d:[0-5]?\\d') then "
        f"cast({parts}[1] as integer) * 3600 + cast({parts}[2] as integer) * 60 "
        f"+ cast({parts}[3] as integer) "
        f"when regexp_full_match({clock}, '\\d{{1,3}}:[0-5]?\\d') then "
        f"cast({parts}[1] as integer) * 60 + cast({parts}[2] as integer) end)"
    )
