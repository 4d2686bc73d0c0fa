"""Premises: houses and flats in postcode units of each town's real districts.

Street names are invented compounds and postcode units are synthetic (real district, made-up
sector and unit), so no row names a real home. Tenure follows the English Housing Survey mix
(about 64% owner-occupied, 19% private rented, 17% social), with social housing in estates.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from stronghold.synthetic.geography import Town
from stronghold.synthetic.spatial import offset_km

__all__ = ["TENURES", "Addresses", "build_addresses"]

TENURES = ("social", "private_rented", "owner")
UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
STREET_STEMS = (
    "Ash",
    "Bram",
    "Cald",
    "Dun",
    "Elder",
    "Fen",
    "Gil",
    "Hart",
    "Ivy",
    "Kest",
    "Lark",
    "Marl",
    "Nether",
    "Oak",
    "Pen",
    "Quill",
    "Rook",
    "Sedge",
    "Thorn",
    "Wil",
    "Yew",
    "Alder",
    "Birch",
    "Cob",
    "Dray",
    "Fal",
    "Glen",
    "Hol",
    "Kin",
    "Lin",
    "Mer",
    "Nor",
    "Or",
    "Prest",
    "Ray",
)
STREET_ENDS = (
    "brook",
    "combe",
    "dale",
    "field",
    "ford",
    "gate",
    "holme",
    "hurst",
    "lea",
    "mere",
    "moor",
    "stead",
    "wick",
    "worth",
    "ridge",
    "well",
    "bury",
    "ton",
)
STREET_KINDS = (
    "Road",
    "Close",
    "Crescent",
    "Way",
    "Mews",
    "Court",
    "Gardens",
    "Walk",
    "Drive",
    "Lane",
    "Place",
    "Rise",
    "View",
    "Grove",
    "Street",
    "Avenue",
)
ADDRESSES_PER_POSTCODE = 14


@dataclass
class Addresses:
    """Every premises in the world, one row per address (column arrays)."""

    address_id: list[str]
    line1: list[str]
    postcode: list[str]
    town: np.ndarray  # index into the world's towns
    latitude: np.ndarray
    longitude: np.ndarray
    tenure: np.ndarray  # index into TENURES

    def __len__(self) -> int:
        return len(self.address_id)


def _street_name(rng: np.random.Generator) -> str:
    stem = STREET_STEMS[rng.integers(len(STREET_STEMS))]
    end = STREET_ENDS[rng.integers(len(STREET_ENDS))]
    return f"{stem}{end} {STREET_KINDS[rng.integers(len(STREET_KINDS))]}"


def build_addresses(rng: np.random.Generator, towns: list[Town], counts: list[int]) -> Addresses:
    """`counts[i]` premises in `towns[i]`, clustered into postcode units and streets."""
    ids: list[str] = []
    lines: list[str] = []
    postcodes: list[str] = []
    town_index: list[np.ndarray] = []
    lats: list[np.ndarray] = []
    lons: list[np.ndarray] = []
    tenures: list[np.ndarray] = []
    for t, (place, count) in enumerate(zip(towns, counts, strict=True)):
        units = max(1, -(-count // ADDRESSES_PER_POSTCODE))
        # Postcode centroids: denser towards the centre; district by compass sector.
        radius = place.radius_km * rng.random(units) ** 0.75
        angle = rng.random(units) * 2 * np.pi
        c_lat, c_lon = offset_km(
            place.latitude, place.longitude, radius * np.sin(angle), radius * np.cos(angle)
        )
        district = (angle / (2 * np.pi) * len(place.districts)).astype(int)
        sector = np.minimum(9, 1 + (radius / place.radius_km * 9).astype(int))
        estate = rng.random(units) < 0.22
        used: set[str] = set()
        for unit in range(units):
            size = min(ADDRESSES_PER_POSTCODE, count - unit * ADDRESSES_PER_POSTCODE)
            if size <= 0:
                break
            while True:
                letters = "".join(UNIT_LETTERS[i] for i in rng.integers(len(UNIT_LETTERS), size=2))
                code = f"{place.districts[district[unit]]} {sector[unit]}{letters}"
                if code not in used:
                    used.add(code)
                    break
            street = _street_name(rng)
            flats = bool(estate[unit] and rng.random() < 0.5)
            for k in range(size):
                if flats:
                    lines.append(f"Flat {k + 1}, {1 + 2 * (unit % 40)} {street}")
                else:
                    lines.append(f"{k + 1 + (unit % 3) * 20} {street}")
                postcodes.append(code)
            jitter = rng.normal(0.0, 0.06, size=(2, size))
            lat, lon = offset_km(c_lat[unit], c_lon[unit], jitter[0], jitter[1])
            lats.append(np.round(lat, 6))
            lons.append(np.round(lon, 6))
            social_share = 0.75 if estate[unit] else 0.03
            tenures.append(rng.choice(3, size=size, p=_tenure_mix(social_share)))
            town_index.append(np.full(size, t, dtype=np.int16))
    ids = [f"ADR{n:07d}" for n in range(len(lines))]
    return Addresses(
        ids,
        lines,
        postcodes,
        np.concatenate(town_index),
        np.concatenate(lats),
        np.concatenate(lons),
        np.concatenate(tenures).astype(np.int8),
    )


def _tenure_mix(social: float) -> list[float]:
    rest = 1.0 - social
    return [social, rest * 0.23, rest * 0.77]
