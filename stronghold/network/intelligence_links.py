"""Links read from intelligence reports, each carrying the report's reference, date and
3x5x2 grading (source evaluation 1-3, intelligence assessment A-E, handling code P/C).

A report ties its subjects to each other and to its address, and to what its text names:
vehicle registrations, phone numbers (in full, or as "a number ending 1234" where one line's
numbers end so), and the line it is about. Reports name a line by the name customers know it
by ('Snow' line), not by Stronghold's line id; a name becomes a line where the reports that
give it also give a number of that line, or name as their subject someone the analyses found
holding, controlling or running it (most of them, where they differ: a stale number is still
the line's, a wrong one is outvoted). Stronghold reads only these shapes of text: an
analyst still reads every report, and a handling code C report's text is never copied into
the network, only its reference and grading.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import combinations

import phonenumbers

__all__ = ["VRM", "Link", "Report", "intelligence_links", "line_names"]

LINE_NAME = re.compile(r"line (?:known as|called) '([^']{2,40})'|'([^']{2,40})' line", re.I)
# Ofcom's drama numbers (07700 900xxx) are not "valid", only possible: written numbers are
# read as possible ones of ten digits or more.
POSSIBLE = phonenumbers.Leniency.POSSIBLE
ENDING = re.compile(r"number ending (?:in )?(\d{3,6})\b", re.I)
VRM = re.compile(r"\b([A-Z]{2}[0-9]{2}) ?([A-Z]{3})\b")  # current GB marks, 2001 on


@dataclass(frozen=True)
class Link:
    """One record's tie between two ends: numbers, person, address and line ids, VRMs."""

    a: str
    b: str
    kind: str  # residence, keeper, co-location, intelligence, premises
    provenance: str
    at: datetime | None = None
    grading: str = ""
    weight: float = 1.0  # one record counts as one call or text


@dataclass(frozen=True)
class Report:
    ref: str
    reported_at: datetime | None
    text: str
    grading: str
    address_id: str | None
    subjects: list[str]


def grading(source: str | None, assessment: str | None, handling: str | None) -> str:
    """'2B P': source evaluation, intelligence assessment, handling code (? where absent)."""
    return f"{source or '?'}{assessment or '?'} {handling or '?'}"


def line_names(
    reports: Iterable[Report],
    line_numbers: dict[str, str],
    workers: dict[str, set[str]] | None = None,
) -> dict[str, str]:
    """Line name as reports give it (lower case) -> line id, where reports that give the
    name also name a number of that line, or have as subject someone the analyses found
    working it (`workers`: person id -> lines held, controlled or run), by most of them.
    Two names are two lines: a name whose votes tie between lines all but one of which other
    names have taken is the one left (the holder of one line named behind another: both
    names' reports have him as subject)."""
    votes: dict[str, Counter[str]] = {}
    workers = workers or {}
    for report in reports:
        names = _names(report.text)
        if not names:
            continue
        lines = _lines_named(report.text, _numbers(report.text), line_numbers)
        lines |= {line for subject in report.subjects for line in workers.get(subject, ())}
        for name in names:
            for line in lines:
                votes.setdefault(name, Counter())[line] += 1
    resolved = {}
    for name, counts in votes.items():
        (line, top), total = counts.most_common(1)[0], sum(counts.values())
        if top * 2 > total:
            resolved[name] = line
    for name, counts in votes.items():
        tied = {line for line, n in counts.items() if n == max(counts.values())}
        left = tied - set(resolved.values())
        if name not in resolved and len(tied) > 1 and len(left) == 1:
            resolved[name] = left.pop()
    return resolved


def intelligence_links(
    reports: Iterable[Report], line_numbers: dict[str, str], names: dict[str, str]
) -> Iterator[Link]:
    """The links each report makes, with its reference and grading as provenance."""
    for report in reports:
        when = f" {report.reported_at:%Y-%m-%d}" if report.reported_at else ""
        said = f"intelligence {report.ref}{when}, graded {report.grading}"
        numbers = _numbers(report.text)  # the slowest reading: once a report
        lines = _lines_named(report.text, numbers, line_numbers) | {
            names[n] for n in _names(report.text) if n in names
        }
        things = sorted(lines) + _vrms(report.text) + numbers
        ends = list(report.subjects) + ([report.address_id] if report.address_id else [])
        pairs = list(combinations(ends, 2))
        pairs += [(e, t) for e in ends for t in things]
        if not ends:  # a report with no subject or address still ties what it names
            pairs += list(combinations(things, 2))
        for a, b in dict.fromkeys(pairs):
            if a != b:
                yield Link(a, b, "intelligence", said, report.reported_at, report.grading)


def _names(text: str) -> set[str]:
    return {(a or b).strip().lower() for a, b in LINE_NAME.findall(text)}


def _lines_named(text: str, numbers: list[str], line_numbers: dict[str, str]) -> set[str]:
    """Lines whose number the text gives in full (`numbers`), or by an ending only one
    line has."""
    found = {line_numbers[n] for n in numbers if n in line_numbers}
    for ending in ENDING.findall(text):
        lines = {line for number, line in line_numbers.items() if number.endswith(ending)}
        if len(lines) == 1:
            found |= lines
    return found


def _vrms(text: str) -> list[str]:
    return sorted({f"{a} {b}" for a, b in VRM.findall(text)})


def _numbers(text: str) -> list[str]:
    return sorted(
        {
            phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164)
            for m in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=POSSIBLE)
            if len(str(m.number.national_number)) >= 10  # not a date, a reference, an ending
        }
    )
