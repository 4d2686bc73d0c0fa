"""Times to UTC. With an offset a time is exact; without one it is UK local time, as network
operators deliver it, and the clock changes are resolved explicitly and counted:

- the spring hour that never happened (01:00-02:00 on the last Sunday of March) is read as
  the clock before the change showed it (GMT), so 01:30 becomes 01:30 UTC;
- the autumn hour that happens twice is read as its first pass (BST) by default, or its
  second (GMT) when a profile says `ambiguous_times: latest`.

Parsing and conversion run in DuckDB over whole columns; `zone_table` gives the local-time
intervals (from Python's zoneinfo) that an ASOF join turns into offsets.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import duckdb
import pyarrow as pa

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
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%d.%m.%Y %H:%M:%S",
    "%d/%m/%y %H:%M:%S",
    "%d/%m/%y %H:%M",
    "%Y%m%d%H%M%S",
    "%Y-%m-%d",
    "%d/%m/%Y",
)
OFFSET_PATTERN = r"\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|z|[+-]\d{2}(:?\d{2})?)$"
FIRST_YEAR, LAST_YEAR = 1970, 2100


@lru_cache(maxsize=4)
def zone_table(zone: str = LONDON) -> pa.Table:
    """Local-time intervals of `zone`: from when each runs, its offsets for the first and the
    second reading of a repeated hour, and whether it is `normal`, `nonexistent` (the spring
    gap) or `ambiguous` (the repeated autumn hour)."""
    tz = ZoneInfo(zone)
    starts: list[datetime] = [datetime(FIRST_YEAR - 1, 1, 1)]
    first = _offset(tz, datetime(FIRST_YEAR - 1, 1, 1, tzinfo=UTC))
    earliest, latest, kinds = [first], [first], ["normal"]
    for change, before, after in _changes(tz):
        if after > before:  # spring: local [change+before, change+after) never happens
            starts += [change + before, change + after]
            earliest += [before, after]
            latest += [before, after]
            kinds += ["nonexistent", "normal"]
        else:  # autumn: local [change+after, change+before) happens twice
            starts += [change + after, change + before]
            earliest += [before, after]
            latest += [after, after]
            kinds += ["ambiguous", "normal"]
    return pa.table(
        {
            "local_from": pa.array(starts, pa.timestamp("us")),
            "offset_earliest_s": pa.array([int(o.total_seconds()) for o in earliest], pa.int32()),
            "offset_latest_s": pa.array([int(o.total_seconds()) for o in latest], pa.int32()),
            "clock": pa.array(kinds, pa.string()),
        }
    )


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
    """Make `stronghold_zone` (the intervals of `zone`) available to `time_sql`."""
    con.register("stronghold_zone_arrow", zone_table(zone))
    con.execute(
        "create or replace temp table stronghold_zone as "
        "select * from stronghold_zone_arrow order by local_from"
    )


def time_sql(text: str, formats: tuple[str, ...] = DEFAULT_TIME_FORMATS) -> tuple[str, str]:
    """SQL for (exact instant when `text` carries an offset, local timestamp otherwise)."""
    listed = ", ".join("'" + f.replace("'", "''") + "'" for f in formats)
    trimmed = f"nullif(trim({text}), '')"
    exact = (
        f"case when regexp_matches({trimmed}, '{OFFSET_PATTERN}') "
        f"then try_cast(replace({trimmed}, 'T', ' ') as timestamptz) end"
    )
    local = (
        f"case when not regexp_matches({trimmed}, '{OFFSET_PATTERN}') "
        f"then try_strptime({trimmed}, [{listed}]) end"
    )
    return exact, local


def utc_sql(
    exact: str, local: str, alias: str, timezone: str = LONDON, ambiguous: str = "earliest"
) -> tuple[str, str, list[str]]:
    """SQL for (the UTC instant, which clock reading it was, the join it needs)."""
    if timezone == "UTC":
        return f"coalesce({exact}, cast({local} as timestamptz))", "'utc'", []
    offset = "offset_latest_s" if ambiguous == "latest" else "offset_earliest_s"
    utc = f"coalesce({exact}, cast({local} - to_seconds({alias}.{offset}) as timestamptz))"
    clock = f"case when {exact} is not null then 'exact' else {alias}.clock end"
    join = f"asof left join stronghold_zone {alias} on {local} >= {alias}.local_from"
    return utc, clock, [join]


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
    exact, local = time_sql("w.v", formats)
    utc, clock, joins = utc_sql(exact, local, "z", timezone, ambiguous)
    rows = con.execute(
        f"select cast({utc} as timestamp), case when {exact} is null and {local} is null "
        f"then null else {clock} end from written w {' '.join(joins)} order by w.n"
    ).fetchall()
    con.close()
    return [
        (instant.replace(tzinfo=UTC) if instant else None, reading) for instant, reading in rows
    ]
