"""Intelligence reports about the lines, graded on the 3x5x2 system, some stale or wrong.

Each report states one fact about a line: its brand and town, a deal number, a runner, the
holder, the leader above a holder who is not one (in worlds drawn so), a cuckooed address, a
vehicle. Some are stale (true once, reported after it changed)
and some are wrong (the wrong town or an uninvolved address), and are graded lower more often,
as a source's reliability and the report's assessment rarely agree perfectly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from stronghold.synthetic.addresses import Addresses
from stronghold.synthetic.crime_groups import Line
from stronghold.synthetic.geography import Town
from stronghold.synthetic.line_plans import DAY, Cuckoo, line_start
from stronghold.synthetic.people import Population
from stronghold.synthetic.police_records import PoliceRecords
from stronghold.synthetic.rhythms import Calendar

__all__ = ["IntelligenceWriter"]

RESTRICTED = "Not to be disseminated outside the force without the originator's authority"


@dataclass(frozen=True)
class Report:
    """What one report says; `doubtful` (stale or wrong) reports are graded lower more often."""

    text: str
    area: str
    doubtful: bool
    address: int | None = None
    subjects: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Subject:
    line: Line
    cuckoos: list[Cuckoo]
    vehicle: str | None
    hub: str
    county: str


Topic = Callable[[np.random.Generator, _Subject, int], Report]


@dataclass
class IntelligenceWriter:
    records: PoliceRecords
    calendar: Calendar
    towns: list[Town]
    population: Population
    addresses: Addresses
    person_ids: list[str]
    numbers: list[str]
    aliases: dict[int, str]  # street names of people the police know by one

    def grading(self, rng: np.random.Generator, doubtful: bool) -> tuple[str, str, str]:
        source = rng.choice(["1", "2", "3"], p=[0.1, 0.5, 0.4] if doubtful else [0.25, 0.6, 0.15])
        assessment = rng.choice(
            list("ABCDE"),
            p=[0.05, 0.15, 0.35, 0.3, 0.15] if doubtful else [0.2, 0.4, 0.3, 0.08, 0.02],
        )
        return str(source), str(assessment), "C" if rng.random() < 0.1 else "P"

    def name(self, person: int) -> str:
        return f"{self.population.forename[person]} {self.population.surname[person]}"

    def about_line(
        self, rng: np.random.Generator, line: Line, cuckoos: list[Cuckoo], vehicle: str | None
    ) -> None:
        """Two reports, plus one for every eight days the line is active, on facts about it."""
        start, end = line_start(line, self.calendar), self.calendar.last_instant
        about = _Subject(
            line, cuckoos, vehicle, self.towns[line.hub].name, self.towns[line.county].name
        )
        topics: list[Topic] = [self._brand, self._number, self._holder]
        topics += [self._boss] if line.command.boss >= 0 else []
        topics += [self._premises] if cuckoos else []
        topics += [self._runner] if line.runners else []
        topics += [self._vehicle] if vehicle else []
        for _ in range(2 + int(rng.poisson((end - start) / DAY / 8))):
            at = int(rng.integers(start, end))
            report = topics[int(rng.integers(len(topics)))](rng, about, at)
            self._file(rng, at, report)

    def _brand(self, rng: np.random.Generator, about: _Subject, at: int) -> Report:
        wrong = rng.random() < 0.1  # the brand placed in the wrong town
        area = self.towns[int(rng.integers(len(self.towns)))].name if wrong else about.county
        return Report(
            f"A line known as '{about.line.brand}' is supplying crack cocaine and "
            f"heroin in {area}. It is believed to be run from {about.hub}.",
            area,
            wrong,
        )

    def _number(self, rng: np.random.Generator, about: _Subject, at: int) -> Report:
        line = about.line
        index = int(np.searchsorted(line.number_from, at, "right")) - 1
        stale = index > 0 and rng.random() < 0.3  # the number before the last change
        number = self.numbers[line.numbers[index - 1 if stale else index]]
        return Report(
            f"The '{line.brand}' line is currently using a number ending "
            f"{number[-4:]}. Customers are texted when the line is open.",
            about.county,
            stale,
        )

    def _holder(self, rng: np.random.Generator, about: _Subject, at: int) -> Report:
        holder = about.line.holder
        return Report(
            f"{self.name(holder)} is believed to hold the '{about.line.brand}' line "
            f"phone and to direct the runners from {about.hub}.",
            about.county,
            False,
            subjects=[self.person_ids[holder]],
        )

    def _boss(self, rng: np.random.Generator, about: _Subject, at: int) -> Report:
        """Who stands above the holder, where a leader does (only in worlds drawn so): the
        fact an informant is likeliest to know and least able to prove, graded so."""
        boss = about.line.command.boss
        return Report(
            f"{self.name(boss)} is believed to be behind the '{about.line.brand}' line: its "
            f"holder takes orders from them in {about.hub}.",
            about.county,
            True,
            subjects=[self.person_ids[boss]],
        )

    def _premises(self, rng: np.random.Generator, about: _Subject, at: int) -> Report:
        cuckoos = about.cuckoos
        current = next((c for c in cuckoos if c.start <= at < c.end), cuckoos[0])
        position = cuckoos.index(current)
        stale = position > 0 and rng.random() < 0.3  # the home the line used before
        chosen = cuckoos[position - 1] if stale else current
        wrong = rng.random() < 0.1  # an uninvolved address
        address = int(rng.integers(0, len(self.addresses))) if wrong else chosen.address
        return Report(
            f"Youths from {about.hub} are staying at {self.addresses.line1[address]}, "
            f"{self.addresses.postcode[address]} and dealing from the address. The "
            f"occupant is vulnerable and may be under threat.",
            about.county,
            wrong or stale,
            address,
            [] if wrong else [self.person_ids[chosen.resident]],
        )

    def _runner(self, rng: np.random.Generator, about: _Subject, at: int) -> Report:
        runner = about.line.runners[int(rng.integers(len(about.line.runners)))]
        alias = self.aliases.get(runner)
        known_as = f" (known as '{alias}')" if alias else ""
        return Report(
            f"{self.name(runner)}{known_as} is running drugs for the "
            f"'{about.line.brand}' line in {about.county}.",
            about.county,
            False,
            subjects=[self.person_ids[runner]],
        )

    def _vehicle(self, rng: np.random.Generator, about: _Subject, at: int) -> Report:
        return Report(
            f"Vehicle {about.vehicle} is used to take drugs and runners from "
            f"{about.hub} to {about.county} for the '{about.line.brand}' line.",
            about.county,
            False,
        )

    def background(self, rng: np.random.Generator, count: int) -> None:
        """Reports unconnected with any line: ordinary drug use, disorder, rumour."""
        p = self.population
        for _ in range(count):
            person = int(rng.integers(0, len(p)))
            address = int(p.address[person])
            area = self.towns[int(p.town[person])].name
            at = int(rng.integers(self.calendar.first_instant, self.calendar.last_instant))
            text = str(
                rng.choice(
                    [
                        f"{self.name(person)} is believed to be using cannabis at home.",
                        f"Males have been seen drinking and fighting near "
                        f"{self.addresses.line1[address]}.",
                        f"{self.name(person)} may be storing stolen goods at their address.",
                        f"Cannabis is being grown at {self.addresses.line1[address]}, "
                        f"{self.addresses.postcode[address]}.",
                    ]
                )
            )
            self._file(rng, at, Report(text, area, True, address, [self.person_ids[person]]))

    def _file(self, rng: np.random.Generator, at: int, report: Report) -> None:
        grading = self.grading(rng, report.doubtful)
        address = report.address
        self.records.report(
            at,
            report.text,
            grading,
            report.area,
            self.addresses.address_id[address] if address is not None else None,
            report.subjects,
            RESTRICTED if grading[2] == "C" else None,
        )
