"""The network's links from records rather than calls, each with where it came from:
residence (a person's recorded address), keeper (a vehicle's registered keeper), premises
(a home the analyses found a line likely or possibly using, with its score),
co-location (people stopped and searched together) and intelligence
(intelligence_links.py, with grading). Each record counts as one call or text in the
network's weights: records tie people together, calls weigh.

Also the label each person, address and vehicle is charted with."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine as Database
from sqlalchemy import select

from stronghold.analysis.premises_findings import LIKELY, POSSIBLE
from stronghold.distance import km_apart
from stronghold.network.intelligence_links import (
    VRM,
    Link,
    Report,
    grading,
    intelligence_links,
    line_names,
)
from stronghold.network.roles import COMMANDING, Roles
from stronghold.results_files import read_results_csv
from stronghold.store.models import Address, Intelligence, Person, StopSearch, Vehicle

__all__ = ["RecordLinks", "record_links"]

TOGETHER_S = 10 * 60  # stops of two people within ten minutes ...
TOGETHER_M = 200.0  # ... and 200 metres of each other


@dataclass
class RecordLinks:
    links: list[Link] = field(default_factory=list)
    nodes: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> kind, label


def record_links(
    database: Database,
    roles: Roles,
    results: Path,
    slept: Mapping[str, Mapping[str, object]] | None = None,
) -> RecordLinks:
    """Every record link in the workspace; the premises the analyses found become roles of
    their lines (so the network of the lines keeps them). `slept`: person -> the unlisted
    holder and controller numbers that sleep where they live (sleeping.py), read as theirs
    when a report's line name is resolved."""
    found = RecordLinks()
    with database.connect() as connection:
        for r in connection.execute(
            select(Person.person_id, Person.forename, Person.surname, Person.address_id)
        ):
            label = " ".join(filter(None, (r.forename, r.surname))) or r.person_id
            found.nodes[r.person_id] = ("person", label)
            if r.address_id:
                found.links.append(Link(r.person_id, r.address_id, "residence", "people.csv"))
        for a in connection.execute(select(Address.address_id, Address.line1, Address.postcode)):
            label = ", ".join(filter(None, (a.line1, a.postcode))) or a.address_id
            found.nodes[a.address_id] = ("address", label)
        for v in connection.execute(
            select(
                Vehicle.vrm, Vehicle.make, Vehicle.model, Vehicle.colour, Vehicle.keeper_person_id
            )
        ):
            described = " ".join(filter(None, (v.colour, v.make, v.model)))
            found.nodes[v.vrm] = ("vehicle", f"{v.vrm} ({described})" if described else v.vrm)
            if v.keeper_person_id:
                found.links.append(Link(v.keeper_person_id, v.vrm, "keeper", "vehicles.csv"))
        found.links += _stopped_together(
            [
                (r.person_id, r.searched_at, r.latitude, r.longitude)
                for r in connection.execute(
                    select(
                        StopSearch.person_id,
                        StopSearch.searched_at,
                        StopSearch.latitude,
                        StopSearch.longitude,
                    )
                )
                if r.person_id
                and r.searched_at
                and r.latitude is not None
                and r.longitude is not None
            ]
        )
        reports = [
            Report(
                r.ref,
                r.reported_at,
                r.text,
                grading(r.source_evaluation, r.intelligence_assessment, r.handling_code),
                r.address_id,
                list(r.subjects or []),
            )
            for r in connection.execute(
                select(
                    Intelligence.ref,
                    Intelligence.reported_at,
                    Intelligence.text,
                    Intelligence.source_evaluation,
                    Intelligence.intelligence_assessment,
                    Intelligence.handling_code,
                    Intelligence.address_id,
                    Intelligence.subjects,
                )
            )
        ]
    lines = roles.line_ids
    workers: dict[str, set[str]] = {}
    for entity, held in roles.roles.items():
        for role, line in held:
            if role in ("holder", "controller", "runner"):
                workers.setdefault(entity, set()).add(line)
    for person, numbers in (slept or {}).items():
        for number in numbers:
            for role, line in roles.roles.get(number, ()):
                if role in COMMANDING:
                    workers.setdefault(person, set()).add(line)
    names = line_names(reports, roles.line_numbers, workers)
    for link in intelligence_links(reports, roles.line_numbers, names):
        found.links.append(link)
        for line, other in ((link.a, link.b), (link.b, link.a)):
            if line in lines and VRM.fullmatch(other):  # a line's vehicle is charted
                roles.add(other, "vehicle", line)
    found.links += _premises(results / "addresses.csv", roles)
    for link in found.links:  # ends no record describes: vehicles and numbers named in text
        for end in (link.a, link.b):
            if end not in found.nodes and not end.startswith("+"):
                found.nodes[end] = ("line", end) if end in lines else ("vehicle", end)
    return found


def _premises(addresses: Path, roles: Roles) -> Iterator[Link]:
    """The homes the analyses judge a line likely or possibly to use (assessed so: the
    homes whose residents safeguarding refers); the rest stay in addresses.csv."""
    for row in read_results_csv(addresses):
        if row.get("assessment") not in (LIKELY, POSSIBLE):
            continue
        roles.add(row["address_id"], "premises", row["line_id"])
        yield Link(
            row["line_id"],
            row["address_id"],
            "premises",
            f"addresses.csv: used by {row['line_id']} (score {float(row['score']):.2f})",
        )


def _stopped_together(stops: list[tuple[str, datetime, float, float]]) -> Iterator[Link]:
    """People stopped within TOGETHER_S and TOGETHER_M of each other."""
    stops = sorted(stops, key=lambda s: s[1])
    for i, (person, at, lat, lon) in enumerate(stops):
        for other, then, lat2, lon2 in stops[i + 1 :]:
            if (then - at).total_seconds() > TOGETHER_S:
                break
            if other != person and km_apart(lat2, lon2, lat, lon) * 1000.0 <= TOGETHER_M:
                yield Link(
                    person,
                    other,
                    "co-location",
                    f"stop_search.csv: stopped together {at:%Y-%m-%d %H:%M}",
                    at,
                )
