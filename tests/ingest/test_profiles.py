"""Column-mapping profiles: the built-in layouts, strict YAML, and a custom layout from a file."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from stronghold.ingest.importer import FileOutcome, IngestReport
from stronghold.ingest.profiles import BUILTIN_PROFILES, ProfileError, load_profile
from tests.ingest.helpers import events, ingest, quarantine


def loaded(report: IngestReport, table: str) -> FileOutcome:
    assert len(report.files) == 1, report.files
    (outcome,) = report.files
    assert outcome.table == table
    assert outcome.status == "loaded", outcome.message
    assert outcome.staged is not None
    return outcome


def write_profile(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "layout.yaml"
    path.write_text(body, encoding="utf-8")
    return path


# --- loading profiles ---------------------------------------------------------------------


def test_the_builtin_profiles_are_the_four_shipped() -> None:
    assert set(BUILTIN_PROFILES) == {
        "contract",
        "operator_billing",
        "direction_column",
        "excel_nominals",
    }


@pytest.mark.parametrize("name", BUILTIN_PROFILES)
def test_every_builtin_profile_loads(name: str) -> None:
    profile = load_profile(name)
    assert profile.name == name
    assert profile.description


def test_a_misspelt_key_is_an_error_naming_it(tmp_path: Path) -> None:
    path = write_profile(
        tmp_path,
        "name: misspelt\ndescription: a typo\ntables:\n  comms:\n    colums:\n      a_number: A\n",
    )
    with pytest.raises(ProfileError, match="colums"):
        load_profile(path)


def test_an_unknown_contract_column_is_an_error_naming_it(tmp_path: Path) -> None:
    path = write_profile(
        tmp_path,
        "name: unknown\ndescription: no such column\ntables:\n  comms:\n"
        "    columns:\n      a_nmber: Caller\n",
    )
    with pytest.raises(ProfileError, match="a_nmber"):
        load_profile(path)


def test_an_unknown_profile_name_is_an_error() -> None:
    with pytest.raises(ProfileError, match="no_such_layout"):
        load_profile("no_such_layout")


# --- the built-in layouts ------------------------------------------------------------------

BILLING_HEADER = (
    "Call Date,Call Time,Originating Number,Terminating Number,Event Type,Duration,"
    "Originating Cell ID"
)


def test_operator_billing(tmp_path: Path) -> None:
    text = "\n".join(
        (
            BILLING_HEADER,
            "29/03/2026,14:05:09,07700 900123,07700 900124,Voice,00:02:05,CELL1",
            "29/03/2026,14:06:00,07700 900124,07700 900123,SMS,00:00:00,CELL2",
            "15/01/2026,09:00:00,07700 900124,+44 7700 900125,Voice MO,00:00:10,CELL2",
            "31/02/2026,09:00:00,07700 900124,07700 900125,Voice,00:00:10,CELL2",
        )
    )
    workspace, report = ingest(tmp_path, {"ee_billing_2026.csv": text + "\n"}, "operator_billing")
    outcome = loaded(report, "comms")
    assert (outcome.staged.loaded, outcome.staged.quarantined) == (3, 1)
    stored = [
        (e["start_time"], e["a_number"], e["b_number"], e["kind"], e["duration_s"], e["a_cell"])
        for e in events(workspace, outcome)
    ]
    assert stored == [
        ("2026-03-29 13:05:09", "+447700900123", "+447700900124", "call", 125, "CELL1"),
        ("2026-03-29 13:06:00", "+447700900124", "+447700900123", "sms", 0, "CELL2"),
        ("2026-01-15 09:00:00", "+447700900124", "+447700900125", "call", 10, "CELL2"),
    ]
    (problem,) = quarantine(workspace, outcome)
    assert (problem["line"], problem["column"]) == ("5", "start_time")


DIRECTION_HEADER = "Event Time,Target Number,Other Party,Direction,Service,Duration (s),Cell"


def test_direction_column_assigns_a_and_b_parties(tmp_path: Path) -> None:
    text = "\n".join(
        (
            DIRECTION_HEADER,
            "2026-07-01 12:00:00,07700 900123,07700 900999,MO,Voice,30,CELL1",
            "2026-07-01 12:05:00,07700 900123,07700 900888,MT,Text,0,CELL1",
        )
    )
    workspace, report = ingest(tmp_path, {"target_subscriber_1.csv": text}, "direction_column")
    outcome = loaded(report, "comms")
    assert (outcome.staged.loaded, outcome.staged.quarantined) == (2, 0)
    stored = [
        (e["start_time"], e["a_number"], e["b_number"], e["kind"], e["duration_s"])
        for e in events(workspace, outcome)
    ]
    assert stored == [
        ("2026-07-01 11:00:00", "+447700900123", "+447700900999", "call", 30),
        ("2026-07-01 11:05:00", "+447700900888", "+447700900123", "sms", 0),
    ]


def test_direction_column_unknown_word_is_quarantined(tmp_path: Path) -> None:
    text = "\n".join(
        (
            DIRECTION_HEADER,
            "2026-07-01 12:00:00,07700 900123,07700 900999,MO,Voice,30,CELL1",
            "2026-07-01 12:06:00,07700 900123,07700 900888,Sideways,SMS,0,CELL1",
        )
    )
    workspace, report = ingest(tmp_path, {"target_subscriber_1.csv": text}, "direction_column")
    outcome = loaded(report, "comms")
    assert (outcome.staged.loaded, outcome.staged.quarantined) == (1, 1)
    problems = quarantine(workspace, outcome)
    assert {p["line"] for p in problems} == {"3"}
    assert ("Direction", "Sideways") in {(p["column"], p["value"]) for p in problems}


NOMINAL_HEADER = [
    "Nominal Ref",
    "Forename(s)",
    "Surname",
    "Also Known As",
    "DOB",
    "Sex",
    "Address Ref",
    "Phone Numbers",
    "Warning Markers",
    "Officer in Case",
]


def test_excel_nominals(tmp_path: Path) -> None:
    book = Workbook()
    book.active.title = "Cover"
    book.active["A1"] = "Nominal export"
    sheet = book.create_sheet("Nominals")
    sheet.append(NOMINAL_HEADER)
    sheet.append(
        ["N1", "Zoë", "Smith", "Zed; Z", "23/04/1990", "F", "A1",
         "07700 900123; +44 7700 900124", "VIOLENT; DRUGS", "PC 123"]
    )  # fmt: skip
    sheet.append(["N2", "Bob", "Jones", None, datetime(1990, 4, 23), "M", None, "07700 900125"])
    sheet.append([None] * len(NOMINAL_HEADER))  # row 4, blank: still counted
    sheet.append(["N3", "Bad", "Date", None, "31/02/1990", "M", None, None])
    bundle_file = tmp_path / "force_nominals.xlsx"
    book.save(bundle_file)
    workspace, report = ingest(
        tmp_path, {"force_nominals.xlsx": bundle_file.read_bytes()}, "excel_nominals"
    )
    outcome = loaded(report, "people")
    assert (outcome.staged.loaded, outcome.staged.quarantined) == (2, 1)
    with closing(sqlite3.connect(workspace.root / "stronghold.db")) as db:
        people = db.execute(
            "select person_id, forename, surname, aliases, date_of_birth, flags, extra "
            "from people order by person_id"
        ).fetchall()
        phones = db.execute(
            "select person_id, number, number_kind from person_phones order by person_id, number"
        ).fetchall()
    n1, n2 = people
    assert n1[:3] == ("N1", "Zoë", "Smith")
    assert json.loads(n1[3]) == ["Zed", "Z"]
    assert json.loads(n1[5]) == ["VIOLENT", "DRUGS"]
    assert json.loads(n1[6]) == {"Officer in Case": "PC 123"}
    assert (n1[4], n2[4]) == ("1990-04-23", "1990-04-23")
    assert phones == [
        ("N1", "+447700900123", "e164"),
        ("N1", "+447700900124", "e164"),
        ("N2", "+447700900125", "e164"),
    ]
    (problem,) = quarantine(workspace, outcome)
    assert (problem["line"], problem["column"], problem["value"]) == (
        "5",
        "date_of_birth",
        "31/02/1990",
    )


def test_a_custom_yaml_profile_by_path_maps_a_new_layout(tmp_path: Path) -> None:
    profile = write_profile(
        tmp_path,
        "name: acme_anpr\n"
        "description: A made-up ANPR export.\n"
        "tables:\n"
        "  anpr:\n"
        '    files: ["*reads*.csv"]\n'
        "    columns:\n"
        "      vrm: Plate\n"
        "      read_time: Read Time\n"
        "      camera_id: Camera\n",
    )
    text = "\n".join(
        (
            "Plate,Read Time,Camera,Lane",
            "ab12 cde,01/07/2026 12:00:00,CAM1,2",
            "AB12CDF,2026-07-01T12:00:00Z,CAM2,1",
            "NOT A PLATE!,2026-07-01T12:01:00Z,CAM2,1",
        )
    )
    workspace, report = ingest(tmp_path, {"acme_reads.csv": text + "\n"}, str(profile))
    outcome = loaded(report, "anpr")
    assert (outcome.staged.loaded, outcome.staged.quarantined) == (2, 1)
    stored = [
        (e["read_time"], e["vrm"], e["camera_id"], e["extra_Lane"])
        for e in events(workspace, outcome)
    ]
    assert stored == [
        ("2026-07-01 11:00:00", "AB12 CDE", "CAM1", "2"),
        ("2026-07-01 12:00:00", "AB12 CDF", "CAM2", "1"),
    ]
    (problem,) = quarantine(workspace, outcome)
    assert (problem["line"], problem["column"]) == ("4", "vrm")
    with closing(sqlite3.connect(workspace.root / "stronghold.db")) as db:
        assert db.execute("select profile from import_log").fetchall() == [("acme_anpr",)]
