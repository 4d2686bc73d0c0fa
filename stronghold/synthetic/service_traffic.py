"""A day's traffic with the numbers that are not people (services.py): voicemail, banks'
texts, calls to premium, freephone, non-geographic and directory numbers, short codes,
withheld callers and calls to and from family abroad.

Real returns carry all of these, and each is a trap for an analysis that counts every row
as a contact: a platform or a bank "talks" to thousands of unrelated phones. Volumes are
kept small (about 0.13 rows a person a day against about 3 of ordinary traffic;
docs/synthetic-world.md, "Every kind of record", gives each rate and why). The rows locate
their own cells with their own stream, so the ordinary traffic's draws never move.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from stronghold.synthetic.churn import NumberRemap
from stronghold.synthetic.events import CALL, NONE, SMS, VOICEMAIL, Events
from stronghold.synthetic.people import Population
from stronghold.synthetic.rhythms import ORDINARY_WEEKDAY, ORDINARY_WEEKEND, Calendar
from stronghold.synthetic.seeding import stream
from stronghold.synthetic.services import Services
from stronghold.synthetic.social import Contacts
from stronghold.synthetic.whereabouts import Whereabouts

if TYPE_CHECKING:
    from stronghold.synthetic.world import World

__all__ = ["ServiceTraffic", "locate"]

DEPOSITS = 0.02  # voicemail messages left per person a day
RETRIEVED = 0.85  # share of messages the mailbox's owner listens to
BANKED = (0.45, 0.35)  # share of adults who get each bank's texts (the rest: neither)
BANK_TEXTS = 0.06  # texts a day to each of a bank's customers (alerts, passcodes)
DIALLED = {  # kind -> (calls per person a day, median length in seconds)
    "freephone": (0.004, 420.0),
    "non_geographic": (0.006, 360.0),
    "premium": (0.0008, 150.0),
    "directory": (0.0004, 60.0),
}
SHORT_CODE_TEXTS = 0.003  # texts to short codes per person a day (the parking one replies)
WITHHELD_CALLS = 0.008  # calls from hidden numbers per person a day
WITHHELD_SHARE = (0.45, 0.35, 0.20)  # Withheld, Private, Unknown
ABROAD_EVENTS = 0.12  # calls and texts a day between a person and each relative abroad


def locate(
    whereabouts: Whereabouts, rng: np.random.Generator, people: np.ndarray, when: np.ndarray
) -> np.ndarray:
    """`whereabouts.locate`, safe for a batch in which nobody has an itinerary: one traveller
    is asked about too and dropped (Whereabouts.locate fails on a batch without one)."""
    if not whereabouts.itineraries:
        return whereabouts.locate(rng, people, when)
    traveller = next(iter(whereabouts.itineraries))
    padded_people = np.append(np.asarray(people, np.int64), traveller)
    padded_when = np.append(np.asarray(when, np.int64), when[0] if len(when) else 0)
    return whereabouts.locate(rng, padded_people, padded_when)[:-1]


def _lengths(rng: np.random.Generator, median: float, n: int, cap: int = 5400) -> np.ndarray:
    return np.minimum(rng.lognormal(np.log(median), 0.8, n), cap).astype(np.int32) + 1


@dataclass
class ServiceTraffic:
    """Generates each day's rows with services, voicemail, withheld callers and abroad."""

    population: Population
    contacts: Contacts
    phone: np.ndarray  # each person's own mobile
    network: np.ndarray  # each phone's network index (-1: none)
    whereabouts: Whereabouts
    calendar: Calendar
    services: Services
    bank: np.ndarray  # each person's bank (index into the bank_text numbers), -1: none
    remap: NumberRemap  # who changed number when (churn.py): their network may change too

    @classmethod
    def of(cls, world: World) -> ServiceTraffic:
        rng = stream(world.seed, "services", "customers")
        adult = world.population.age >= 16
        pick = rng.random(len(world.population))
        bank = np.where(pick < BANKED[0], 0, np.where(pick < sum(BANKED), 1, -1))
        return cls(
            world.population,
            world.contacts,
            world.personal_phone,
            np.asarray(world.phones.network, np.int8),
            world.whereabouts,
            world.calendar,
            world.services,
            np.where(adult, bank, -1),
            NumberRemap(world.changed_numbers, len(world.phones.number)),
        )

    def __post_init__(self) -> None:
        self._weight = np.cumsum(self.population.activity, dtype=np.float64)
        self._customers = np.flatnonzero(self.bank >= 0)

    def day(self, rng: np.random.Generator, day: int) -> Events:
        self._profile = ORDINARY_WEEKEND if self.calendar.weekday(day) >= 5 else ORDINARY_WEEKDAY
        return Events.join(
            [
                self._voicemail(rng, day),
                self._bank_texts(rng, day),
                self._dialled(rng, day),
                self._withheld(rng, day),
                self._abroad(rng, day),
            ]
        )

    def _people(self, rng: np.random.Generator, rate: float) -> np.ndarray:
        """Poisson(rate x people) people, the more active more often."""
        count = int(rng.poisson(rate * len(self.phone)))
        return np.searchsorted(self._weight, rng.random(count) * self._weight[-1])

    def _when(self, rng: np.random.Generator, day: int, n: int) -> np.ndarray:
        return self.calendar.utc(day, self.calendar.sample_seconds(rng, n, self._profile))

    def _at(self, rng: np.random.Generator, people: np.ndarray, when: np.ndarray) -> np.ndarray:
        return locate(self.whereabouts, rng, people, when)

    def _in_use(self, phones: np.ndarray, when: np.ndarray) -> np.ndarray:
        """The number each phone's owner uses at `when` (a new one after a change)."""
        new = self.remap.new[phones]
        return np.where((new >= 0) & (when >= self.remap.at[phones]), new, phones)

    def _voicemail(self, rng: np.random.Generator, day: int) -> Events:
        """A call not answered rings 15-30 s and is diverted: the `call` row (0 s), then a
        `voicemail` deposit from the caller to the number called; the owner later retrieves
        it from the network's platform (a `voicemail` row to the platform's number)."""
        caller = self._people(rng, DEPOSITS)
        callee = self.contacts.pick(rng, caller)
        n = len(caller)
        when = self._when(rng, day, n)
        a, b = self.phone[caller], self.phone[callee]
        cell = self._at(rng, caller, when)
        rang = Events.make(when, a, b, CALL, 0, cell, self._at(rng, callee, when))
        deposit_at = when + rng.integers(15, 31, n)
        message = _lengths(rng, 20.0, n, 180)
        deposit = Events.make(deposit_at, a, b, VOICEMAIL, message, cell, NONE)
        heard = np.flatnonzero(rng.random(n) < RETRIEVED)
        later = deposit_at[heard] + message[heard] + (rng.exponential(7200.0, len(heard)) + 60)
        later = later.astype(np.int64)
        retrieval = Events.make(
            later,
            b[heard],
            self.services.voicemail[self.network[self._in_use(b[heard], later)]],
            VOICEMAIL,
            _lengths(rng, 30.0, len(heard), 300),
            self._at(rng, callee[heard], later),
            NONE,
        )
        return Events.join([rang, deposit, retrieval])

    def _bank_texts(self, rng: np.random.Generator, day: int) -> Events:
        """One-way texts from a bank's number to its customers: never answered."""
        count = int(rng.poisson(BANK_TEXTS * len(self._customers)))
        who = self._customers[rng.integers(0, max(1, len(self._customers)), count)]
        when = self._when(rng, day, count)
        banks = np.asarray(self.services.numbers["bank_text"], np.int32)
        sender = banks[self.bank[who]]
        return Events.make(when, sender, self.phone[who], SMS, -1, NONE, self._at(rng, who, when))

    def _dialled(self, rng: np.random.Generator, day: int) -> Events:
        """Calls to premium, freephone, non-geographic and directory numbers; texts to short
        codes, and the parking service's confirmation back."""
        parts = []
        for kind, (rate, median) in DIALLED.items():
            who = self._people(rng, rate)
            when = self._when(rng, day, len(who))
            numbers = np.asarray(self.services.numbers[kind], np.int32)
            called = numbers[rng.integers(0, len(numbers), len(who))]
            duration = _lengths(rng, median, len(who))
            parts.append(
                Events.make(
                    when, self.phone[who], called, CALL, duration, self._at(rng, who, when), NONE
                )
            )
        who = self._people(rng, SHORT_CODE_TEXTS)
        when = self._when(rng, day, len(who))
        codes = np.asarray(self.services.numbers["short_code"], np.int32)
        code = codes[rng.integers(0, len(codes), len(who))]
        cell = self._at(rng, who, when)
        parts.append(Events.make(when, self.phone[who], code, SMS, -1, cell, NONE))
        parking = code == codes[0]
        replied = when[parking] + rng.integers(5, 41, int(parking.sum()))
        parts.append(
            Events.make(replied, codes[0], self.phone[who[parking]], SMS, -1, NONE, cell[parking])
        )
        return Events.join(parts)

    def _withheld(self, rng: np.random.Generator, day: int) -> Events:
        """Calls from hidden numbers (surgeries, hospitals, sales): a quarter not answered."""
        who = self._people(rng, WITHHELD_CALLS)
        n = len(who)
        when = self._when(rng, day, n)
        label = np.asarray(self.services.withheld, np.int32)[
            rng.choice(len(WITHHELD_SHARE), size=n, p=WITHHELD_SHARE)
        ]
        duration = np.where(rng.random(n) < 0.25, 0, _lengths(rng, 90.0, n))
        return Events.make(
            when, label, self.phone[who], CALL, duration, NONE, self._at(rng, who, when)
        )

    def _abroad(self, rng: np.random.Generator, day: int) -> Events:
        """Calls and texts with relatives abroad: half calls out, a fifth texts out, the rest
        calls in (the foreign caller has no cell in a UK return)."""
        family, relative = self.services.family, self.services.family_phone
        count = int(rng.poisson(ABROAD_EVENTS * len(family)))
        link = rng.integers(0, max(1, len(family)), count)
        who, there = family[link], relative[link]
        when = self._when(rng, day, count)
        cell = self._at(rng, who, when)
        pick = rng.random(count)
        duration = _lengths(rng, 360.0, count)
        out_call, out_text, incoming = pick < 0.5, (pick >= 0.5) & (pick < 0.7), pick >= 0.7
        mine = self.phone[who]
        return Events.join(
            [
                Events.make(when[out_call], mine[out_call], there[out_call], CALL,
                            duration[out_call], cell[out_call], NONE),
                Events.make(when[out_text], mine[out_text], there[out_text], SMS, -1,
                            cell[out_text], NONE),
                Events.make(when[incoming], there[incoming], mine[incoming], CALL,
                            duration[incoming], NONE, cell[incoming]),
            ]
        )  # fmt: skip
