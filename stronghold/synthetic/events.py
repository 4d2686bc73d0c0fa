"""A day's communications as column arrays, before they are written out.

Numbers are indices into the phone book; cells are indices into the cell network, with
`LOCATE` meaning "wherever its owner is at that moment" and `NONE` meaning no cell recorded.
A cell index past the network's own is a foreign cell of a phone roaming abroad (roaming.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

__all__ = [
    "CALL",
    "DATA",
    "KINDS",
    "LOCATE",
    "MMS",
    "NONE",
    "SMS",
    "VOICEMAIL",
    "Events",
    "TrafficSource",
]

CALL, SMS, MMS, DATA, VOICEMAIL = 0, 1, 2, 3, 4
KINDS = ("call", "sms", "mms", "data", "voicemail")  # the contract's comms kinds
LOCATE, NONE = -2, -1


@dataclass
class Events:
    """Communications events: time (UTC epoch seconds), a and b phones, kind, duration, cells."""

    time: np.ndarray
    a: np.ndarray
    b: np.ndarray
    kind: np.ndarray
    duration: np.ndarray  # seconds; -1 where not applicable (texts)
    a_cell: np.ndarray
    b_cell: np.ndarray

    def __len__(self) -> int:
        return len(self.time)

    @classmethod
    def make(
        cls,
        time: np.ndarray,
        a: np.ndarray | int,
        b: np.ndarray | int,
        kind: np.ndarray | int,
        duration: np.ndarray | int = -1,
        a_cell: np.ndarray | int = LOCATE,
        b_cell: np.ndarray | int = LOCATE,
    ) -> Events:
        """Events from arrays or scalars broadcast to the length of `time`."""
        n = len(time)

        def column(value: np.ndarray | int, dtype: type) -> np.ndarray:
            return np.broadcast_to(np.asarray(value, dtype=dtype), (n,)).copy()

        return cls(
            np.asarray(time, dtype=np.int64),
            column(a, np.int32),
            column(b, np.int32),
            column(kind, np.int8),
            column(duration, np.int32),
            column(a_cell, np.int32),
            column(b_cell, np.int32),
        )

    @classmethod
    def empty(cls) -> Events:
        return cls.make(np.zeros(0, np.int64), np.zeros(0, np.int32), np.zeros(0, np.int32), 0)

    @classmethod
    def join(cls, parts: list[Events]) -> Events:
        parts = [p for p in parts if len(p)] or [cls.empty()]
        return cls(
            *(
                np.concatenate([getattr(p, name) for p in parts])
                for name in ("time", "a", "b", "kind", "duration", "a_cell", "b_cell")
            )
        )

    def take(self, order: np.ndarray) -> Events:
        return Events(
            self.time[order],
            self.a[order],
            self.b[order],
            self.kind[order],
            self.duration[order],
            self.a_cell[order],
            self.b_cell[order],
        )


class TrafficSource(Protocol):
    """Anything that produces a day's events: ordinary life, a line, a business ..."""

    def day(self, rng: np.random.Generator, day: int) -> Events: ...
