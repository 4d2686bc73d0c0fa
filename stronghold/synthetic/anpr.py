"""Number-plate cameras on the corridors and at town approaches, and the reads they make.

A vehicle driven along a route is read by each camera it passes, at the time its speed puts
it there, with the direction of travel, as in a real ANPR return.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from stronghold.synthetic.comms_output import iso_utc
from stronghold.synthetic.geography import position
from stronghold.synthetic.routes import Leg, Route, leg_points
from stronghold.synthetic.spatial import bearing_deg, compass_point

__all__ = ["ANPR_SCHEMA", "AnprLog", "CameraNetwork"]

CAMERA_SPACING_KM = 18.0
ANPR_SCHEMA = pa.schema(
    [
        ("read_time", pa.string()),
        ("vrm", pa.string()),
        ("camera_id", pa.string()),
        ("latitude", pa.float64()),
        ("longitude", pa.float64()),
        ("direction", pa.string()),
    ]
)


@dataclass
class CameraNetwork:
    """Fixed ANPR cameras along every road leg the world's journeys use."""

    camera_id: list[str] = field(default_factory=list)
    latitude: list[float] = field(default_factory=list)
    longitude: list[float] = field(default_factory=list)
    leg_cameras: dict[Leg, tuple[list[int], list[float], float]] = field(default_factory=dict)
    _passes: dict[Route, tuple[np.ndarray, np.ndarray, list[str]]] = field(default_factory=dict)

    @classmethod
    def along(cls, journeys: list[Route]) -> CameraNetwork:
        network = cls()
        legs = sorted(
            {leg for j in journeys if j.mode == "road" for leg, _ in j.legs},
            key=lambda leg: (leg.corridor, leg.start, leg.end),
        )
        for leg in legs:
            heading = float(bearing_deg(*position(leg.start), *position(leg.end)))
            ids, kms = [], []
            for lat, lon, km in leg_points(leg, CAMERA_SPACING_KM, 1.0, 1.0):
                ids.append(len(network.camera_id))
                kms.append(km)
                network.camera_id.append(
                    f"ANPR-{leg.corridor.replace(' ', '')}-{len(network.camera_id) + 1:04d}"
                )
                network.latitude.append(round(lat, 6))
                network.longitude.append(round(lon, 6))
            network.leg_cameras[leg] = (ids, kms, heading)
        return network

    def passes(self, journey: Route) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """Cameras a journey passes: indices, km from its start, compass direction of travel."""
        if journey not in self._passes:
            self._passes[journey] = self._find_passes(journey)
        return self._passes[journey]

    def _find_passes(self, journey: Route) -> tuple[np.ndarray, np.ndarray, list[str]]:
        cameras: list[int] = []
        kms: list[float] = []
        directions: list[str] = []
        travelled = 0.0
        for leg, backwards in journey.legs:
            ids, leg_km, heading = self.leg_cameras.get(leg, ([], [], 0.0))
            order = range(len(ids) - 1, -1, -1) if backwards else range(len(ids))
            for i in order:
                cameras.append(ids[i])
                kms.append(travelled + (leg.km - leg_km[i] if backwards else leg_km[i]))
                directions.append(compass_point(heading + (180.0 if backwards else 0.0)))
            travelled += leg.km
        return np.asarray(cameras, dtype=np.int64), np.asarray(kms), directions


@dataclass
class AnprLog:
    """Every read in the period, collected as journeys are planned."""

    cameras: CameraNetwork
    times: list[np.ndarray] = field(default_factory=list)
    vehicles: list[np.ndarray] = field(default_factory=list)
    camera: list[np.ndarray] = field(default_factory=list)
    direction: list[list[str]] = field(default_factory=list)

    def drive(
        self,
        rng: np.random.Generator,
        vehicle: int,
        journey: Route,
        start: int | np.ndarray,
        end: int | np.ndarray,
    ) -> None:
        """Record the reads of `vehicle` driving `journey` from `start` to `end` (UTC), once
        or for many trips at once."""
        ids, kms, directions = self.cameras.passes(journey)
        if len(ids) == 0:
            return
        starts, ends = np.broadcast_arrays(np.atleast_1d(start), np.atleast_1d(end))
        when = starts[:, None] + (kms / journey.km)[None, :] * (ends - starts)[:, None]
        when = when + rng.normal(0, 60, when.shape)
        seen = rng.random(when.shape) < 0.93  # cameras miss some plates
        self.times.append(when[seen].astype(np.int64))
        self.vehicles.append(np.full(int(seen.sum()), vehicle, dtype=np.int64))
        self.camera.append(np.broadcast_to(ids, when.shape)[seen])
        self.direction.append(
            np.broadcast_to(np.asarray(directions, dtype=object), when.shape)[seen].tolist()
        )

    def table(self, vrms: list[str]) -> pa.Table:
        if not self.times:
            return ANPR_SCHEMA.empty_table()
        times = np.concatenate(self.times)
        order = np.argsort(times, kind="stable")
        vehicle = np.concatenate(self.vehicles)[order]
        camera = np.concatenate(self.camera)[order]
        direction = np.asarray([d for part in self.direction for d in part], dtype=object)
        lat = np.asarray(self.cameras.latitude)[camera]
        lon = np.asarray(self.cameras.longitude)[camera]
        return pa.table(
            {
                "read_time": iso_utc(times[order]),
                "vrm": pa.array(np.asarray(vrms, dtype=object)[vehicle], pa.string()),
                "camera_id": pa.array(
                    np.asarray(self.cameras.camera_id, dtype=object)[camera], pa.string()
                ),
                "latitude": lat,
                "longitude": lon,
                "direction": pa.array(direction[order], pa.string()),
            },
            schema=ANPR_SCHEMA,
        )
