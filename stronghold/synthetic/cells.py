"""Mobile masts: three-sector sites covering each town and two-sector sites along corridors.

A phone is served by the nearest site and the sector facing it, as in a real cell-site
download. Routes know their own ordered list of corridor cells, so a journey leaves the trail
of masts an analyst reconstructs a trip from.

How dense a town's masts are is a knob of the world (`cell_density`, variants.py): real
coverage ranges from a site every few hundred metres in a city centre to one every few
kilometres in a market town, and the coarser it is the less a cell says about where a phone is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.spatial import cKDTree

from stronghold.synthetic.geography import Town, position
from stronghold.synthetic.routes import Leg, Route, leg_points
from stronghold.synthetic.spatial import KM_PER_DEGREE_LAT, bearing_deg, offset_km

__all__ = ["CellNetwork", "build_cell_network"]

CORRIDOR_SPACING_KM = 5.0
REFERENCE_LATITUDE = 52.5  # for the flat projection used in nearest-site look-ups


def project(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Points to kilometres on a flat plane (good enough for nearest-mast queries in England)."""
    scale = KM_PER_DEGREE_LAT * np.cos(np.radians(REFERENCE_LATITUDE))
    return np.column_stack([np.asarray(lon) * scale, np.asarray(lat) * KM_PER_DEGREE_LAT])


