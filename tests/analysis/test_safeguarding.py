"""Safeguarding: who needs a response, why, to which partner and how urgently."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from stronghold.analysis.safeguarding import SafeguardingInputs, safeguarding_rows
from stronghold.evaluation.scores import evaluate
from stronghold.workspace import Workspace

T0 = datetime(2026, 3, 1, tzinfo=UTC)
T1 = datetime(2026, 4, 15, tzinfo=UTC)


def runner(number: str, person: str = "", trips: int = 0) -> dict[str, str]:
    return {
        "number": number,
        "person_id": person,
        "line_id": "SL001",
        "score": "0.9",
        "trips": str(trips),
        "evidence": "called back 40 customers",
    }


def test_one_person_can_be_suspect_and_victim_and_each_gets_a_partner() -> None:
    people = {
        "CHILD": {"date_of_birth": date(2011, 5, 1), "flags": "", "town": "Lambeth"},
        "ADULT": {"date_of_birth": date(1990, 1, 1), "flags": "mental_health", "town": "Oxford"},
        "TENANT": {"date_of_birth": date(1970, 1, 1), "flags": "drug_dependency", "town": "Oxford"},
        "PARTNER": {"date_of_birth": date(1972, 1, 1), "flags": "mental_health", "town": "Oxford"},
        "LODGER": {"date_of_birth": date(1980, 1, 1), "flags": "", "town": "Oxford"},
    }
    for person in ("TENANT", "PARTNER", "LODGER"):
        people[person]["address_id"] = "A1"
    found = safeguarding_rows(
        SafeguardingInputs(
            as_of=date(2026, 4, 15),
            people=people,
            customers=[],
            runners=[
                runner("+447700900001", "CHILD"),
                runner("+447700900002", "ADULT"),
                runner("+447700900003"),
            ],
            premises=[
                {
                    "address_id": "A1",
                    "line_id": "SL001",
                    "score": "0.9",
                    "assessment": "likely cuckooed",
                    "resident_person_id": "TENANT",
                    "evidence": "5 incidents",
                    "latitude": 51.75,
                    "longitude": -1.25,
                }
            ],
            missing=[
                {
                    "person_id": "CHILD",
                    "missing_from": T0,
                    "returned_at": T1,
                    "found_location": "Oxford",
                    "found_latitude": 51.751,
                    "found_longitude": -1.251,
                }
            ],
            line_periods={"SL001": (T0, T1)},
        )
    )
    by = {(r["person_id"], r["number"]): r for r in found}
    child = by[("CHILD", "+447700900001")]
    assert child["urgency"] == "immediate" and "National Referral Mechanism" in child["partner"]
    assert "also a suspect" in child["evidence"] and "found in Oxford" in child["evidence"]
    assert by[("ADULT", "+447700900002")]["partner"].startswith("adult social care")
    assert by[("", "+447700900003")]["reason"].startswith("unidentified runner")
    assert by[("TENANT", "")]["reason"] == "cuckooing: home used by a line"
    # the home's other vulnerable adult too; not an adult with no flag
    assert "flagged mental_health, also lives at A1" in by[("PARTNER", "")]["evidence"]
    assert ("LODGER", "") not in by
    assert found[0]["person_id"] == "CHILD"  # the most urgent first


def test_an_adult_who_travels_in_is_a_suspect_and_a_local_adult_is_assessed() -> None:
    people = {
        "VISITOR": {"date_of_birth": date(1998, 1, 1), "flags": "", "town": "Lambeth"},
        "LOCAL": {"date_of_birth": date(1985, 1, 1), "flags": "", "town": "Oxford"},
        "CHILD": {"date_of_birth": date(2010, 1, 1), "flags": "", "town": "Lambeth"},
    }
    found = safeguarding_rows(
        SafeguardingInputs(
            as_of=date(2026, 4, 15),
            people=people,
            customers=[],
            runners=[
                runner("+447700900021", "VISITOR", trips=3),
                runner("+447700900022", "VISITOR"),  # a second phone, off on the way
                runner("+447700900023", "LOCAL"),
                runner("+447700900024", "CHILD", trips=2),
                runner("+447700900025", trips=4),  # unnamed: cannot be aged
            ],
            premises=[],
            missing=[],
            line_periods={"SL001": (T0, T1)},
        )
    )
    by = {r["person_id"] or r["number"]: r for r in found}
    assert "VISITOR" not in by  # travels in, an adult, no vulnerability on record
    assert by["LOCAL"]["reason"].startswith("a local adult runs for a line")
    assert by["CHILD"]["urgency"] == "immediate"
    assert by["+447700900025"]["reason"].startswith("unidentified runner")


def test_a_child_when_first_in_contact_and_a_line_s_second_home_are_referred() -> None:
    people = {
        "TURNED18": {"date_of_birth": date(2008, 3, 20), "flags": "", "town": "Oxford"},
        "ADULT": {"date_of_birth": date(2000, 1, 1), "flags": "", "town": "Oxford"},
        "TENANT1": {"date_of_birth": date(1970, 1, 1), "flags": "", "town": "Oxford"},
        "TENANT2": {"date_of_birth": date(1960, 1, 1), "flags": "", "town": "Oxford"},
        "TENANT3": {"date_of_birth": date(1950, 1, 1), "flags": "", "town": "Oxford"},
    }

    def customer(person: str, number: str) -> dict[str, object]:
        return {"line_id": "SL001", "person_id": person, "number": number, "orders": 3}

    def home(address: str, score: str, resident: str, assessed: str) -> dict[str, object]:
        return {
            "address_id": address,
            "line_id": "SL001",
            "score": score,
            "assessment": assessed,
            "resident_person_id": resident,
            "evidence": "",
            "latitude": 51.75,
            "longitude": -1.25,
        }

    found = safeguarding_rows(
        SafeguardingInputs(
            as_of=date(2026, 4, 15),  # TURNED18 is 18 by then, 17 when first in contact
            people=people,
            customers=[
                {**customer("TURNED18", "+447700900011"), "first_contact": T0},
                {**customer("ADULT", "+447700900012"), "first_contact": T0},
            ],
            runners=[],
            premises=[
                home("A1", "0.8", "TENANT1", "likely cuckooed"),
                home("A2", "0.5", "TENANT2", "possibly cuckooed"),  # assess
                home("A3", "0.45", "TENANT3", "possibly cuckooed"),  # assess
                home("A4", "0.5", "TENANT4", "near the line's phones"),  # no signs there
                home("A5", "0.3", "TENANT5", "near the line's phones"),
            ],
            missing=[],
            line_periods={"SL001": (T0, T1)},
        )
    )
    by = {r["person_id"]: r for r in found}
    assert "aged 17 when first in contact" in by["TURNED18"]["evidence"]
    assert "(18 now)" in by["TURNED18"]["evidence"] and "ADULT" not in by
    assert by["TENANT1"]["urgency"] == "high"
    assert by["TENANT2"]["reason"].startswith("possible cuckooing")
    assert by["TENANT2"]["urgency"] == "medium" == by["TENANT3"]["urgency"]
    assert "TENANT4" not in by and "TENANT5" not in by


@pytest.mark.slow
def test_small_worlds_find_most_people_at_risk(small_bundle: Path, small_analysed: Path) -> None:
    space = Workspace.open(small_analysed)
    scores = {s.results_file: s for s in evaluate(small_bundle / "truth.json", space.results)}
    at_risk, nameable = scores["safeguarding.csv"], scores["safeguarding.csv (nameable)"]
    # the goal is recall 0.95; children who buy from a line with no number on their
    # record cannot be named from the bundle (docs/analyses/safeguarding.md), so 0.95 is
    # asked of the people the records can name
    assert at_risk.precision >= 0.7 and at_risk.recall >= 0.85, at_risk
    assert nameable.recall >= 0.95, nameable
