"""Data sessions: the `data` rows of a return, one per session a handset opens.

Every handset with an owner does them: ordinary people's phones, runners' and holders'
phones, controllers' and the deal lines' own handsets (a deal-line number only while it is
live). The other party is the network's access point (APN), or for some suppliers the
gateway's address (services.py), never a phone; the cell says where the handset was, from
the same whereabouts every other row uses, which is why analysts ask for data records when
calls are few. Each handset's rate is drawn once, log-normal around the world's mean
(`WorldDraw.data_sessions_per_day`, variants.py); with a mean of 0 the world has none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from stronghold.synthetic.events import DATA, NONE, Events
from stronghold.synthetic.phones import NETWORKS
from stronghold.synthetic.rhythms import ORDINARY_WEEKDAY, ORDINARY_WEEKEND, Calendar
from stronghold.synthetic.seeding import stream
from stronghold.synthetic.service_traffic import locate
from stronghold.synthetic.whereabouts import Whereabouts

if TYPE_CHECKING:
    from stronghold.synthetic.world import World

__all__ = ["DataSessions"]

SPREAD = 1.0  # sigma of the log-normal rate per handset: some phones are always online
MEDIAN_SECONDS = 240.0  # a session's median length
LONGEST = 3600  # networks close a session's record at least hourly (a partial record)
BACKGROUND = 0.4  # a floor under the day's profile: apps sync at night too


@dataclass
class DataSessions:
    """Generates each day's data sessions of every handset."""

    phone: np.ndarray  # the phones that open sessions
    owner: np.ndarray  # each one's owner (where it is)
    rate: np.ndarray  # sessions a day
    apn: np.ndarray  # the access point each one uses (a phone-book index)
    start: np.ndarray  # when each is live (UTC): deal-line numbers only between handovers
    end: np.ndarray
    whereabouts: Whereabouts
    calendar: Calendar

    @classmethod
    def of(cls, world: World) -> DataSessions | None:
        """The world's data sessions, or None when its mean rate is 0."""
        mean = world.draw.data_sessions_per_day
        if mean <= 0:
            return None
        rng = stream(world.seed, "data sessions", "handsets")
        owner = np.asarray(world.phones.owner, np.int32)
        network = np.asarray(world.phones.network, np.int64)
        live = (owner >= 0) & (network >= 0)
        start = np.full(len(owner), world.calendar.first_instant, np.int64)
        end = np.full(len(owner), world.calendar.last_instant, np.int64)
        for line in world.lines:
            start[line.numbers] = line.number_from
            end[line.numbers] = line.number_to
        for change in world.changed_numbers:  # churn.py: each number its own span and APN
            end[change.old] = start[change.new] = change.at
        phone = np.flatnonzero(live)
        apn = np.empty(len(phone), np.int32)
        for n, name in enumerate(NETWORKS):
            rows = np.flatnonzero(network[phone] == n)
            share = np.asarray(world.services.apn_share[name])
            choice = rng.choice(len(share), size=len(rows), p=share / share.sum())
            apn[rows] = np.asarray(world.services.apn[name], np.int32)[choice]
        rate = mean * rng.lognormal(-(SPREAD**2) / 2, SPREAD, len(phone))
        return cls(
            phone.astype(np.int32),
            owner[phone],
            rate,
            apn,
            start[phone],
            end[phone],
            world.whereabouts,
            world.calendar,
        )

    def day(self, rng: np.random.Generator, day: int) -> Events:
        profile = ORDINARY_WEEKEND if self.calendar.weekday(day) >= 5 else ORDINARY_WEEKDAY
        profile = profile + BACKGROUND * profile.mean()
        which = np.repeat(np.arange(len(self.phone)), rng.poisson(self.rate))
        when = self.calendar.utc(day, self.calendar.sample_seconds(rng, len(which), profile))
        live = (when >= self.start[which]) & (when < self.end[which])
        which, when = which[live], when[live]
        duration = np.minimum(rng.lognormal(np.log(MEDIAN_SECONDS), 1.1, len(which)), LONGEST)
        return Events.make(
            when,
            self.phone[which],
            self.apn[which],
            DATA,
            duration.astype(np.int32) + 1,
            locate(self.whereabouts, rng, self.owner[which], when),
            NONE,
        )
