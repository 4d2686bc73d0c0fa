"""Coordinates: WGS84 decimal degrees, range-checked; a pair written the wrong way round
(longitude first) is put right when only the swapped reading falls in Great Britain."""

from __future__ import annotations

from collections.abc import Callable

from stronghold.contract import Table

__all__ = ["GB_BOX", "coordinate_checks"]

GB_BOX = (49.8, 60.95, -8.7, 1.8)  # latitude from-to, longitude from-to


def _in_gb(lat: str, lon: str) -> str:
    south, north, west, east = GB_BOX
    return f"({lat} between {south} and {north} and {lon} between {west} and {east})"


def coordinate_checks(
    table: Table, column: Callable[[str], str]
) -> tuple[dict[str, str], list[tuple[str, str, str, str]], dict[str, str]]:
    """For each latitude/longitude pair of `table`: SQL values, checks and a swapped flag;
    `column` gives the SQL holding a column's trimmed text."""
    latitudes = [c.name for c in table.columns if c.kind == "latitude"]
    longitudes = [c.name for c in table.columns if c.kind == "longitude"]
    values: dict[str, str] = {}
    checks: list[tuple[str, str, str, str]] = []
    flags: dict[str, str] = {}
    for lat_name, lon_name in zip(latitudes, longitudes, strict=True):
        lat_text, lon_text = column(lat_name), column(lon_name)
        lat, lon = f"try_cast({lat_text} as double)", f"try_cast({lon_text} as double)"
        swapped = (
            f"({lat} is not null and {lon} is not null and not {_in_gb(lat, lon)} "
            f"and {_in_gb(lon, lat)})"
        )
        final_lat = f"case when {swapped} then {lon} else {lat} end"
        final_lon = f"case when {swapped} then {lat} else {lon} end"
        values[lat_name], values[lon_name] = final_lat, final_lon
        flags[f"_swapped_{lat_name}"] = swapped
        for name, raw, number in ((lat_name, lat_text, lat), (lon_name, lon_text, lon)):
            checks.append((f"{raw} is not null and {number} is null", name, raw, "not a number"))
        checks.append(
            (
                f"({lat} is null) <> ({lon} is null) and "
                f"({lat_text} is null or {lat} is not null) and "
                f"({lon_text} is null or {lon} is not null)",
                lat_name,
                f"coalesce({lat_text}, {lon_text})",
                f"{lat_name} and {lon_name} must be given together",
            )
        )
        checks.append(
            (f"{final_lat} not between -90 and 90", lat_name, lat_text, "outside -90 to 90 degrees")
        )
        checks.append(
            (
                f"{final_lon} not between -180 and 180",
                lon_name,
                lon_text,
                "outside -180 to 180 degrees",
            )
        )
    return values, checks, flags


def check_coordinates(
    pairs: list[tuple[str | None, str | None]],
) -> list[tuple[float | None, float | None, bool, list[str]]]:
    """(latitude, longitude, swapped, reasons refused) of written pairs: the import's own SQL,
    for a list."""
    import duckdb
    import pyarrow as pa

    from stronghold.contract import CONTRACT

    values, checks, flags = coordinate_checks(
        CONTRACT["cells"], lambda name: f"nullif(trim(m.\"{name}\"), '')"
    )
    con = duckdb.connect()
    con.register(
        "m",
        pa.table(
            {
                "n": list(range(len(pairs))),
                "latitude": pa.array([p[0] for p in pairs], pa.string()),
                "longitude": pa.array([p[1] for p in pairs], pa.string()),
            }
        ),
    )
    reasons = ", ".join(
        f"case when coalesce({cond}, false) then '{why}' end" for cond, _, _, why in checks
    )
    rows = con.execute(
        f"select {values['latitude']}, {values['longitude']}, {flags['_swapped_latitude']}, "
        f"list_filter([{reasons}], lambda r: r is not null) from m order by n"
    ).fetchall()
    con.close()
    return [(lat, lon, bool(swapped), list(why)) for lat, lon, swapped, why in rows]
