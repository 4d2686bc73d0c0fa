"""Awkward values and situations found in review: each must load what is right, refuse what
is wrong with a reason, and never let a wrong value in unflagged."""

from __future__ import annotations

import io
from contextlib import closing
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from stronghold.engine.duckdb_engine import DuckDBEngine
from stronghold.ingest import readers
from stronghold.ingest.importer import ingest_bundle, open_stores
from stronghold.ingest.normalise.phones import normalise_number
from stronghold.ingest.normalise.times import normalise_times
from stronghold.settings import Settings
from stronghold.workspace import Workspace, WorkspaceBusy
from tests.ingest.helpers import database, events, ingest, only, quarantine

HEADER = "start_time,a_number,b_number,kind,duration_s"


def comms(*rows: str, header: str = HEADER) -> str:
    return "\n".join((header, *rows)) + "\n"


def reasons(workspace: Workspace, report: object) -> dict[str, str]:
    outcome = only(report)  # type: ignore[arg-type]
    assert outcome.status == "loaded", outcome.message
    return {p["line"]: p["reason"] for p in quarantine(workspace, outcome)}


def test_impossible_durations_and_years_are_refused(tmp_path: Path) -> None:
    text = comms(
        "2026-07-01T12:00:00,07700900001,07700900002,call,-5",
        "2026-07-01T12:01:00,07700900001,07700900002,call,0:99:99",
        "2101-01-01T12:02:00,07700900001,07700900002,call,5",
        "2026-07-01T12:03:00,07700900001,07700900002,call,1:02:03",
    )
    workspace, report = ingest(tmp_path, {"comms.csv": text})
    assert reasons(workspace, report) == {
        "2": "a negative duration",
        "3": "not a duration (seconds or hh:mm:ss)",
        "4": "a year outside 1970-2100",
    }
    (event,) = events(workspace, only(report))
    assert event["duration_s"] == 3723


def test_blank_required_values_are_missing_not_loaded(tmp_path: Path) -> None:
    text = comms(
        "2026-07-01T12:00:00,   ,07700900002,call,5",
        "2026-07-01T12:01:00,07700900001,07700900002,call,5",
    )
    workspace, report = ingest(tmp_path, {"comms.csv": text})
    (problem,) = quarantine(workspace, only(report))
    assert (problem["line"], problem["column"]) == ("2", "a_number")
    assert problem["reason"] == "missing (required)"
    people = "person_id,forename\n \t ,Ann\nP2,Bob\n"
    (tmp_path / "people").mkdir()
    workspace, report = ingest(tmp_path / "people", {"people.csv": people})
    assert reasons(workspace, report) == {"2": "missing (required)"}


def test_letters_in_a_phone_number_make_it_invalid_not_a_number() -> None:
    assert normalise_number("+441e12345678").kind == "invalid"  # type: ignore[union-attr]
    assert normalise_number("0770O 900123").kind == "invalid"  # type: ignore[union-attr]
    assert normalise_number("Withheld").kind == "withheld"  # type: ignore[union-attr]
    assert normalise_number("07700 900123").value == "+447700900123"  # type: ignore[union-attr]


def test_times_with_an_offset_and_spaces_around_them_parse() -> None:
    (parsed,) = normalise_times([" 2026-06-01T10:00:00Z "])
    assert parsed[0] is not None and parsed[0].isoformat() == "2026-06-01T10:00:00+00:00"
    assert parsed[1] == "exact"


def test_dates_before_1900_are_refused(tmp_path: Path) -> None:
    people = "person_id,date_of_birth\nP1,1890-01-01\nP2,02/03/90\n"
    workspace, report = ingest(tmp_path, {"people.csv": people})
    assert reasons(workspace, report) == {"2": "a date before 1900"}
    with closing(database(workspace)) as db:
        (born,) = db.execute("select date_of_birth from people").fetchone()
    assert born == "1990-03-02"


def test_people_searched_together_are_separate_stop_searches(tmp_path: Path) -> None:
    header = "searched_at,person_id,latitude,longitude,object_of_search,outcome"
    place = "2026-07-01T22:00:00,,52.63,-1.13"
    text = "\n".join(
        (
            header,
            f"{place},Drugs,Arrest",
            f"{place},Drugs,No further action",
            f"{place},Drugs,Arrest",
        )
    )
    workspace, report = ingest(tmp_path, {"stop_search.csv": text + "\n"})
    assert reasons(workspace, report) == {"4": "duplicate of line 2"}
    with closing(database(workspace)) as db:
        outcomes = sorted(r[0] for r in db.execute("select outcome from stop_search"))
    assert outcomes == ["Arrest", "No further action"]


def test_a_parquet_list_column_reads_as_its_items(tmp_path: Path) -> None:
    table = pa.table(
        {
            "person_id": ["P1", "P2"],
            "aliases": pa.array([["Smudge", "Smiler"], None], pa.list_(pa.string())),
        }
    )
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    workspace, report = ingest(tmp_path, {"people.parquet": buffer.getvalue()})
    assert only(report).status == "loaded", only(report).message
    with closing(database(workspace)) as db:
        aliases = dict(db.execute("select person_id, aliases from people").fetchall())
    assert aliases == {"P1": '["Smudge", "Smiler"]', "P2": None}


def test_big_file_duckdb_cannot_sniff_is_read_line_by_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers, "EXACT_LIMIT", 0)  # as if the file were big
    text = comms(
        "2026-07-01T12:00:00,07700900001,07700900002,call,1",
        "2026-07-01T12:01:00,07700900001,foo\rbar,call,1",
        "2026-07-01T12:02:00,07700900001,07700900002,call,2",
    )
    workspace, report = ingest(tmp_path, {"comms.csv": text})
    outcome = only(report)
    assert outcome.status == "loaded", outcome.message
    assert outcome.staged is not None and outcome.staged.loaded == 2
    assert set(reasons(workspace, report)) == {"3", "4"}  # the row broken over two lines


