"""Small spherical-geometry helpers for the synthetic map (vectorised with NumPy)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from stronghold.distance import KM_PER_DEGREE

__all__ = ["bearing_deg", "distance_km", "offset_km"]

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE_LAT = KM_PER_DEGREE

Floats = npt.NDArray[np.float64]


def distance_km(
    lat1: npt.ArrayLike, lon1: npt.ArrayLike, lat2: npt.ArrayLike, lon2: npt.ArrayLike
) -> Floats:
    """Great-circle (haversine) distance in kilometres; broadcasts like NumPy."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp = p2 - p1
    dl = np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))))


def bearing_deg(
    lat1: npt.ArrayLike, lon1: npt.ArrayLike, lat2: npt.ArrayLike, lon2: npt.ArrayLike
) -> Floats:
    """Initial compass bearing from point 1 to point 2, degrees clockwise from north."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dl = np.radians(np.asarray(lon2) - np.asarray(lon1))
    x = np.sin(dl) * np.cos(p2)
    y = np.cos(p1) * np.sin(p2) - np.sin(p1) * np.cos(p2) * np.cos(dl)
    return np.asarray((np.degrees(np.arctan2(x, y)) + 360.0) % 360.0)


def offset_km(
    lat: npt.ArrayLike, lon: npt.ArrayLike, east_km: npt.ArrayLike, north_km: npt.ArrayLike
) -> tuple[Floats, Floats]:
    """Move a point by a small east/north displacement (flat-earth, fine below ~50 km)."""
    lat = np.asarray(lat, dtype=np.float64)
    new_lat = lat + np.asarray(north_km) / KM_PER_DEGREE_LAT
    new_lon = np.asarray(lon) + np.asarray(east_km) / (KM_PER_DEGREE_LAT * np.cos(np.radians(lat)))
    return new_lat, new_lon


def compass_point(bearing: float) -> str:
    """The eight-point compass name of a bearing (N, NE, E ...)."""
    points = ("N", "NE", "E", "SE", "S", "SW", "W", "NW")
    return points[int(((bearing % 360) + 22.5) // 45) % 8]
