"""A county line's traffic, day by day.

- "Line is open" broadcasts: the deal number texts its whole customer list in a burst, one
  to five times a day (and once from each new number after a handover).
- Orders: customers call or text the deal line; the holder forwards the order to a runner on
  shift, who calls the customer back from the county within minutes to meet.
- Management: the line's controllers text and call the runners on shift; the holder calls
  the controllers (and, as the world's draw says, some runners directly) from the phone kept
  for the line's business; a leader above a holder who is not a leader directs the line
  (command.py).
- After a handover a few customers still try the old number for a day or two, unanswered.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from stronghold.synthetic.command import boss_traffic, command_stream
from stronghold.synthetic.crime_groups import CrimeGroup, Line
from stronghold.synthetic.events import CALL, SMS, Events
from stronghold.synthetic.line_plans import DAY, Shift
from stronghold.synthetic.ordinary import threads
from stronghold.synthetic.rhythms import Calendar

__all__ = ["ORDERING", "LineActivity"]

ORDERING = np.array(
    [
        0.8,
        0.5,
        0.3,
        0.2,
        0.1,
        0.2,
        0.6,
        1.2,
        2.0,
        2.6,
        2.8,
        2.6,
        2.4,
        2.2,
        2.2,
        2.4,
        2.8,
        3.2,
        3.4,
        3.4,
        3.0,
        2.6,
        2.0,
        1.4,
    ]
)


@dataclass
class LineActivity:
    """Generates one line's events for any day of the period."""

    line: Line
    group: CrimeGroup
    shifts: list[Shift]
    personal_phone: np.ndarray  # person -> own mobile
    calendar: Calendar

    def __post_init__(self) -> None:
        self._from = np.asarray(self.line.number_from, dtype=np.int64)
        self._to = np.asarray(self.line.number_to, dtype=np.int64)
        self._numbers = np.asarray(self.line.numbers, dtype=np.int32)
        self._shift_start = np.asarray([s.start for s in self.shifts], dtype=np.int64)
        self._shift_end = np.asarray([s.end for s in self.shifts], dtype=np.int64)
        phone_of = dict(zip(self.line.runners, self.line.runner_phones, strict=True))
        self._crews = [
            np.asarray([phone_of[r] for r in s.runners], dtype=np.int32) for s in self.shifts
        ]
        self._local = np.asarray([phone_of[r] for r in self.line.local_runners], dtype=np.int32)

    def _index(self, times: np.ndarray) -> np.ndarray:
        """Which of the line's numbers is (or was last) in use at each time."""
        return np.maximum(np.searchsorted(self._from, times, "right") - 1, 0)

    def _live(self, times: np.ndarray) -> np.ndarray:
        """Whether the line has a working phone at each time (not before it opens, not between
        a seizure and the new phone)."""
        index = self._index(times)
        return (times >= self._from[0]) & (times < self._to[index])

    def day(self, rng: np.random.Generator, day: int) -> Events:
        if day < self.line.start_day:
            return Events.empty()
        return Events.join(
            [self._broadcasts(rng, day), self._orders(rng, day), self._management(rng, day)]
        )

    def _broadcasts(self, rng: np.random.Generator, day: int) -> Events:
        count = int(np.clip(round(self.line.broadcasts_per_day + rng.normal(0, 0.6)), 1, 5))
        first = self.calendar.utc(day, np.array([int(rng.integers(8 * 3600, 11 * 3600))]))
        later = self.calendar.utc(day, np.sort(rng.integers(11 * 3600, 23 * 3600, count - 1)))
        moments = np.r_[first, later]
        start, end = self.calendar.utc(day, np.array([0, 86_400]))
        switched = self._from[1:][(self._from[1:] >= start) & (self._from[1:] < end)]
        moments = np.sort(np.r_[moments, switched + 60])
        parts = []
        for moment in moments[self._live(moments)]:
            audience = self.line.customers[rng.random(len(self.line.customers)) < 0.96]
            order = rng.permutation(len(audience))
            sent = moment + np.cumsum(rng.uniform(0.4, 2.5, len(audience))).astype(np.int64)
            number = self._numbers[self._index(np.array([moment]))[0]]
            parts.append(Events.make(sent, number, self.personal_phone[audience[order]], SMS))
        return Events.join(parts)

    def _orders(self, rng: np.random.Generator, day: int) -> Events:
        weekend = 1.15 if self.calendar.weekday(day) in (4, 5) else 1.0
        counts = rng.poisson(self.line.order_rate * weekend)
        buyer = np.repeat(np.arange(len(self.line.customers)), counts)
        when = self.calendar.utc(day, self.calendar.sample_seconds(rng, len(buyer), ORDERING))
        open_yet = when >= self._from[0]  # nobody orders before the line opens
        buyer, when = buyer[open_yet], when[open_yet]
        n = len(buyer)
        phone = self.personal_phone[self.line.customers[buyer]]
        index = self._index(when)
        line_number = self._numbers[index]
        # For two days after a change some customers still try the old number; after a
        # seizure nobody answers until the new phone is live.
        straggling = self._recently_replaced(when) & (rng.random(n) < 0.25)
        target = np.where(straggling, self._numbers[np.maximum(index - 1, 0)], line_number)
        stale = straggling | ~self._live(when)
        calling = rng.random(n) < 0.55
        duration = np.where(stale, 0, rng.integers(8, 45, n))
        asks = Events.make(
            when, phone, target, np.where(calling, CALL, SMS), np.where(calling, duration, -1)
        )
        served = ~stale
        runner = self._runner_on_duty(rng, when)
        served &= runner >= 0
        s = np.flatnonzero(served)
        forward_at = when[s] + rng.integers(30, 240, len(s))
        forward = Events.make(forward_at, line_number[s], runner[s], SMS)
        reply = s[rng.random(len(s)) < 0.25]
        replies = Events.make(
            when[reply] + rng.integers(20, 180, len(reply)), line_number[reply], phone[reply], SMS
        )
        back = s[rng.random(len(s)) < 0.85]
        callback_at = when[back] + rng.integers(300, 2400, len(back))
        callbacks = Events.make(
            callback_at,
            runner[back],
            phone[back],
            CALL,
            rng.integers(5, 30, len(back)),
        )
        return Events.join([asks, forward, replies, callbacks])

    def _recently_replaced(self, when: np.ndarray) -> np.ndarray:
        index = self._index(when)
        return (index >= 1) & (when - self._from[index] < 2 * DAY)

    def _runner_on_duty(self, rng: np.random.Generator, when: np.ndarray) -> np.ndarray:
        """A work phone of a runner on duty at each time, or -1."""
        result = np.full(len(when), -1, dtype=np.int32)
        if len(self._shift_start):
            index = np.searchsorted(self._shift_start, when, "right") - 1
            on = (index >= 0) & (when < self._shift_end[np.maximum(index, 0)])
            for i in np.unique(index[on]):
                rows = np.flatnonzero(on & (index == i))
                crew = self._crews[int(i)]
                result[rows] = crew[rng.integers(0, len(crew), len(rows))]
        if len(self._local):
            hour = self.calendar.local_hour(when)
            local = (hour >= 10) & (hour < 22) & ((result < 0) | (rng.random(len(when)) < 0.3))
            result[local] = self._local[rng.integers(0, len(self._local), int(local.sum()))]
        return result

    def _management(self, rng: np.random.Generator, day: int) -> Events:
        """Controllers with the runners on duty; the holder with the controllers (or runners);
        the leader above the holder, if any, with whom the draw says."""
        noon = self.calendar.utc(day, np.array([12 * 3600]))[0]
        working = np.unique(
            np.r_[self._runner_on_duty(rng, noon + np.arange(-3, 4) * 10_800), self._local]
        )
        working = working[working >= 0]
        controllers = np.asarray(self.line.command.controller_phones, dtype=np.int32)
        own = command_stream(self.line, day)  # None unless the line's command is a variant's
        parts = []
        for phone in working:
            count = int(rng.integers(3, 9))
            boss = controllers[rng.integers(0, len(controllers), count)]
            when = self.calendar.utc(day, rng.integers(10 * 3600, 24 * 3600, count))
            replies = rng.integers(0, 3, count)
            time, a, b = threads(rng, when, boss, np.full(count, phone), replies, 120.0)
            parts.append(Events.make(time, a, b, SMS))
        holder = self.line.command.management_phone
        for controller in controllers:
            count = int(rng.integers(1, 4))
            when = self.calendar.utc(day, rng.integers(9 * 3600, 23 * 3600, count))
            other = np.full(count, controller, dtype=np.int32)
            if own is not None and len(working):  # some calls go to a runner on duty instead
                direct = own.random(count) < self.line.command.holder_calls_runners
                other[direct] = working[own.integers(0, len(working), int(direct.sum()))]
            caller = np.where(rng.random(count) < 0.5, holder, other)
            callee = np.where(caller == holder, other, holder)
            parts.append(Events.make(when, caller, callee, CALL, rng.integers(20, 400, count)))
        for s, shift in enumerate(self.shifts):  # check-ins on the way in and out
            for moment in (shift.start, shift.leaves):
                if noon - DAY // 2 <= moment < noon + DAY // 2:
                    crew = self._crews[s]
                    offsets = (
                        np.array([-2400, -600, 1200])  # on the way, nearly there, arrived
                        if moment == shift.start
                        else np.array([-600, 1200, 4 * 3600])  # leaving, on the way, home
                    )
                    for phone in crew:
                        boss = controllers[int(rng.integers(0, len(controllers)))]
                        parts.append(Events.make(moment + offsets, phone, boss, SMS))
        if own is not None:
            parts.append(
                boss_traffic(own, self.line, self.group, self.personal_phone, self.calendar, day)
            )
        return Events.join(parts)
