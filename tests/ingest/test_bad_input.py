"""The bad-input suite: each awkward thing real returns do, and what an import makes of it."""

from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path

import duckdb

from stronghold.ingest.importer import FileOutcome, IngestReport
from stronghold.sql_text import text
from tests.ingest.helpers import database, events, ingest, only, quarantine

HEADER = "start_time,a_number,b_number,kind,duration_s"
DATE_REASON = "not a date and time in a known format"


def row(
    minute: int = 0,
    a: str = "07700 900123",
    b: str = "07700 900124",
    kind: str = "call",
    duration: str = "60",
    start: str | None = None,
) -> str:
    return ",".join((start or f"2026-07-01T12:{minute:02d}:00", a, b, kind, duration))


def comms_csv(*rows: str, header: str = HEADER) -> str:
    return "\n".join((header, *rows)) + "\n"


def loaded(report: IngestReport) -> FileOutcome:
    outcome = only(report)
    assert outcome.status == "loaded", outcome.message
    assert outcome.staged is not None
    return outcome


def test_cp1252_people_file_is_read_as_windows_1252(tmp_path: Path) -> None:
    text = "person_id,forename,surname,Notes\nP1,Zoë,Brontë,owes £50\nP2,Anna,Smith,\n"
    workspace, report = ingest(tmp_path, {"people.csv": text.encode("cp1252")})
    outcome = loaded(report)
    assert outcome.staged.details["encoding"] == "cp1252"
    assert (outcome.staged.loaded, outcome.staged.quarantined) == (2, 0)
    with closing(database(workspace)) as db:
        person = db.execute("select * from people where person_id = 'P1'").fetchone()
    assert (person["forename"], person["surname"]) == ("Zoë", "Brontë")
    assert json.loads(person["extra"]) == {"Notes": "owes £50"}


