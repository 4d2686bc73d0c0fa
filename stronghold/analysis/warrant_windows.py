"""The best warrant window for a premises: the local hours, and the days, when most of the
line's phones are there (on the cell expected to serve it), so a warrant finds people and
evidence inside, and the children among them are safeguarded at once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

__all__ = ["LOCAL", "WarrantWindow", "warrant_window"]

LOCAL = ZoneInfo("Europe/London")
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class WarrantWindow:
    def __init__(self, start_hour: int, hours: int, days: list[str], phones: int, seen: int):
        self.start_hour = start_hour  # local hour the window opens
        self.hours = hours
        self.days = days  # the weekdays with the most presence, best first
        self.phones = phones  # the most distinct line phones seen in one such window
        self.seen = seen  # phone-days seen in the window over the period

    def covers(self, hour: int) -> bool:
        return (hour - self.start_hour) % 24 < self.hours

    def __str__(self) -> str:
        end = (self.start_hour + self.hours) % 24
        return (
            f"{self.start_hour:02d}:00-{end:02d}:00 UK time, best on {' and '.join(self.days)}: "
            f"up to {self.phones} of the line's phones there at once"
        )


def warrant_window(
    sightings: Iterable[tuple[str, datetime]],
    activity: Iterable[tuple[str, datetime]],
    hours: int = 3,
) -> WarrantWindow | None:
    """From (phone, moment) sightings at the premises and the same phones' activity
    anywhere, the `hours`-long window of the day (local time, wrapping past midnight) in
    which the phones are most likely there: for each hour, the share of the phones' active
    days at that hour on which they were seen at the premises (phones are busier by day, so
    raw counts would favour the afternoon)."""
    by_hour = _phone_days(sightings)
    if not any(by_hour.values()):
        return None
    active = _phone_days(activity)
    share = {h: len(by_hour[h]) / max(len(active[h] | by_hour[h]), 1) for h in range(24)}
    best = max(range(24), key=lambda h: (sum(share[(h + k) % 24] for k in range(hours)), -h))
    weekdays: Counter[str] = Counter()
    chosen = set().union(*(by_hour[(best + k) % 24] for k in range(hours)))
    at_once: Counter[str] = Counter(day for _, day in chosen)
    for day in {day for _, day in chosen}:
        weekdays[DAYS[datetime.fromisoformat(day).weekday()]] += at_once[day]
    top_days = [d for d, _ in sorted(weekdays.items(), key=lambda kv: (-kv[1], DAYS.index(kv[0])))]
    return WarrantWindow(best, hours, top_days[:2], max(at_once.values()), len(chosen))


def _phone_days(events: Iterable[tuple[str, datetime]]) -> dict[int, set[tuple[str, str]]]:
    """For each local hour, the (phone, local date) pairs with an event in it."""
    by_hour: dict[int, set[tuple[str, str]]] = {h: set() for h in range(24)}
    for phone, moment in events:
        local = moment.astimezone(LOCAL)
        by_hour[local.hour].add((phone, local.date().isoformat()))
    return by_hour
