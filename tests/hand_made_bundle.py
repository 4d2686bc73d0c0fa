"""A hand-made case bundle small enough to read: two county lines run by two crime groups,
and, unless switched off, the service traffic every real return holds.

Why by hand: the synthetic world is large and changes under its authors; a question such as
"does a shared access point tie two groups together?" needs a bundle whose every row is known.
Each line has a deal-line number that texts "line is open" to its 30 customers three times a
day for 14 days, customers who ring or text it to order, the order passed on to the runner on
shift (two runners, in three-day shifts, travelling from the hub to the county town), who rings
the customer back within a quarter of an hour; controllers who ring the runners every day and
a holder who rings the controllers. Line A (London to Banbury) has two controllers, line B
(Birmingham to Lincoln) one. Nothing ties the two groups together but the services.

The services (`services=True`): data sessions from every handset to the access point (`apn`:
a name, or an IPv4 address), voicemail retrievals from 121 and a long platform number, a
bank's one-way texts and a premium line rung by a few customers, a runner and a controller.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

__all__ = ["APN", "IP_APN", "Line", "Member", "build_bundle", "service_values"]

START = datetime(2026, 3, 2, tzinfo=UTC)  # a Monday, clear of the clock change
DAYS = 14
BROADCAST_HOURS = (9, 14, 19)
CUSTOMERS = 30
SHIFT_DAYS = 3
APN = "internet"
IP_APN = "203.0.113.5"  # RFC 5737's documentation range; the import reads it as +4420301135
VOICEMAIL = "121"
VOICEMAIL_LONG = "+447700900999"  # the platform's own number, in mobile format
BANK = "+447700900888"  # sends texts, never receives
PREMIUM = "+449098790123"


def service_values(apn: str = APN) -> dict[str, str]:
    """What each service is called in the tests' messages -> the value written in comms."""
    return {
        "access point": apn,
        "voicemail (short code)": VOICEMAIL,
        "voicemail (long number)": VOICEMAIL_LONG,
        "bank text service": BANK,
        "premium number": PREMIUM,
    }


@dataclass(frozen=True)
class Town:
    code: str
    name: str
    latitude: float
    longitude: float

    def cell(self, k: int) -> str:
        """One of the town's three cells (masts about a kilometre apart)."""
        return f"{self.code}-{k % 3 + 1}"


@dataclass(frozen=True)
class Member:
    person_id: str
    forename: str
    surname: str
    number: str
    role: str  # holder, controller, runner
    family: str  # a relative's number: ordinary contact, under every threshold


