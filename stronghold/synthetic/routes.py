"""Journeys between places along the real corridors: the M40, the Chiltern line, the M1 ...

A route is the shortest chain of corridor legs from one place to another by road or by rail.
Cells and ANPR cameras are placed along the legs that routes use, so a phone on the move shows
the sequence of masts an analyst would see in a real cell-site download.
"""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass
from functools import cache, cached_property

from stronghold.synthetic.geography import CORRIDORS, TOWNS, position
from stronghold.synthetic.spatial import distance_km

__all__ = ["Leg", "Route", "route"]

NAMED_WINDING = 1.15  # motorways and main lines are nearly straight
CROSS_COUNTRY_WINDING = 1.45
CROSS_COUNTRY_MAX_KM = 180.0
ROAD_SPEED_KMH = 75.0  # door to door, including town traffic
RAIL_SPEED_KMH = 85.0  # including changes and waits at stations


@dataclass(frozen=True)
class Leg:
    """One stretch of a corridor between two consecutive stops, in a fixed canonical direction."""

    mode: str
    corridor: str
    start: str
    end: str
    km: float


@dataclass(frozen=True)
class Route:
    """A journey: the legs in travel order and whether each is travelled backwards."""

    mode: str
    origin: str
    destination: str
    legs: tuple[tuple[Leg, bool], ...]  # (leg, reversed)

    @cached_property
    def km(self) -> float:
        return sum(leg.km for leg, _ in self.legs)

    @cached_property
    def hours(self) -> float:
        speed = ROAD_SPEED_KMH if self.mode == "road" else RAIL_SPEED_KMH
        return self.km / speed + (0.25 if self.mode == "rail" else 0.1)


@cache
def _legs() -> tuple[Leg, ...]:
    """The named corridors' legs, and cross-country links between every two nearby towns for
    journeys the named corridors serve badly (they wind more, so named routes win where
    they are reasonable)."""
    legs = []
    for mode, corridor, stops in CORRIDORS:
        for a, b in itertools.pairwise(stops):
            legs.append(Leg(mode, corridor, a, b, _km(a, b) * NAMED_WINDING))
    for a, b in itertools.combinations([t.name for t in TOWNS], 2):
        if _km(a, b) <= CROSS_COUNTRY_MAX_KM:
            for mode, kind in (("road", "A-roads"), ("rail", "local rail and bus")):
                legs.append(Leg(mode, f"{kind} {a}-{b}", a, b, _km(a, b) * CROSS_COUNTRY_WINDING))
    return tuple(legs)


def _km(a: str, b: str) -> float:
    (lat1, lon1), (lat2, lon2) = position(a), position(b)
    return float(distance_km(lat1, lon1, lat2, lon2))


@cache
def route(origin: str, destination: str, mode: str) -> Route:
    """The shortest route from `origin` to `destination` by `mode` ("road" or "rail")."""
    adjacency: dict[str, list[tuple[str, Leg, bool]]] = {}
    for leg in _legs():
        if leg.mode != mode:
            continue
        adjacency.setdefault(leg.start, []).append((leg.end, leg, False))
        adjacency.setdefault(leg.end, []).append((leg.start, leg, True))
    best: dict[str, float] = {origin: 0.0}
    previous: dict[str, tuple[str, Leg, bool]] = {}
    queue: list[tuple[float, str]] = [(0.0, origin)]
    while queue:
        km, here = heapq.heappop(queue)
        if here == destination:
            break
        if km > best.get(here, float("inf")):
            continue
        for there, leg, backwards in adjacency.get(here, ()):
            candidate = km + leg.km
            if candidate < best.get(there, float("inf")):
                best[there] = candidate
                previous[there] = (here, leg, backwards)
                heapq.heappush(queue, (candidate, there))
    if destination not in best:
        raise ValueError(f"no {mode} route from {origin} to {destination}")
    legs: list[tuple[Leg, bool]] = []
    here = destination
    while here != origin:
        before, leg, backwards = previous[here]
        legs.append((leg, backwards))
        here = before
    return Route(mode, origin, destination, tuple(reversed(legs)))


def leg_points(
    leg: Leg, spacing_km: float, skip_start_km: float = 0.0, skip_end_km: float = 0.0
) -> list[tuple[float, float, float]]:
    """Evenly spaced (latitude, longitude, km from the leg's start) points along a leg."""
    (lat1, lon1), (lat2, lon2) = position(leg.start), position(leg.end)
    points = []
    km = skip_start_km + spacing_km / 2
    while km < leg.km - skip_end_km:
        fraction = km / leg.km
        points.append((lat1 + (lat2 - lat1) * fraction, lon1 + (lon2 - lon1) * fraction, km))
        km += spacing_km
    return points
