"""Times to UTC. With an offset a time is exact; without one it is UK local time, as network
operators deliver it, and the clock changes are resolved explicitly and counted:

- the spring hour that never happened (01:00-02:00 on the last Sunday of March) is read as
  the clock before the change showed it (GMT), so 01:30 becomes 01:30 UTC;
- the autumn hour that happens twice is read as its first pass (BST) by default, or its
  second (GMT) when a profile says `ambiguous_times: latest`.

Parsing and conversion run in DuckDB over whole columns; `zone_table` gives each year's clock
changes (from Python's zoneinfo), joined to the rows by year.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import duckdb
import pyarrow as pa

from stronghold import sql_text
from stronghold.ingest.normalise.text import written_text

__all__ = [
    "DEFAULT_TIME_FORMATS",
    "normalise_times",
    "register_zone",
    "time_sql",
    "utc_sql",
    "zone_table",
]

LONDON = "Europe/London"
DEFAULT_TIME_FORMATS = (
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S.%f",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%d/%m/%y %H:%M:%S",  # two-digit years first: %Y would read 26 as the year 26
    "%d/%m/%y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%d.%m.%Y %H:%M:%S",
    "%Y%m%d%H%M%S",
    "%Y-%m-%d",
    "%d/%m/%y",
    "%d/%m/%Y",
)
OFFSET_PATTERN = r"\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|z|[+-]\d{2}(:?\d{2})?)$"
FIRST_YEAR, LAST_YEAR = 1970, 2100


@lru_cache(maxsize=4)
def zone_table(zone: str = LONDON) -> pa.Table:
    """Each year's clock in `zone`: its offset on 1 January, and up to two changes, each the
    local-time window it affects (`nonexistent` when the clock jumps forward over it,
    `ambiguous` when it runs twice) and the offset after it."""
    tz = ZoneInfo(zone)
    changes: dict[int, list[tuple[datetime, datetime, str, int, int]]] = {}
    for change, before, after in _changes(tz):
        if after > before:  # spring: local [change+before, change+after) never happens
            window = (change + before, change + after, "nonexistent")
        else:  # autumn: local [change+after, change+before) happens twice
            window = (change + after, change + before, "ambiguous")
        changes.setdefault(window[0].year, []).append(
            (*window, int(before.total_seconds()), int(after.total_seconds()))
        )
    columns: dict[str, list[object]] = {
        name: []
        for name in (
            "year",
            "base_s",
            "first_from",
            "first_to",
            "first_kind",
            "first_after_s",
            "second_from",
            "second_to",
            "second_kind",
            "second_after_s",
        )
    }
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        found = changes.get(year, [])
        if len(found) > 2:
            raise ValueError(f"{zone} changes its clock {len(found)} times in {year}")
        base = (
            found[0][3]
            if found
            else int(_offset(tz, datetime(year, 1, 1, 12, tzinfo=UTC)).total_seconds())
        )
        padded = [*found, *[(None, None, None, None, None)] * (2 - len(found))]
        columns["year"].append(year)
        columns["base_s"].append(base)
        for prefix, (start, end, kind, _, after_s) in zip(("first", "second"), padded, strict=True):
            columns[f"{prefix}_from"].append(start)
            columns[f"{prefix}_to"].append(end)
            columns[f"{prefix}_kind"].append(kind)
            columns[f"{prefix}_after_s"].append(after_s)
    types = {
        "year": pa.int32(),
        "base_s": pa.int32(),
        "first_after_s": pa.int32(),
        "second_after_s": pa.int32(),
        "first_from": pa.timestamp("us"),
        "first_to": pa.timestamp("us"),
        "second_from": pa.timestamp("us"),
        "second_to": pa.timestamp("us"),
        "first_kind": pa.string(),
        "second_kind": pa.string(),
    }
    return pa.table({name: pa.array(values, types[name]) for name, values in columns.items()})


def _offset(tz: ZoneInfo, instant: datetime) -> timedelta:
    offset = instant.astimezone(tz).utcoffset()
    return offset if offset is not None else timedelta(0)


def _changes(tz: ZoneInfo) -> list[tuple[datetime, timedelta, timedelta]]:
    """(naive UTC instant, offset before, offset after) of every change, by hourly search."""
    found = []
    instant = datetime(FIRST_YEAR, 1, 1, tzinfo=UTC)
    end = datetime(LAST_YEAR + 1, 1, 1, tzinfo=UTC)
    step = timedelta(days=7)
    previous = _offset(tz, instant)
    while instant < end:
        following = instant + step
        offset = _offset(tz, following)
        if offset != previous:  # narrow down to the hour
            moment = instant
            while _offset(tz, moment) == previous:
                moment += timedelta(hours=1)
            found.append((moment.replace(tzinfo=None), previous, offset))
            previous = offset
        instant = following
    return found


def register_zone(con: duckdb.DuckDBPyConnection, zone: str = LONDON) -> None:
    """Make `stronghold_zone` (each year's clock in `zone`) available to `utc_sql`."""
    con.register("stronghold_zone_arrow", zone_table(zone))
    con.execute(
        "create or replace temp table stronghold_zone as select * from stronghold_zone_arrow"
    )


def time_sql(text: str, formats: tuple[str, ...] = DEFAULT_TIME_FORMATS) -> tuple[str, str]:
    """SQL for (the exact instant when `text` carries an offset, the local timestamp when it
    does not), from trimmed text (`written_text`). The usual forms are tried first and
    cheaply: a trailing Z, then one of the formats."""
    listed = ", ".join(sql_text.text(f) for f in formats)
    # CASE, not OR: DuckDB evaluates only the branch a row needs, where it would work out
    # both sides of an OR for every row (the regular expression is the costly part)
    offset = (
        f"(case when ends_with({text}, 'Z') then true "
        f"else regexp_matches({text}, '{OFFSET_PATTERN}') end)"
    )
    exact = f"case when {offset} then try_cast({text} as timestamptz) end"
    local = f"case when not {offset} then try_strptime({text}, [{listed}]) end"
    return exact, local


def utc_sql(
    exact: str, local: str, alias: str, timezone: str = LONDON, ambiguous: str = "earliest"
) -> tuple[str, str, list[str]]:
    """SQL for (the UTC instant, which clock reading it was, the join it needs).

    The join is on the year: a small table, so the rows stream through in parallel."""
    if timezone == "UTC":
        return f"coalesce({exact}, cast({local} as timestamptz))", "'utc'", []
    z = alias
    # (where the local time falls, offset to subtract, what the clock was doing)
    cases = (
        (f"{z}.first_from is null or {local} < {z}.first_from", f"{z}.base_s", "'normal'"),
        (
            f"{local} < {z}.first_to",
            _window(z, "first", f"{z}.base_s", ambiguous),
            f"{z}.first_kind",
        ),
        (f"{z}.second_from is null or {local} < {z}.second_from", f"{z}.first_after_s", "'normal'"),
        (
            f"{local} < {z}.second_to",
            _window(z, "second", f"{z}.first_after_s", ambiguous),
            f"{z}.second_kind",
        ),
    )
    offset = (
        "case "
        + " ".join(f"when {where} then {value}" for where, value, _ in cases)
        + f" else {z}.second_after_s end"
    )
    reading = (
        "case "
        + " ".join(f"when {where} then {kind}" for where, _, kind in cases)
        + " else 'normal' end"
    )
    utc = f"coalesce({exact}, cast({local} - to_seconds({offset}) as timestamptz))"
    clock = f"case when {exact} is not null then 'exact' else {reading} end"
    join = f"left join stronghold_zone {z} on {z}.year = year({local})"
    return utc, clock, [join]


def _window(z: str, which: str, before: str, ambiguous: str) -> str:
    """The offset inside a change's window: the clock before a jump forward; for a repeated
    hour, its first or its second reading."""
    after = f"{z}.{which}_after_s"
    second = after if ambiguous == "latest" else before
    return f"case when {z}.{which}_kind = 'ambiguous' then {second} else {before} end"


def normalise_times(
    values: list[str | None],
    timezone: str = LONDON,
    ambiguous: str = "earliest",
    formats: tuple[str, ...] = DEFAULT_TIME_FORMATS,
) -> list[tuple[datetime | None, str | None]]:
    """(UTC instant, clock reading) of each written time: the import's own SQL, for a list."""
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")
    register_zone(con)
    con.register(
        "written", pa.table({"n": list(range(len(values))), "v": pa.array(values, pa.string())})
    )
    exact, local = time_sql("w.written", formats)
    utc, clock, joins = utc_sql(exact, local, "z", timezone, ambiguous)
    rows = con.execute(
        f"select cast({utc} as timestamp), case when {exact} is null and {local} is null "
        f"then null else {clock} end from (select n, {written_text('v')} as written "
        f"from written) w {' '.join(joins)} order by w.n"
    ).fetchall()
    con.close()
    return [
        (instant.replace(tzinfo=UTC) if instant else None, reading) for instant, reading in rows
    ]