def test_rows_differing_only_in_extra_columns_are_both_kept(tmp_path: Path) -> None:
    header = HEADER + ",Operator Note"
    text = comms(
        "2026-07-01T12:00:00,07700900001,07700900002,call,5,first",
        "2026-07-01T12:00:00,07700900001,07700900002,call,5,second",
        "2026-07-01T12:00:00,07700900001,07700900002,call,5,second",
        header=header,
    )
    workspace, report = ingest(tmp_path, {"comms.csv": text})
    outcome = only(report)
    assert outcome.staged is not None
    assert (outcome.staged.rows_read, outcome.staged.loaded, outcome.staged.quarantined) == (
        3,
        2,
        1,
    )
    assert [e["extra_Operator Note"] for e in events(workspace, outcome)] == ["first", "second"]


def test_a_re_sited_cell_is_a_new_version_and_the_view_shows_the_latest(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path / "ws")
    settings = Settings(workspace=workspace.root)
    header = "cell_id,latitude,longitude,site_name\n"
    for name, rows in (
        ("first", "C1,51.50,-0.10,Old Kent Rd\nC2,52.00,-1.00,Mill Lane\n"),
        ("second", "C1,51.60,-0.20,Old Kent Rd (moved)\nC2,52.00,-1.00,Mill Lane\n"),
    ):
        bundle = tmp_path / name
        bundle.mkdir()
        (bundle / "cells.csv").write_text(header + rows, encoding="utf-8")
        outcome = only(ingest_bundle(bundle, workspace, settings))
    assert outcome.staged is not None
    assert (outcome.staged.loaded, outcome.staged.already_known) == (1, 1)
    engine, store, committed = open_stores(workspace, settings)
    engine.dispose()
    analytics = DuckDBEngine()
    store.register(analytics, committed)
    con = analytics.con
    latest = con.sql("select cell_id, latitude, site_name from cells order by cell_id").fetchall()
    assert latest == [("C1", 51.6, "Old Kent Rd (moved)"), ("C2", 52.0, "Mill Lane")]
    assert con.sql("select count(*) from cell_versions").fetchall()[0][0] == 3


def test_one_import_at_a_time_per_workspace(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path / "ws")
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "people.csv").write_text("person_id\nP1\n", encoding="utf-8")
    # held as another process's import would hold it (flock: per open file, not per process)
    with workspace.writing(), pytest.raises(WorkspaceBusy, match="another Stronghold process"):
        ingest_bundle(bundle, workspace, Settings(workspace=workspace.root))
    report = ingest_bundle(bundle, workspace, Settings(workspace=workspace.root))
    assert only(report).status == "loaded"


def test_spaces_around_values_in_a_big_file_are_trimmed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers, "EXACT_LIMIT", 0)  # DuckDB's reader, which keeps spaces
    header = HEADER + ",a_cell,source"
    text = comms(
        "2026-07-01T12:00:00Z ,+447700900001 , 07700 900002 ,Call , 5 , C1 ,EE ",
        " 01/07/2026 13:00:00 ,07700900001,+447700900002,sms,1:05,C2,EE",
        header=header,
    )
    workspace, report = ingest(tmp_path, {"comms.csv": text})
    outcome = only(report)
    assert outcome.staged is not None and outcome.staged.quarantined == 0
    first, second = sorted(events(workspace, outcome), key=lambda e: e["start_time"])
    assert (first["start_time"], first["a_number"], first["b_number"]) == (
        "2026-07-01 12:00:00",
        "+447700900001",
        "+447700900002",
    )
    assert (first["kind"], first["duration_s"], first["a_cell"], first["source"]) == (
        "call",
        5,
        "C1",
        "EE",
    )
    assert (second["start_time"], second["duration_s"]) == ("2026-07-01 12:00:00", 65)


def test_rows_sharing_a_time_and_record_id_are_not_repeats_unless_alike(tmp_path: Path) -> None:
    """Repeats are found by a few columns first (time and record id when the file has
    them, else time and numbers); rows alike in those but not in all are both kept."""
    header = HEADER + ",record_id"
    text = comms(
        "2026-07-01T12:00:00,07700900001,07700900002,sms,,R1",
        "2026-07-01T12:00:00,07700900001,07700900003,sms,,R1",  # same time and id
        "2026-07-01T12:00:00,07700900001,07700900002,sms,,R1",  # repeats line 2
        "2026-07-01T12:00:00,07700900001,07700900002,sms,,",  # no id: not a repeat
        header=header,
    )
    workspace, report = ingest(tmp_path, {"comms.csv": text})
    assert reasons(workspace, report) == {"4": "duplicate of line 2"}
    assert len(events(workspace, only(report))) == 3


def test_repeats_are_found_in_a_layout_without_record_ids(tmp_path: Path) -> None:
    text = comms(
        "2026-07-01T12:00:00,07700900001,07700900002,call,5",
        "2026-07-01T12:00:00,07700900001,07700900002,call,6",  # differs in duration only
        "2026-07-01T12:00:00,07700900001,07700900002,call,5",  # repeats line 2
    )
    workspace, report = ingest(tmp_path, {"comms.csv": text})
    assert reasons(workspace, report) == {"4": "duplicate of line 2"}
    assert len(events(workspace, only(report))) == 2
