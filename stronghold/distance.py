"""Distances on the map, declared once: the kilometres in a degree, and the flat-earth
distance the analyses and the report use between two points (a degree of longitude
shrinks by the cosine of the latitude). At the few kilometres they compare it is within a
fraction of a per cent of the great-circle distance (synthetic/spatial.py has that one for
the synthetic map)."""

from __future__ import annotations

import math

__all__ = ["KM_PER_DEGREE", "km_apart", "sql_km_apart", "sql_within_box"]

KM_PER_DEGREE = 111.32  # of latitude; of longitude, times the cosine of the latitude


def km_apart(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Kilometres between two points, the longitude scaled at the second's latitude."""
    dx = (lon1 - lon2) * math.cos(math.radians(lat2))
    return KM_PER_DEGREE * math.hypot(lat1 - lat2, dx)


def sql_km_apart(first: str, second: str) -> str:
    """The same in SQL, between the `latitude` and `longitude` columns of two table aliases
    (names from the code, never from input)."""
    if not (first.isidentifier() and second.isidentifier()):
        raise ValueError(f"not table aliases: {first!r}, {second!r}")
    return (
        f"{KM_PER_DEGREE} * sqrt(power({first}.latitude - {second}.latitude, 2) + "
        f"power(({first}.longitude - {second}.longitude) * cos(radians({second}.latitude)), 2))"
    )


def sql_within_box(centre: str, other: str, km: str | float) -> str:
    """SQL: `other` lies in the box `km` kilometres (an SQL expression, or a number) each
    way around `centre` (table aliases with `latitude` and `longitude`): the cheap range
    filter before `sql_km_apart(other, centre)`, which it never cuts short."""
    if not (centre.isidentifier() and other.isidentifier()):
        raise ValueError(f"not table aliases: {centre!r}, {other!r}")
    lat = f"({km}) / {KM_PER_DEGREE}"
    lon = f"({km}) / ({KM_PER_DEGREE} * cos(radians({centre}.latitude)))"
    return (
        f"{other}.latitude between {centre}.latitude - {lat} and {centre}.latitude + {lat} "
        f"and {other}.longitude between {centre}.longitude - {lon} "
        f"and {centre}.longitude + {lon}"
    )
