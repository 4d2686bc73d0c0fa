"""Lawful numbers that look like deal lines to a naive rule.

Taxi firms take calls from hundreds of locals and their drivers call back minutes later;
takeaways take orders and text promotions to their customer list; surgeries and schools send
bulk reminders; group organisers text their members; bulk-SMS marketers blast thousands.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from stronghold.synthetic.events import CALL, SMS, Events
from stronghold.synthetic.geography import Town
from stronghold.synthetic.phones import PhoneBook
from stronghold.synthetic.recruitment import Recruiter
from stronghold.synthetic.rhythms import EVENING, OFFICE, Calendar

__all__ = ["BUSINESS_KINDS", "Business", "BusinessActivity", "open_businesses"]

BUSINESS_KINDS = ("taxi_firm", "surgery", "takeaway", "school", "group_organiser", "bulk_sms")


@dataclass
class Business:
    kind: str
    town: int
    number: int  # the number the public knows (landline or bulk-SMS mobile)
    customers: np.ndarray  # persons it deals with
    extra_numbers: list[int] = field(default_factory=list)  # drivers' or promotions' mobiles

    @property
    def numbers(self) -> list[int]:
        return [self.number, *self.extra_numbers]


def open_businesses(
    rng: np.random.Generator,
    recruiter: Recruiter,
    phones: PhoneBook,
    personal_phone: np.ndarray,
    towns: list[Town],
    per_town: int,
) -> list[Business]:
    """`per_town` businesses in every town, cycling through the kinds across the world."""
    p = recruiter.population
    made: list[Business] = []
    for t, place in enumerate(towns):
        residents = p.in_town(t)
        for _ in range(per_town):
            kind = BUSINESS_KINDS[len(made) % len(BUSINESS_KINDS)]
            size = {
                "taxi_firm": (200, 900),
                "surgery": (1500, 6000),
                "takeaway": (300, 1200),
                "school": (300, 1000),
                "group_organiser": (15, 60),
                "bulk_sms": (800, 4000),
            }[kind]
            wanted = int(rng.integers(*size))
            if kind == "bulk_sms":
                customers = rng.choice(len(p), size=min(wanted, len(p)), replace=False)
            elif kind == "school":
                parents = residents[(p.age[residents] >= 30) & (p.age[residents] <= 55)]
                customers = rng.choice(parents, size=min(wanted, len(parents)), replace=False)
            else:
                customers = rng.choice(residents, size=min(wanted, len(residents)), replace=False)
            business = Business(kind, t, -1, np.sort(customers))
            if kind in ("taxi_firm", "takeaway"):
                business.number = phones.add_landline(place.dialling_code)
            if kind == "taxi_firm":
                drivers = recruiter.pick(t, int(rng.integers(3, 9)), ages=(25, 65), male=0.9)
                business.extra_numbers = phones.add_mobiles(drivers).tolist()
            elif kind == "takeaway":
                business.extra_numbers = phones.add_mobiles(np.array([-1])).tolist()
            elif kind == "group_organiser":
                organiser = recruiter.one(t, ages=(30, 70))
                business.number = int(personal_phone[organiser])  # their own mobile
            else:
                business.number = int(phones.add_mobiles(np.array([-1]))[0])
            made.append(business)
    return made


@dataclass
class BusinessActivity:
    """One business's traffic for any day."""

    business: Business
    personal_phone: np.ndarray
    home_cell: np.ndarray  # serving cell at each person's home
    calendar: Calendar

    def day(self, rng: np.random.Generator, day: int) -> Events:
        kinds = {
            "taxi_firm": self._taxi,
            "takeaway": self._takeaway,
            "surgery": self._surgery,
            "school": self._school,
            "group_organiser": self._organiser,
            "bulk_sms": self._marketing,
        }
        return kinds[self.business.kind](rng, day, self.calendar.weekday(day))

    @property
    def _phones(self) -> np.ndarray:
        return self.personal_phone[self.business.customers]

    def _takeaway(self, rng: np.random.Generator, day: int, weekday: int) -> Events:
        """Evening phone orders; a promotion to the whole list on Fridays."""
        b, phones = self.business, self._phones
        orders = rng.poisson(len(phones) * 0.03 * (1.6 if weekday >= 4 else 1.0))
        who = rng.integers(0, len(phones), orders)
        when = self.calendar.utc(day, self.calendar.sample_seconds(rng, orders, EVENING))
        calls = Events.make(when, phones[who], b.number, CALL, rng.integers(40, 150, orders))
        if weekday != 4:
            return calls
        return Events.join([calls, self._burst(rng, day, b.extra_numbers[0], phones, 17, 1.0)])

    def _surgery(self, rng: np.random.Generator, day: int, weekday: int) -> Events:
        """Weekday reminders to a different 2% of patients each morning; a few reply."""
        if weekday >= 5:
            return Events.empty()
        phones = self._phones
        size = min(len(phones), int(rng.poisson(len(phones) * 0.02)))
        chosen = rng.choice(phones, size=size, replace=False)
        reminders = self._burst(rng, day, self.business.number, chosen, 9, 1.0)
        return Events.join([reminders, self._replies(rng, reminders, 0.04, (300, 7200))])

    def _school(self, rng: np.random.Generator, day: int, weekday: int) -> Events:
        """Texts to every parent on about two school days a week."""
        if weekday >= 5 or rng.random() > 0.4:
            return Events.empty()
        hour = 8 if rng.random() < 0.5 else 15
        return self._burst(rng, day, self.business.number, self._phones, hour, 1.0)

    def _organiser(self, rng: np.random.Generator, day: int, weekday: int) -> Events:
        """An evening message to the group most days; a quarter of members answer."""
        if rng.random() > 0.6:
            return Events.empty()
        hour = int(rng.integers(18, 21))
        sent = self._burst(rng, day, self.business.number, self._phones, hour, 4.0)
        return Events.join([sent, self._replies(rng, sent, 0.25, (60, 3600))])

    def _marketing(self, rng: np.random.Generator, day: int, weekday: int) -> Events:
        """Bulk-SMS marketing to thousands, Tuesdays and Thursdays."""
        if weekday not in (1, 3):
            return Events.empty()
        return self._burst(rng, day, self.business.number, self._phones, 12, 0.5)

    def _burst(
        self,
        rng: np.random.Generator,
        day: int,
        sender: int,
        recipients: np.ndarray,
        hour: int,
        gap_s: float,
    ) -> Events:
        start = self.calendar.utc(day, np.array([hour * 3600 + int(rng.integers(0, 3600))]))[0]
        order = rng.permutation(len(recipients))
        sent = start + np.cumsum(rng.uniform(0.2, 2 * gap_s, len(recipients))).astype(np.int64)
        return Events.make(sent, sender, recipients[order], SMS)

    @staticmethod
    def _replies(
        rng: np.random.Generator, sent: Events, share: float, delay: tuple[int, int]
    ) -> Events:
        """Answers from a `share` of the recipients of `sent`, after their own message."""
        answered = rng.random(len(sent)) < share
        later = sent.time[answered] + rng.integers(*delay, int(answered.sum()))
        return Events.make(later, sent.b[answered], sent.a[answered], SMS)

    def _taxi(self, rng: np.random.Generator, day: int, weekday: int) -> Events:
        """Bookings by phone; a driver texts or calls the customer from outside their home."""
        b = self.business
        bookings = rng.poisson(len(b.customers) * 0.12 * (1.5 if weekday >= 4 else 1.0))
        who = b.customers[rng.integers(0, len(b.customers), bookings)]
        profile = EVENING + OFFICE * 0.6
        when = self.calendar.utc(day, self.calendar.sample_seconds(rng, bookings, profile))
        calls = Events.make(
            when, self.personal_phone[who], b.number, CALL, rng.integers(20, 90, bookings)
        )
        picked = np.flatnonzero(rng.random(bookings) < 0.7)
        drivers = np.asarray(b.extra_numbers, dtype=np.int32)
        driver = drivers[rng.integers(0, len(drivers), len(picked))]
        texting = rng.random(len(picked)) < 0.5
        outside = Events.make(
            when[picked] + rng.integers(300, 1200, len(picked)),
            driver,
            self.personal_phone[who[picked]],
            np.where(texting, SMS, CALL),
            np.where(texting, -1, rng.integers(5, 25, len(picked))),
            a_cell=self.home_cell[who[picked]],
        )
        return Events.join([calls, outside])