@dataclass
class CellNetwork:
    """Every cell (mast sector) of the world, as column arrays, with look-ups."""

    cell_id: list[str]
    latitude: np.ndarray
    longitude: np.ndarray
    azimuth: np.ndarray
    radius_m: np.ndarray
    site_name: list[str]
    site: np.ndarray  # site index of each cell; a site's cells are consecutive
    town_cells: dict[int, np.ndarray] = field(default_factory=dict)  # town index -> cells
    leg_cells: dict[Leg, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    postcode: list[str] = field(default_factory=list)
    _site_first_cell: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    _site_sectors: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int8))
    _tree: cKDTree | None = None
    _routes: dict[Route, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.cell_id)

    def serving_cell(self, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
        """The cell serving each point: nearest site, sector facing the point."""
        if self._tree is None:
            first = np.flatnonzero(np.r_[True, self.site[1:] != self.site[:-1]])
            self._site_first_cell = first.astype(np.int32)
            self._site_sectors = np.diff(np.r_[first, len(self.site)]).astype(np.int8)
            self._tree = cKDTree(project(self.latitude[first], self.longitude[first]))
        lat, lon = np.atleast_1d(lat), np.atleast_1d(lon)
        _, nearest = self._tree.query(project(lat, lon))
        first = self._site_first_cell[nearest]
        sectors = self._site_sectors[nearest]
        facing = bearing_deg(self.latitude[first], self.longitude[first], lat, lon)
        width = 360.0 / sectors  # sectors point at azimuth[first] + k * width
        offset = (facing - self.azimuth[first] + width / 2) % 360.0
        sector = (offset // width).astype(np.int64) % sectors
        return (first + sector).astype(np.int32)

    def route_cells(self, journey: Route) -> tuple[np.ndarray, np.ndarray]:
        """The corridor cells a journey passes, in order, with km from its start."""
        if journey not in self._routes:
            self._routes[journey] = self._route_cells(journey)
        return self._routes[journey]

    def _route_cells(self, journey: Route) -> tuple[np.ndarray, np.ndarray]:
        cells, kms = [], []
        travelled = 0.0
        for leg, backwards in journey.legs:
            leg_cell, leg_km = self.leg_cells.get(leg, (np.zeros(0, np.int32), np.zeros(0)))
            if backwards:
                leg_cell, leg_km = leg_cell[::-1], leg.km - leg_km[::-1]
            cells.append(leg_cell)
            kms.append(travelled + leg_km)
            travelled += leg.km
        return np.concatenate(cells).astype(np.int32), np.concatenate(kms)


def build_cell_network(
    rng: np.random.Generator, towns: list[Town], journeys: list[Route], density: float = 1.0
) -> CellNetwork:
    """Masts for every town of the world and along every leg its journeys use.

    `density`: town sites per square kilometre against the baseline grid (0.3: sparse
    coverage). The grid's spacing and each cell's radius grow by 1/sqrt(density), so the
    same ground is covered by fewer, bigger cells."""
    stretch = 1.0 / float(np.sqrt(density))
    ids: list[str] = []
    names: list[str] = []
    lat_parts, lon_parts, az_parts, radius_parts, site_parts = [], [], [], [], []
    town_cells: dict[int, np.ndarray] = {}
    leg_cells: dict[Leg, tuple[np.ndarray, np.ndarray]] = {}
    site_count = 0

    def add_site(
        lat: float, lon: float, azimuths: list[float], radius: float, name: str, area_code: int
    ) -> list[int]:
        nonlocal site_count
        first = len(ids)
        for sector, _azimuth in enumerate(azimuths):
            ids.append(f"234-30-{area_code:04d}-{site_count * 10 + sector + 1:06d}")
            names.append(name)
        count = len(azimuths)
        lat_parts.append(np.full(count, round(lat, 6)))
        lon_parts.append(np.full(count, round(lon, 6)))
        az_parts.append(np.asarray(azimuths, dtype=np.float64))
        radius_parts.append(np.full(count, radius))
        site_parts.append(np.full(count, site_count, dtype=np.int32))
        site_count += 1
        return list(range(first, first + count))

    for t, place in enumerate(towns):
        spacing = (0.9 if place.hub else 1.2) * stretch
        span = place.radius_km * 1.3
        steps = np.arange(-span, span + 1e-9, spacing)
        cells_here: list[int] = []
        for east in steps:
            for north in steps:
                if east * east + north * north > span * span:
                    continue
                jitter = rng.normal(0.0, spacing * 0.15, size=2)
                lat, lon = offset_km(
                    place.latitude, place.longitude, east + jitter[0], north + jitter[1]
                )
                turn = float(rng.integers(0, 120))
                cells_here += add_site(
                    float(lat),
                    float(lon),
                    [turn, turn + 120, turn + 240],
                    float(rng.integers(8, 20)) * 100 * stretch,
                    f"{place.name} "
                    f"{'N' if north >= 0 else 'S'}{abs(round(north, 1))}"
                    f" {'E' if east >= 0 else 'W'}{abs(round(east, 1))}",
                    100 + t,
                )
        town_cells[t] = np.asarray(cells_here, dtype=np.int32)

    in_world = {place.name: place for place in towns}
    legs = sorted(
        {leg for journey in journeys for leg, _ in journey.legs},
        key=lambda leg: (leg.corridor, leg.start, leg.end),
    )
    for n, leg in enumerate(legs):
        skip_start = in_world[leg.start].radius_km * 1.2 if leg.start in in_world else 0.0
        skip_end = in_world[leg.end].radius_km * 1.2 if leg.end in in_world else 0.0
        heading = float(bearing_deg(*position(leg.start), *position(leg.end)))
        cells_here, kms = [], []
        for point_lat, point_lon, km in leg_points(leg, CORRIDOR_SPACING_KM, skip_start, skip_end):
            jitter = rng.normal(0.0, 0.3, size=2)
            lat_j, lon_j = offset_km(point_lat, point_lon, jitter[0], jitter[1])
            near = leg.start if km < leg.km / 2 else leg.end
            made = add_site(
                float(lat_j),
                float(lon_j),
                [heading + 180, heading],
                4000.0,
                f"{leg.corridor} near {near}",
                900 + n,
            )
            cells_here.append(made[0])  # the sector facing travellers coming from the start
            kms.append(km)
        leg_cells[leg] = (np.asarray(cells_here, dtype=np.int32), np.asarray(kms))

    return CellNetwork(
        cell_id=ids,
        latitude=np.concatenate(lat_parts),
        longitude=np.concatenate(lon_parts),
        azimuth=np.concatenate(az_parts) % 360,
        radius_m=np.concatenate(radius_parts),
        site_name=names,
        site=np.concatenate(site_parts),
        town_cells=town_cells,
        leg_cells=leg_cells,
    )
