"""Vehicles and their registration marks (VRMs).

Marks follow the current GB format (two letters, age identifier, three letters) but always
begin with Z, a letter the DVLA does not issue as a memory tag, so none is a real plate.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

__all__ = ["VEHICLE_SCHEMA", "Fleet"]

LETTERS = "ABCDEFGHJKLMNOPRSTUVWXY"
MAKES = (
    ("Ford", "Fiesta"),
    ("Vauxhall", "Corsa"),
    ("Volkswagen", "Golf"),
    ("BMW", "1 Series"),
    ("Mercedes-Benz", "A-Class"),
    ("Toyota", "Yaris"),
    ("Audi", "A3"),
    ("Nissan", "Qashqai"),
    ("Kia", "Sportage"),
    ("Peugeot", "208"),
    ("Ford", "Transit"),
    ("Mercedes-Benz", "Sprinter"),
)
COLOURS = ("Black", "White", "Silver", "Grey", "Blue", "Red")
VEHICLE_SCHEMA = pa.schema(
    [
        ("vrm", pa.string()),
        ("make", pa.string()),
        ("model", pa.string()),
        ("colour", pa.string()),
        ("keeper_person_id", pa.string()),
    ]
)


@dataclass
class Fleet:
    """Every vehicle in the world."""

    rng: np.random.Generator
    vrm: list[str] = field(default_factory=list)
    make: list[str] = field(default_factory=list)
    model: list[str] = field(default_factory=list)
    colour: list[str] = field(default_factory=list)
    keeper: list[int] = field(default_factory=list)  # person index, or -1 (company, hire)
    _used: set[str] = field(default_factory=set)

    def add(self, keeper: int, van: bool = False) -> int:
        """A new vehicle kept by `keeper` (-1 for a company); returns its index."""
        while True:
            letters = [LETTERS[i] for i in self.rng.integers(len(LETTERS), size=4)]
            age = int(
                self.rng.choice(
                    [15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74]
                )
            )
            mark = f"Z{letters[0]}{age:02d} {''.join(letters[1:])}"
            if mark not in self._used:
                self._used.add(mark)
                break
        choice = int(self.rng.integers(10, 12)) if van else int(self.rng.integers(0, 10))
        self.vrm.append(mark)
        self.make.append(MAKES[choice][0])
        self.model.append(MAKES[choice][1])
        self.colour.append(COLOURS[int(self.rng.integers(len(COLOURS)))])
        self.keeper.append(keeper)
        return len(self.vrm) - 1

    def table(self, person_ids: list[str]) -> pa.Table:
        return pa.table(
            {
                "vrm": self.vrm,
                "make": self.make,
                "model": self.model,
                "colour": self.colour,
                "keeper_person_id": [person_ids[k] if k >= 0 else None for k in self.keeper],
            },
            schema=VEHICLE_SCHEMA,
        )
