"""Time in the world: the calendar, UK local time and its DST changes, and daily rhythms.

Everything people do is drawn in Europe/London local time (people text at 9pm local,
whatever the offset) and stored as exact UTC instants.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cached_property, lru_cache
from zoneinfo import ZoneInfo

import numpy as np

__all__ = ["EVENING", "OFFICE", "ORDINARY_WEEKDAY", "ORDINARY_WEEKEND", "Calendar", "hours"]

LONDON = ZoneInfo("Europe/London")

# Relative activity by local hour, 00-23 (ordinary people: quiet nights, evening peak).
ORDINARY_WEEKDAY = np.array(
    [
        0.6,
        0.3,
        0.15,
        0.1,
        0.1,
        0.2,
        0.6,
        1.6,
        3.0,
        3.6,
        3.8,
        4.0,
        4.4,
        4.2,
        4.0,
        4.2,
        4.6,
        5.2,
        5.8,
        6.0,
        5.8,
        5.0,
        3.6,
        1.8,
    ]
)
ORDINARY_WEEKEND = np.array(
    [
        1.4,
        0.9,
        0.5,
        0.3,
        0.15,
        0.15,
        0.3,
        0.7,
        1.5,
        2.6,
        3.6,
        4.4,
        4.8,
        4.8,
        4.6,
        4.6,
        4.8,
        5.0,
        5.4,
        5.6,
        5.4,
        4.8,
        3.8,
        2.4,
    ]
)
OFFICE = np.array(
    [0, 0, 0, 0, 0, 0, 0, 0.2, 2, 4, 4, 3.5, 3, 3, 3.5, 3.5, 3, 2, 0.5, 0, 0, 0, 0, 0], dtype=float
)
EVENING = np.array(
    [0.2, 0.1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5, 2, 1.5, 0.5, 0.5, 1, 3, 5, 6.5, 6, 4.5, 2.5, 0.8]
)


def hours(profile: np.ndarray) -> np.ndarray:
    """A profile normalised to probabilities."""
    return profile / profile.sum()


@dataclass(frozen=True)
class Calendar:
    """The period the world covers: `days` days from local midnight on `start`."""

    start: date
    days: int

    @property
    def first_instant(self) -> int:
        return self.utc(0, np.array([0]))[0].item()

    @property
    def last_instant(self) -> int:
        return self.utc(self.days, np.array([0]))[0].item()

    def date(self, day: int) -> date:
        return self.start + timedelta(days=day)

    def weekday(self, day: int) -> int:
        """0 for Monday ... 6 for Sunday."""
        return self.date(day).weekday()

    def utc(self, day: int | np.ndarray, local_seconds: np.ndarray) -> np.ndarray:
        """UTC epoch seconds of `local_seconds` after local midnight of `day` (one or many).

        In the missing spring hour the clock is read as before the change (GMT); in the
        repeated autumn hour, as the first pass (BST): every local time maps to one instant.
        """
        local_seconds = np.asarray(local_seconds, dtype=np.int64)
        hour = np.clip(local_seconds // 3600, 0, 47)
        if np.ndim(day) == 0:
            naive_epoch, offsets = _local_day(self.date(int(day)))
            return naive_epoch + local_seconds - offsets[hour]
        days = np.asarray(day)
        result = np.empty(len(days), dtype=np.int64)
        for one in np.unique(days).tolist():
            rows = days == one
            naive_epoch, offsets = _local_day(self.date(one))
            result[rows] = naive_epoch + local_seconds[rows] - offsets[hour[rows]]
        return result

    def local_seconds(self, instants: np.ndarray) -> np.ndarray:
        """Seconds after local midnight (0-86399) of UTC epoch seconds, DST-aware."""
        offsets = self._offsets
        first = self.first_instant - 86_400
        index = np.clip((np.asarray(instants) - first) // 3600, 0, len(offsets) - 1)
        return (np.asarray(instants) + offsets[index]) % 86_400

    def local_hour(self, instants: np.ndarray) -> np.ndarray:
        """Local hour of day (0-23) of UTC epoch seconds, DST-aware."""
        return self.local_seconds(instants) // 3600

    def day_of(self, instants: np.ndarray) -> np.ndarray:
        """Which day of the period (local date) each instant falls on."""
        offsets = self._offsets
        first = self.first_instant - 86_400
        index = np.clip((np.asarray(instants) - first) // 3600, 0, len(offsets) - 1)
        local = np.asarray(instants) + offsets[index]
        start = int(
            datetime.combine(self.start, datetime.min.time()).replace(tzinfo=UTC).timestamp()
        )
        return (local - start) // 86_400

    @cached_property
    def _offsets(self) -> np.ndarray:
        first = datetime.fromtimestamp(self.first_instant - 86_400, tz=UTC)
        return np.array(
            [_utc_offset(first + timedelta(hours=h)) for h in range((self.days + 3) * 24)]
        )

    def sample_seconds(
        self, rng: np.random.Generator, count: int, profile: np.ndarray
    ) -> np.ndarray:
        """`count` local times of day (seconds after midnight) following an hourly profile."""
        hour = rng.choice(24, size=count, p=hours(profile))
        return hour * 3600 + rng.integers(0, 3600, size=count)


@lru_cache(maxsize=4096)
def _local_day(day: date) -> tuple[int, np.ndarray]:
    """Epoch of `day`'s midnight read as UTC, and the UTC offset of each local hour 0-47."""
    midnight = datetime.combine(day, datetime.min.time())
    naive_epoch = int(midnight.replace(tzinfo=UTC).timestamp())
    offsets = []
    for h in range(48):
        offset = (midnight + timedelta(hours=h)).replace(tzinfo=LONDON).utcoffset()
        offsets.append(int(offset.total_seconds()) if offset is not None else 0)
    return naive_epoch, np.array(offsets)


def _utc_offset(instant: datetime) -> int:
    offset = instant.astimezone(LONDON).utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0
