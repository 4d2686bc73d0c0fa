"""Intelligence reports about the lines, graded on the 3x5x2 system, some stale or wrong.

Each report states one fact about a line: its brand and town, a deal number, a runner, the
holder, a cuckooed address, a vehicle. Some are stale (true once, reported after it changed)
and some are wrong (the wrong town or an uninvolved address), and are graded lower more often,
as a source's reliability and the report's assessment rarely agree perfectly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from stronghold.synthetic.addresses import Addresses
from stronghold.synthetic.crime_groups import Line
from stronghold.synthetic.geography import Town
from stronghold.synthetic.line_plans import DAY, Cuckoo, line_start
from stronghold.synthetic.names import ALIASES
from stronghold.synthetic.people import Population
from stronghold.synthetic.police_records import PoliceRecords
from stronghold.synthetic.rhythms import Calendar

__all__ = ["IntelligenceWriter"]

RESTRICTED = "Not to be disseminated outside the force without the originator's authority"


@dataclass
class IntelligenceWriter:
    records: PoliceRecords
    calendar: Calendar
    towns: list[Town]
    population: Population
    addresses: Addresses
    person_ids: list[str]
    numbers: list[str]

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
        start, end = line_start(line, self.calendar), self.calendar.last_instant
        hub, county = self.towns[line.hub].name, self.towns[line.county].name
        count = 2 + int(rng.poisson((end - start) / DAY / 8))
        for _ in range(count):
            at = int(rng.integers(start, end))
            topic = int(rng.integers(0, 6))
            wrong = rng.random() < 0.1
            stale = rng.random() < 0.15
            area, address, subjects = county, None, []
            if topic == 0:
                if wrong:
                    area = self.towns[int(rng.integers(len(self.towns)))].name
                text = (
                    f"A line known as '{line.brand}' is supplying crack cocaine and heroin "
                    f"in {area}. It is believed to be run from {hub}."
                )
            elif topic == 1:
                index = int(np.searchsorted(line.number_from, at, "right")) - 1
                if stale and index > 0:
                    index -= 1
                number = self.numbers[line.numbers[index]]
                text = (
                    f"The '{line.brand}' line is currently using a number ending "
                    f"{number[-4:]}. Customers are texted when the line is open."
                )
            elif topic == 2 and cuckoos:
                current = [c for c in cuckoos if c.start <= at < c.end] or cuckoos[:1]
                chosen = cuckoos[max(0, cuckoos.index(current[0]) - 1)] if stale else current[0]
                address = chosen.address
                if wrong:
                    address = int(rng.integers(0, len(self.addresses)))
                subjects = [self.person_ids[chosen.resident]] if not wrong else []
                text = (
                    f"Youths from {hub} are staying at {self.addresses.line1[address]}, "
                    f"{self.addresses.postcode[address]} and dealing from the address. "
                    f"The occupant is vulnerable and may be under threat."
                )
            elif topic == 3 and line.runners:
                runner = line.runners[int(rng.integers(len(line.runners)))]
                alias = ALIASES[int(rng.integers(len(ALIASES)))]
                subjects = [self.person_ids[runner]]
                text = (
                    f"{self.name(runner)} (known as '{alias}') is running drugs for the "
                    f"'{line.brand}' line in {county}."
                )
            elif topic == 4:
                subjects = [self.person_ids[line.holder]]
                text = (
                    f"{self.name(line.holder)} is believed to hold the '{line.brand}' line "
                    f"phone and to direct the runners from {hub}."
                )
            elif vehicle is not None:
                text = (
                    f"Vehicle {vehicle} is used to take drugs and runners from {hub} to "
                    f"{county} for the '{line.brand}' line."
                )
            else:
                text = f"Drug dealing linked to the '{line.brand}' line continues in {county}."
            self._file(rng, at, text, area, wrong or stale, address, subjects)

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
            self._file(rng, at, text, area, True, address, [self.person_ids[person]])

    def _file(
        self,
        rng: np.random.Generator,
        at: int,
        text: str,
        area: str,
        doubtful: bool,
        address: int | None,
        subjects: list[str],
    ) -> None:
        grading = self.grading(rng, doubtful)
        self.records.report(
            at,
            text,
            grading,
            area,
            self.addresses.address_id[address] if address is not None else None,
            subjects,
            RESTRICTED if grading[2] == "C" else None,
        )
