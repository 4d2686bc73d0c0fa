"""Safeguarding: everyone the lines put at risk, with the reason, the partner to refer to and
the urgency. One person can be both a suspect and a victim; the record says so.

- children among a line's customers (on record with a number that contacted the line, and
  under 18 when it first did): children's social care through the MASH;
- the users of runner phones: runners are mostly children or vulnerable adults moved out of
  their home area; a child, or an adult with vulnerability flags, is referred to the MASH or
  adult social care and to the National Referral Mechanism (criminal exploitation); an adult
  recruited locally (no journey into the county seen on any of their runner phones) is
  listed for assessment (local recruits are often customers working off a debt); an adult
  with no vulnerability on record who travels in from away is a suspect (runners.csv), not
  listed; a runner phone no record names is listed by number, for its user to be identified
  (it cannot be aged: travelling runners are mostly children);
- residents of the homes a line uses (premises assessed "likely cuckooed"; and, to assess,
  those "possibly cuckooed": signs at the address near the line's phones, premises_findings),
  and the other adults on record there with a vulnerability flag: adult social care
  (cuckooing);
- children who went missing and were found out of their home town, near a home a line uses,
  while it was active: the MASH and the NRM.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from stronghold.analysis.premises_findings import LIKELY, POSSIBLE
from stronghold.distance import km_apart

__all__ = ["SAFEGUARDING_COLUMNS", "SafeguardingInputs", "safeguarding_rows"]

SAFEGUARDING_COLUMNS = (
    "person_id",
    "number",
    "reason",
    "score",
    "partner",
    "urgency",
    "line_id",
    "evidence",
)
MASH = "children's social care (MASH)"
ADULTS = "adult social care"
NRM = "National Referral Mechanism"
VULNERABLE = ("drug_dependency", "mental_health", "learning_disability")
URGENCY = ["immediate", "high", "medium"]  # most urgent first
NEAR_KM = 0.5  # a missing child found this close to a line's premises


@dataclass
class SafeguardingInputs:
    as_of: date  # the end of the data: ages now
    people: dict[str, dict[str, Any]]  # person_id -> date_of_birth, flags, address_id, town
    customers: list[dict[str, Any]]  # line_id, person_id, number, orders, first_contact
    runners: list[dict[str, Any]]  # runners.csv rows (person_id ';'-joined or empty)
    premises: list[dict[str, Any]]  # addresses.csv rows
    missing: list[dict[str, Any]]  # person_id, missing_from, returned_at, found_location
    line_periods: dict[str, tuple[datetime, datetime]]


def safeguarding_rows(i: SafeguardingInputs) -> list[dict[str, Any]]:
    rows: dict[tuple[str, str], dict[str, Any]] = {}

    def add(person: str, number: str, row: dict[str, Any]) -> None:
        key = (person, "" if person else number)
        if key in rows:  # one row per person: reasons joined, the strongest kept
            kept = rows[key]
            kept["reason"] += f"; {row['reason']}"
            kept["evidence"] += f" | {row['evidence']}"
            kept["score"] = max(kept["score"], row["score"])
            kept["urgency"] = min(kept["urgency"], row["urgency"], key=URGENCY.index)
            for partner in row["partner"].split("; "):
                if partner not in kept["partner"]:
                    kept["partner"] += f"; {partner}"
            return
        rows[key] = {"person_id": person, "number": number, **row}

    for c in i.customers:  # a child when first in contact with the line
        age = _age(i.people.get(c["person_id"]), c["first_contact"].date())
        if age is not None and age < 18:
            add(
                c["person_id"],
                c["number"],
                _row(
                    "child buying drugs from a line",
                    0.9,
                    MASH,
                    "high",
                    c["line_id"],
                    f"aged {age} when first in contact with line {c['line_id']} on "
                    f"{c['first_contact']:%Y-%m-%d}"
                    f"{_now(i.people.get(c['person_id']), i.as_of, age)}; their number "
                    f"{c['number']} contacted it {c['orders']} time(s)",
                ),
            )
    travelled = {  # people seen coming into the county on any of their runner phones
        p for r in i.runners if int(r.get("trips") or 0) for p in r["person_id"].split(";") if p
    }
    for r in i.runners:
        people = [p for p in r["person_id"].split(";") if p]
        if not people:
            add(
                "",
                r["number"],
                _row(
                    "unidentified runner for a line: likely criminal exploitation",
                    float(r["score"]),
                    f"{MASH}; {NRM}",
                    "high",
                    r["line_id"],
                    f"no record names the user of runner phone {r['number']}: identify them "
                    f"(until then they cannot be aged, and runners are most often children or "
                    f"vulnerable adults); {r['evidence']}",
                ),
            )
        began = i.line_periods[r["line_id"]][0].date()  # a child while the line ran
        for person in people:
            record = i.people.get(person)
            age = _age(record, began)
            flags = [f for f in (record or {}).get("flags", "").split(";") if f in VULNERABLE]
            child = age is not None and age < 18
            if age is not None and not child and not flags and person in travelled:
                continue  # an adult who travels in to deal: a suspect, not listed
            aged = "age unknown" if age is None else f"aged {age} when the line began"
            add(
                person,
                r["number"],
                _row(
                    "child criminal exploitation: runs for a line"
                    if child
                    else "adult criminal exploitation: a vulnerable adult runs for a line"
                    if flags
                    else "an adult runs for a line: assess for exploitation"
                    if age is None
                    else "a local adult runs for a line: assess for exploitation",
                    float(r["score"]) if child or flags else 0.5,
                    f"{MASH if child else ADULTS}; {NRM}" if child or flags else NRM,
                    "immediate" if child else "high" if flags else "medium",
                    r["line_id"],
                    f"{aged}{_now(record, i.as_of, age)}"
                    f"{'; flagged ' + ', '.join(flags) if flags else ''}; also a suspect "
                    f"(runs for the line): {r['evidence']}",
                ),
            )
    living: dict[str, list[str]] = {}
    for person, record in sorted(i.people.items()):
        if record.get("address_id"):
            living.setdefault(record["address_id"], []).append(person)
    for p, rank in _ranked(i.premises):
        likely = p["assessment"] == LIKELY
        if not p["resident_person_id"] or not (likely or p["assessment"] == POSSIBLE):
            continue
        for person, who in _household(i, p, living):
            add(
                person,
                "",
                _row(
                    "cuckooing: home used by a line"
                    if likely
                    else "possible cuckooing: signs of use at a home near the line's phones, "
                    "to assess",
                    float(p["score"]),
                    ADULTS,
                    "high" if likely else "medium",
                    p["line_id"],
                    f"{who} {p['address_id']}, the line's premises no. {rank}: {p['evidence']}",
                ),
            )
    homes = [p for p in i.premises if p["assessment"] == LIKELY]
    for m in i.missing:
        record = i.people.get(m["person_id"])
        age = _age(record, m["missing_from"].date())
        found = m["found_location"]
        if age is None or age >= 18 or not found or found == (record or {}).get("town"):
            continue
        for p in homes:
            first, last = i.line_periods[p["line_id"]]
            line_id = p["line_id"]
            km = _km(m["found_latitude"], m["found_longitude"], p["latitude"], p["longitude"])
            if km <= NEAR_KM and m["missing_from"] <= last and m["returned_at"] >= first:
                add(
                    m["person_id"],
                    "",
                    _row(
                        "missing child found where a line deals",
                        0.8,
                        f"{MASH}; {NRM}",
                        "immediate",
                        line_id,
                        f"aged {age}, from {(record or {}).get('town') or 'an unknown town'}; "
                        f"missing from {m['missing_from']:%Y-%m-%d %H:%M} and found in {found} "
                        f"on {m['returned_at']:%Y-%m-%d}, {km:.1f} km from {p['address_id']}, "
                        f"a premises line {line_id} uses",
                    ),
                )
    return sorted(
        rows.values(),
        key=lambda r: (URGENCY.index(r["urgency"]), -r["score"], r["person_id"], r["number"]),
    )


def _household(
    i: SafeguardingInputs, p: dict[str, Any], living: dict[str, list[str]]
) -> list[tuple[str, str]]:
    """The premises' resident, then the other adults on record there with a vulnerability
    flag (`living`: address_id -> person_ids): a line that takes a home over has a hold on
    every vulnerable adult in it."""
    found = [(p["resident_person_id"], "resident of")]
    for person in living.get(p["address_id"], []):
        record = i.people[person]
        age = _age(record, i.as_of)
        flags = [f for f in record.get("flags", "").split(";") if f in VULNERABLE]
        if person != p["resident_person_id"] and flags and (age is None or age >= 18):
            found.append((person, f"flagged {', '.join(flags)}, also lives at"))
    return found


def _ranked(premises: list[dict[str, Any]]) -> list[tuple[dict[str, Any], int]]:
    """Each premises with its rank among its line's, best first."""
    ranked: list[tuple[dict[str, Any], int]] = []
    for line_id in sorted({p["line_id"] for p in premises}):
        mine = sorted(
            (p for p in premises if p["line_id"] == line_id),
            key=lambda p: (-float(p["score"]), p["address_id"]),
        )
        ranked += [(p, rank) for rank, p in enumerate(mine, 1)]
    return ranked


def _row(
    reason: str, score: float, partner: str, urgency: str, line_id: str, evidence: str
) -> dict[str, Any]:
    return {
        "reason": reason,
        "score": round(score, 3),
        "partner": partner,
        "urgency": urgency,
        "line_id": line_id,
        "evidence": evidence,
    }


def _km(lat1: float | None, lon1: float | None, lat2: float, lon2: float) -> float:
    if lat1 is None or lon1 is None:
        return float("inf")
    return km_apart(lat1, lon1, lat2, lon2)


def _now(record: dict[str, Any] | None, as_of: date, then: int | None) -> str:
    """`; N now` when the person has had a birthday since."""
    age = _age(record, as_of)
    return f" ({age} now)" if age is not None and age != then else ""


def _age(record: dict[str, Any] | None, as_of: date) -> int | None:
    born = (record or {}).get("date_of_birth")
    if born is None:
        return None
    return as_of.year - born.year - ((as_of.month, as_of.day) < (born.month, born.day))