@dataclass(frozen=True)
class Line:
    name: str
    hub: Town
    county: Town
    number: str
    holder: Member
    controllers: tuple[Member, ...]
    runners: tuple[Member, ...]
    customers: tuple[str, ...]
    minute: int  # the line's clock offset, so the two lines' rows do not coincide

    @property
    def road(self) -> str:
        """The cell halfway along the road from the hub to the county town."""
        return f"{self.name}-ROAD"

    @property
    def members(self) -> tuple[Member, ...]:
        return (self.holder, *self.controllers, *self.runners)

    @property
    def phones(self) -> tuple[str, ...]:
        """Every handset of the line's world: the line, customers, members, families."""
        people = [m.number for m in self.members] + [m.family for m in self.members]
        return (self.number, *self.customers, *people)

    def on_shift(self, day: int) -> Member:
        return self.runners[(day // SHIFT_DAYS) % 2]

    def cell_of(self, number: str, day: int) -> str:
        """Where a phone of this line is on `day`: customers in the county town, the runner
        on shift there too; in the hub the line phone beside its holder (cell 1), the
        controllers (cell 3) and everyone else (cell 2)."""
        if number in self.customers:
            return self.county.cell(self.customers.index(number))
        if number == self.on_shift(day).number:
            return self.county.cell(day)
        if number in (self.number, self.holder.number):
            return self.hub.cell(0)
        return self.hub.cell(2 if number in (c.number for c in self.controllers) else 1)


LONDON = Town("LON", "London", 51.5074, -0.1278)
BANBURY = Town("BAN", "Banbury", 52.0629, -1.3398)
BIRMINGHAM = Town("BHM", "Birmingham", 52.4862, -1.8904)
LINCOLN = Town("LIN", "Lincoln", 53.2307, -0.5406)


def _member(line: str, role: str, k: int, forename: str, number: int) -> Member:
    """A person of `line` (ids such as A-RUNNER2), their phone and a relative's."""
    person, surname = f"{line}-{role.upper()}{k}", f"{role.title()}{line}{k}"
    return Member(
        person, forename, surname, f"+44770040{number:04d}", role, f"+44770050{number:04d}"
    )


def _line(name: str, hub: Town, county: Town, base: int, controllers: int, minute: int) -> Line:
    """Numbers from Ofcom's unallocated 07700 4xxxxx (people) and 5xxxxx (their families)."""
    bosses = tuple(
        _member(name, "controller", k, "Carl", base + 1 + k) for k in range(1, controllers + 1)
    )
    runners = tuple(_member(name, "runner", k, "Ryan", base + 5 + k) for k in (1, 2))
    customers = tuple(f"+44770041{base + 10 + i:04d}" for i in range(CUSTOMERS))
    holder = _member(name, "holder", 1, "Dean", base + 1)
    return Line(
        name, hub, county, f"+44770040{base:04d}", holder, bosses, runners, customers, minute
    )


LINES = (_line("A", LONDON, BANBURY, 100, 2, 0), _line("B", BIRMINGHAM, LINCOLN, 300, 1, 7))

Event = Callable[..., None]
Table = tuple[str, Sequence[tuple[object, ...]]]  # a header and the rows of a CSV file


def build_bundle(folder: Path, services: bool = True, apn: str = APN) -> tuple[Line, ...]:
    """Write comms.csv, cells.csv, people.csv and addresses.csv into `folder`; the lines.
    `services=False` leaves out the service traffic (the baseline the analyses must get
    right first); `apn` is what the data sessions name as their access point."""
    folder.mkdir(parents=True, exist_ok=True)
    events: list[tuple[datetime, str, str, str, str, str]] = []

    def event(at: datetime, a: str, b: str, kind: str, a_cell: str, b_cell: str = "") -> None:
        events.append((at, a, b, kind, a_cell, b_cell))

    for line in LINES:
        _line_traffic(line, event)
    if services:
        _service_traffic(apn, event)
    seconds = {"call": 45, "voicemail": 60, "data": 900}
    rows = [
        (f"{at:%Y-%m-%dT%H:%M:%SZ}", a, b, kind, seconds.get(kind, 0), a_cell, b_cell, f"R{n:06d}")
        for n, (at, a, b, kind, a_cell, b_cell) in enumerate(sorted(events), 1)
    ]
    header = "start_time,a_number,b_number,kind,duration_s,a_cell,b_cell,record_id"
    _write(folder / "comms.csv", (header, rows))
    _write(folder / "cells.csv", _cells())
    _write(folder / "people.csv", _people())
    _write(folder / "addresses.csv", _addresses())
    return LINES


@dataclass(frozen=True)
class _Day:
    """One day of one line: events at a time of day, each end on the cell it is on."""

    line: Line
    day: int
    event: Event

    def at(self, hour: int, minute: int = 0, second: int = 0) -> datetime:
        return _at(self.day, hour, minute + self.line.minute, second)

    def here(self, number: str) -> str:
        return self.line.cell_of(number, self.day)

    def contact(
        self, hour: int, minute: int, a: str, b: str, kind: str = "call", s: int = 0
    ) -> None:
        self.event(self.at(hour, minute, s), a, b, kind, self.here(a), self.here(b))


def _line_traffic(line: Line, event: Event) -> None:
    """Broadcasts, orders passed on and called back, runners' journeys, command, family."""
    for day in range(DAYS):
        today = _Day(line, day, event)
        runner, boss = line.on_shift(day).number, line.controllers[0].number
        for hour in BROADCAST_HOURS:  # "line is open", to all 30 within two minutes
            for i, customer in enumerate(line.customers):
                today.contact(hour, 0, line.number, customer, "sms", s=4 * i)
        ordering = [c for i, c in enumerate(line.customers) if (i + day) % 3 == 0]
        for j, customer in enumerate(ordering):  # the order, passed on, called back
            today.contact(10, 50 * j, customer, line.number, "call" if j % 2 else "sms")
            today.contact(10, 50 * j + 3, line.number, runner, "sms")
            today.contact(10, 50 * j + 15, runner, customer)
        if day % SHIFT_DAYS == 0:  # on the way in: the hub, the road, the county town
            event(today.at(7, 30), runner, boss, "call", line.hub.cell(1), today.here(boss))
            event(today.at(8, 30), runner, boss, "sms", line.road, today.here(boss))
        today.contact(9, 40, runner, boss, "sms")
        if day % SHIFT_DAYS == SHIFT_DAYS - 1 or day == DAYS - 1:  # home again
            event(today.at(23, 30), runner, boss, "call", line.hub.cell(1), today.here(boss))
        off = next(r.number for r in line.runners if r.number != runner)
        for k, controller in enumerate(line.controllers):
            c = controller.number
            for hour in (11, 16, 20):  # the runner on shift, three times a day
                today.contact(hour, 20 + 2 * k, c, runner)
            today.contact(12, 2 * k, c, off)  # and the one at home
            today.contact(8, 5 * k, line.holder.number, c)  # the holder's orders
            today.contact(21, 5 * k, c, line.holder.number, "sms")  # the takings
        for k, member in enumerate(line.members):  # family: a few calls, nothing more
            if (day + k) % 4 == 0:
                today.contact(18, 3 * k, member.number, member.family)


def _service_traffic(apn: str, event: Event) -> None:
    """What every handset does: data, voicemail, the bank's texts; a premium line for some."""
    phones = [(line, number) for line in LINES for number in line.phones]
    gamblers = {LINES[0].runners[1].number, LINES[1].controllers[0].number}
    for day in range(DAYS):
        batch = 0
        for k, (line, number) in enumerate(phones):
            cell = line.cell_of(number, day)
            for hour in (7, 12, 17, 22):
                event(_at(day, hour, k % 50), number, apn, "data", cell)
            event(_at(day, 8, k % 55), number, VOICEMAIL, "voicemail", cell)
            event(_at(day, 19, k % 55), number, VOICEMAIL_LONG, "voicemail", cell)
            if (k + day) % 2 == 0:  # the nightly statement batch: a burst with no callers
                event(_at(day, 5, 0, 30 + 8 * batch), BANK, number, "sms", "", cell)
                batch += 1
            if (k + day) % 7 == 0:  # a passcode, any time of the day
                event(_at(day, 9 + k % 12, (7 * k) % 60), BANK, number, "sms", "", cell)
            if (number in line.customers[::5] or number in gamblers) and (k + day) % 3 == 0:
                event(_at(day, 21, k % 40), number, PREMIUM, "call", cell)


def _at(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return START + timedelta(days=day, hours=hour, minutes=minute, seconds=second)


def _cells() -> Table:
    """Three cells a town, a kilometre or so apart, and one halfway along each line's road."""
    towns = [
        (town.cell(k), town.latitude + 0.008 * (k - 1), town.longitude + 0.012 * (k - 1), 1500)
        for town in (LONDON, BANBURY, BIRMINGHAM, LINCOLN)
        for k in range(3)
    ]
    roads = [
        (line.road, (line.hub.latitude + line.county.latitude) / 2,
         (line.hub.longitude + line.county.longitude) / 2, 5000)
        for line in LINES
    ]  # fmt: skip
    rows = [
        (cell, round(lat, 5), round(lon, 5), radius) for cell, lat, lon, radius in towns + roads
    ]
    return "cell_id,latitude,longitude,radius_m", rows


def _people() -> Table:
    """The nominals, each number written as an officer types it (07700 400101); a home in
    the hub for each. A-RUNNER2 is a child."""
    rows = []
    for line in LINES:
        for m in line.members:
            national = f"0{m.number[3:7]} {m.number[7:]}"
            child = m.person_id == "A-RUNNER2"
            born, flags = ("2009-05-01", "child") if child else ("1994-01-01", "known_offender")
            rows.append((m.person_id, m.forename, m.surname, born, f"ADDR-{m.person_id}",
                         national, flags))  # fmt: skip
    return "person_id,forename,surname,date_of_birth,address_id,phone_numbers,flags", rows


def _addresses() -> Table:
    rows = [
        (f"ADDR-{m.person_id}", f"{10 + k} Hand Made Road", line.hub.name,
         round(line.hub.latitude + 0.004 * k, 5), round(line.hub.longitude - 0.004 * k, 5))
        for line in LINES
        for k, m in enumerate(line.members)
    ]  # fmt: skip
    return "address_id,line1,town,latitude,longitude", rows


def _write(path: Path, table: Table) -> None:
    header, rows = table
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header.split(","))
        writer.writerows(rows)
