"""Ordinary life on the phone: conversations within social circles, day and week rhythms.

Activity is heavy-tailed (a few people text all day); texts come in threads with replies,
calls are sometimes missed and returned, and a little traffic goes to voicemail, short codes
or arrives from withheld numbers, as in any real return (the rest of a return's kinds of
record, and most of its services, come from service_traffic.py and data_sessions.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from stronghold.synthetic.events import CALL, MMS, SMS, Events
from stronghold.synthetic.people import Population
from stronghold.synthetic.rhythms import ORDINARY_WEEKDAY, ORDINARY_WEEKEND, Calendar
from stronghold.synthetic.social import Contacts

__all__ = ["OrdinaryLife", "threads"]


def threads(
    rng: np.random.Generator,
    time: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    replies: np.ndarray,
    mean_gap_s: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Expand opening messages into back-and-forth threads with `replies` answers each."""
    size = 1 + replies
    opening = np.repeat(np.arange(len(time)), size)
    step = np.arange(len(opening)) - np.repeat(np.cumsum(size) - size, size)
    gap = np.where(step > 0, rng.exponential(mean_gap_s, size=len(opening)) + 5, 0)
    elapsed = np.cumsum(gap)
    elapsed -= np.repeat(elapsed[np.cumsum(size) - size], size)
    forward = step % 2 == 0
    when = time[opening] + elapsed.astype(np.int64)
    return (
        when,
        np.where(forward, a[opening], b[opening]),
        np.where(forward, b[opening], a[opening]),
    )


@dataclass
class OrdinaryLife:
    """Generates each day's ordinary traffic for a population."""

    population: Population
    contacts: Contacts
    phone: np.ndarray  # each person's own mobile
    calendar: Calendar
    withheld: int
    voicemail: int
    short_code: int

    def day(self, rng: np.random.Generator, day: int) -> Events:
        weekday = self.calendar.weekday(day)
        factor = 0.9 if weekday >= 5 else (1.1 if weekday == 4 else 1.0)
        counts = rng.poisson(self.population.activity * factor)
        who = np.repeat(np.arange(len(counts)), counts)
        whom = self.contacts.pick(rng, who)
        profile = ORDINARY_WEEKEND if weekday >= 5 else ORDINARY_WEEKDAY
        start = self.calendar.utc(day, self.calendar.sample_seconds(rng, len(who), profile))
        texting = rng.random(len(who)) < self.population.sms_share[who]
        a, b = self.phone[who], self.phone[whom]
        return Events.join(
            [
                self._texts(rng, start[texting], a[texting], b[texting]),
                self._calls(rng, start[~texting], a[~texting], b[~texting]),
                self._odd_numbers(rng, day, start, a),
            ]
        )

    def _texts(
        self, rng: np.random.Generator, start: np.ndarray, a: np.ndarray, b: np.ndarray
    ) -> Events:
        replies = np.minimum(rng.geometric(0.45, size=len(start)) - 1, 9)
        time, sender, receiver = threads(rng, start, a, b, replies, 150.0)
        kind = np.where(rng.random(len(time)) < 0.015, MMS, SMS)
        return Events.make(time, sender, receiver, kind)

    def _calls(
        self, rng: np.random.Generator, start: np.ndarray, a: np.ndarray, b: np.ndarray
    ) -> Events:
        n = len(start)
        answered = rng.random(n) < 0.78
        duration = np.where(answered, np.minimum(rng.lognormal(np.log(75), 1.0, n), 5400), 0)
        calls = Events.make(start, a, b, CALL, duration.astype(np.int32))
        missed = np.flatnonzero(~answered & (rng.random(n) < 0.6))
        back = start[missed] + (rng.exponential(600.0, len(missed)) + 20).astype(np.int64)
        back_duration = np.minimum(rng.lognormal(np.log(90), 0.9, len(missed)), 5400)
        returned = Events.make(back, b[missed], a[missed], CALL, back_duration.astype(np.int32))
        return Events.join([calls, returned])

    def _odd_numbers(
        self, rng: np.random.Generator, day: int, start: np.ndarray, a: np.ndarray
    ) -> Events:
        """Voicemail checks, short-code texts and withheld callers: about 1% of traffic."""
        n = len(start)
        pick = rng.random(n)
        voicemail = pick < 0.004
        short_code = (pick >= 0.004) & (pick < 0.006)
        withheld = (pick >= 0.006) & (pick < 0.009)
        return Events.join(
            [
                Events.make(
                    start[voicemail],
                    a[voicemail],
                    self.voicemail,
                    CALL,
                    rng.integers(10, 90, int(voicemail.sum())),
                ),
                Events.make(start[short_code], a[short_code], self.short_code, SMS),
                Events.make(
                    start[withheld] + 37,
                    self.withheld,
                    a[withheld],
                    CALL,
                    rng.integers(0, 300, int(withheld.sum())),
                    a_cell=-1,
                ),
            ]
        )