def test_utf8_bom_is_not_part_of_the_first_column_name(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + comms_csv(row(0), row(1)).encode("utf-8")
    workspace, report = ingest(tmp_path, {"comms.csv": data})
    outcome = loaded(report)
    assert outcome.staged.details["encoding"] == "utf-8-sig"
    assert (outcome.staged.loaded, outcome.staged.quarantined) == (2, 0)
    stored = events(workspace, outcome)
    assert [e["start_time"] for e in stored] == ["2026-07-01 11:00:00", "2026-07-01 11:01:00"]
    assert not any(name.startswith("extra_") for name in stored[0])


def test_semicolon_separated_file(tmp_path: Path) -> None:
    text = comms_csv(row(0).replace(",", ";"), header=HEADER.replace(",", ";"))
    workspace, report = ingest(tmp_path, {"comms.csv": text})
    outcome = loaded(report)
    assert outcome.staged.details["delimiter"] == ";"
    (event,) = events(workspace, outcome)
    assert (event["a_number"], event["b_number"], event["duration_s"]) == (
        "+447700900123",
        "+447700900124",
        60,
    )


def test_missing_required_column_refuses_the_file(tmp_path: Path) -> None:
    text = "start_time,a_number,kind,duration_s\n2026-07-01T12:00:00,07700 900123,call,60\n"
    _, report = ingest(tmp_path, {"comms.csv": text})
    outcome = only(report)
    assert outcome.status == "refused"
    assert "b_number" in outcome.message
    assert outcome.staged is None
    assert report.usable is False


def test_extra_columns_are_kept(tmp_path: Path) -> None:
    comms = comms_csv(row(0) + ",OP-123", row(1) + ",OP-124", header=HEADER + ",Case Ref")
    people = "person_id,forename,Custody No\nP1,Ann,CU/42\n"
    workspace, report = ingest(tmp_path, {"comms.csv": comms, "people.csv": people})
    assert [f.status for f in report.files] == ["loaded", "loaded"]
    comms_outcome = next(f for f in report.files if f.table == "comms")
    assert [e["extra_Case Ref"] for e in events(workspace, comms_outcome)] == ["OP-123", "OP-124"]
    with closing(database(workspace)) as db:
        (extra,) = db.execute("select extra from people where person_id = 'P1'").fetchone()
    assert json.loads(extra) == {"Custody No": "CU/42"}


def test_empty_file_is_refused_as_empty(tmp_path: Path) -> None:
    _, report = ingest(tmp_path, {"comms.csv": b""})
    outcome = only(report)
    assert outcome.status == "refused"
    assert "empty" in outcome.message
    assert report.usable is False


def test_header_only_file_loads_zero_rows(tmp_path: Path) -> None:
    workspace, report = ingest(tmp_path, {"comms.csv": HEADER + "\n"})
    outcome = loaded(report)
    staged = outcome.staged
    assert (staged.rows_read, staged.loaded, staged.quarantined) == (0, 0, 0)
    assert events(workspace, outcome) == []
    assert quarantine(workspace, outcome) == []


def test_truncated_last_line_is_quarantined_with_its_line_number(tmp_path: Path) -> None:
    text = comms_csv(row(0), row(1)) + "2026-07-01T12:02:00,07700 9001"  # no newline: cut off
    workspace, report = ingest(tmp_path, {"comms.csv": text})
    outcome = loaded(report)
    staged = outcome.staged
    assert (staged.rows_read, staged.loaded, staged.quarantined) == (3, 2, 1)
    (problem,) = quarantine(workspace, outcome)
    assert problem["line"] == "4"
    assert "expected 5 fields" in problem["reason"]
    assert "found 2" in problem["reason"]
    assert [e["source_line"] for e in events(workspace, outcome)] == [2, 3]


def test_exact_duplicate_row_is_quarantined_naming_the_first(tmp_path: Path) -> None:
    text = comms_csv(row(0), row(1), row(2), row(3), row(1))  # line 6 repeats line 3
    workspace, report = ingest(tmp_path, {"comms.csv": text})
    outcome = loaded(report)
    assert (outcome.staged.loaded, outcome.staged.quarantined) == (4, 1)
    (problem,) = quarantine(workspace, outcome)
    assert (problem["line"], problem["reason"]) == ("6", "duplicate of line 3")
    assert [e["source_line"] for e in events(workspace, outcome)] == [2, 3, 4, 5]


def test_withheld_and_short_code_numbers_are_kept_verbatim(tmp_path: Path) -> None:
    text = comms_csv(row(0, a="Withheld"), row(1, b="121"), row(2, a="88020", kind="sms"))
    workspace, report = ingest(tmp_path, {"comms.csv": text})
    outcome = loaded(report)
    assert outcome.staged.loaded == 3
    assert outcome.staged.details["numbers_kept_verbatim"] == {
        "withheld": 1,
        "short_code": 2,
        "invalid": 0,
    }
    stored = [
        (e["a_number"], e["a_number_kind"], e["b_number"], e["b_number_kind"])
        for e in events(workspace, outcome)
    ]
    assert stored == [
        ("Withheld", "withheld", "+447700900124", "e164"),
        ("+447700900123", "e164", "121", "short_code"),
        ("88020", "short_code", "+447700900124", "e164"),
    ]


def test_dates_in_unknown_formats_are_quarantined(tmp_path: Path) -> None:
    text = comms_csv(
        row(0),
        row(start="2026/31/12 10:00", a="07700 900125"),
        row(1),
        row(start="yesterday", a="07700 900126"),
    )
    workspace, report = ingest(tmp_path, {"comms.csv": text})
    outcome = loaded(report)
    assert (outcome.staged.loaded, outcome.staged.quarantined) == (2, 2)
    problems = quarantine(workspace, outcome)
    assert [(p["line"], p["column"], p["value"]) for p in problems] == [
        ("3", "start_time", "2026/31/12 10:00"),
        ("5", "start_time", "yesterday"),
    ]
    assert all(p["reason"].startswith(DATE_REASON) for p in problems)
    assert [e["source_line"] for e in events(workspace, outcome)] == [2, 4]


def test_two_different_bad_dates_are_not_duplicates_of_each_other(tmp_path: Path) -> None:
    text = comms_csv(row(start="2026/31/12 10:00"), row(start="yesterday"))
    workspace, report = ingest(tmp_path, {"comms.csv": text})
    problems = quarantine(workspace, loaded(report))
    assert [(p["line"], p["column"]) for p in problems] == [
        ("2", "start_time"),
        ("3", "start_time"),
    ]
    assert not any("duplicate" in p["reason"] for p in problems)


def test_swapped_and_impossible_coordinates(tmp_path: Path) -> None:
    text = (
        "cell_id,latitude,longitude,site_name\n"
        "C1,-1.3398,52.0629,Banbury\n"
        "C2,51.7520,-1.2577,Oxford\n"
        "C3,123,456,Nowhere\n"
    )
    workspace, report = ingest(tmp_path, {"cells.csv": text})
    outcome = loaded(report)
    assert outcome.staged.details["coordinates_swapped"] == 1
    assert (outcome.staged.loaded, outcome.staged.quarantined) == (2, 1)
    cells = {e["cell_id"]: e for e in events(workspace, outcome)}
    assert (cells["C1"]["latitude"], cells["C1"]["longitude"]) == (52.0629, -1.3398)
    assert cells["C1"]["coordinates_swapped"] is True
    assert (cells["C2"]["latitude"], cells["C2"]["longitude"]) == (51.7520, -1.2577)
    assert cells["C2"]["coordinates_swapped"] is False
    problems = quarantine(workspace, outcome)
    assert [(p["line"], p["column"], p["value"]) for p in problems] == [
        ("4", "latitude", "123"),
        ("4", "longitude", "456"),
    ]
    assert all("degrees" in p["reason"] for p in problems)


def test_importing_the_same_bundle_twice_changes_nothing(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "comms.csv": comms_csv(row(0), row(1), row(1)),
        "people.csv": "person_id,forename,phone_numbers\nP1,Ann,07700 900123\nP2,Bob,\n",
        "cells.csv": "cell_id,latitude,longitude\nC1,52.0629,-1.3398\n",
    }
    workspace, first = ingest(tmp_path, files)
    assert [f.status for f in first.files] == ["loaded"] * 3

    def counts() -> dict[str, int]:
        with closing(database(workspace)) as db:
            stored = {
                t: db.execute(f"select count(*) from {t}").fetchone()[0]
                for t in ("people", "person_phones", "import_log")
            }
        for table in ("comms", "cells"):
            parts = sorted((workspace.events / table).glob("*.parquet"))
            listed = ", ".join(text(str(p)) for p in parts)
            query = f"select count(*) from read_parquet([{listed}])"
            stored[table] = duckdb.connect().execute(query).fetchone()[0]
            stored[f"{table} parts"] = len(parts)
        stored["quarantine files"] = len(list(workspace.quarantine.glob("*.csv")))
        return stored

    before = counts()
    assert before == {
        "people": 2,
        "person_phones": 1,
        "import_log": 3,
        "comms": 2,
        "comms parts": 1,
        "cells": 1,
        "cells parts": 1,
        "quarantine files": 3,
    }
    _, second = ingest(tmp_path, files)
    assert [f.status for f in second.files] == ["already imported"] * 3
    assert second.usable is True
    assert counts() == before


def test_uk_local_times_across_the_clock_changes(tmp_path: Path) -> None:
    text = comms_csv(
        row(start="2026-03-29T01:30:00"),  # spring: this hour never happened
        row(start="2026-10-25T01:30:00"),  # autumn: this hour happened twice
        row(start="2026-07-01T12:00:00"),  # summer time
        row(start="2026-07-01T12:00:00Z"),  # exact
        row(start="2026-01-15T12:00:00"),  # winter: local is UTC
    )
    workspace, report = ingest(tmp_path, {"comms.csv": text})
    outcome = loaded(report)
    assert outcome.staged.loaded == 5
    assert outcome.staged.details["clock_changes_resolved"] == {"ambiguous": 1, "nonexistent": 1}
    stored = [(e["start_time"], e["start_time_clock"]) for e in events(workspace, outcome)]
    assert stored == [
        ("2026-03-29 01:30:00", "nonexistent"),
        ("2026-10-25 00:30:00", "ambiguous"),
        ("2026-07-01 11:00:00", "normal"),
        ("2026-07-01 12:00:00", "exact"),
        ("2026-01-15 12:00:00", "normal"),
    ]
