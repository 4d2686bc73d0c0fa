"""Every kind of comms record a real return carries loads (../shared/CONTRACT.md): data
sessions whose other party is an access point, voicemail deposits and retrievals, service
and short-code numbers, international numbers, withheld callers and foreign cells. Nothing
that is not a phone number is dropped or passed off as one: it is kept verbatim and flagged."""

from __future__ import annotations

from pathlib import Path

import pytest

from stronghold.contract import CONTRACT
from stronghold.ingest.importer import ingest_bundle
from stronghold.settings import Settings
from stronghold.synthetic.bundle import write_bundle
from stronghold.synthetic.variants import WorldDraw
from stronghold.synthetic.world import build_world
from stronghold.workspace import Workspace
from tests.ingest.helpers import events, ingest, only, quarantine

HEADER = "start_time,a_number,b_number,kind,duration_s,a_cell"


def _load(tmp_path: Path, *rows: str) -> list[dict[str, object]]:
    workspace, report = ingest(tmp_path, {"comms.csv": "\n".join((HEADER, *rows)) + "\n"})
    outcome = only(report)
    assert outcome.status == "loaded", outcome.message
    assert quarantine(workspace, outcome) == []
    return events(workspace, outcome)


def test_the_contract_lists_every_kind_of_record() -> None:
    kinds = CONTRACT["comms"].column("kind").choices
    assert kinds == ("call", "sms", "mms", "data", "voicemail")


def test_voicemail_deposits_and_retrievals_load(tmp_path: Path) -> None:
    loaded = _load(
        tmp_path,
        "2026-07-01T12:00:00,07700900001,07700900002,voicemail,21,234-30-0100-000001",
        "2026-07-01T13:00:00,07700900002,121,voicemail,40,234-30-0100-000002",
        "2026-07-01T13:05:00,07700900003,901,VOICEMAIL,35,234-30-0100-000002",
        "2026-07-01T13:10:00,07700900004,07700 900200,voicemail,30,234-30-0100-000003",
    )
    assert [e["kind"] for e in loaded] == ["voicemail"] * 4
    assert [(e["b_number"], e["b_number_kind"]) for e in loaded] == [
        ("+447700900002", "e164"),
        ("121", "short_code"),
        ("901", "short_code"),
        ("+447700900200", "e164"),
    ]


@pytest.mark.parametrize("access_point", ["internet", "mobile.o2.example", "everywhere.example"])
def test_a_data_session_to_an_access_point_keeps_its_name(tmp_path: Path, access_point) -> None:
    (event,) = _load(
        tmp_path, f"2026-07-01T12:00:00,07700900001,{access_point},data,240,234-30-0100-000001"
    )
    assert (event["kind"], event["b_number"]) == ("data", access_point)
    assert event["b_number_kind"] != "e164"
    assert (event["a_number"], event["a_cell"]) == ("+447700900001", "234-30-0100-000001")


@pytest.mark.parametrize("address", ["203.0.113.17", "192.0.2.1"])
def test_a_data_session_to_an_address_keeps_it_verbatim(tmp_path: Path, address) -> None:
    (event,) = _load(tmp_path, f"2026-07-01T12:00:00,07700900001,{address},data,240,")
    assert (event["b_number"], event["b_number_kind"]) == (address, "invalid")


def test_services_withheld_callers_abroad_and_foreign_cells_load(tmp_path: Path) -> None:
    loaded = _load(
        tmp_path,
        "2026-07-01T12:00:00,61101,07700900001,sms,,",
        "2026-07-01T12:01:00,07700900001,+449098790114,call,150,234-30-0100-000001",
        "2026-07-01T12:02:00,07700900001,118990,call,60,234-30-0100-000001",
        "2026-07-01T12:03:00,Private,07700900001,call,90,",
        "2026-07-01T12:04:00,Unknown,07700900001,call,0,",
        "2026-07-01T12:05:00,07700900001,+48271234567,call,360,214-07-6407-030322",
    )
    assert [(e["a_number"], e["a_number_kind"]) for e in loaded][2:5] == [
        ("+447700900001", "e164"),
        ("Private", "withheld"),
        ("Unknown", "withheld"),
    ]
    assert [(e["b_number"], e["b_number_kind"]) for e in loaded][:3] == [
        ("+447700900001", "e164"),
        ("+449098790114", "e164"),
        ("118990", "short_code"),
    ]
    assert loaded[0]["a_number_kind"] == "short_code"
    assert (loaded[5]["b_number"], loaded[5]["a_cell"]) == ("+48271234567", "214-07-6407-030322")


def test_a_synthetic_world_with_every_kind_loads_whole(tmp_path: Path) -> None:
    draw = WorldDraw(variant="test", data_sessions_per_day=3.0)
    write_bundle(build_world(3, "tiny", 3, draw=draw), tmp_path / "bundle")
    workspace = Workspace.open(tmp_path / "workspace")
    report = ingest_bundle(tmp_path / "bundle", workspace, Settings(workspace=workspace.root))
    (comms,) = [f for f in report.files if f.table == "comms"]
    assert comms.status == "loaded" and comms.staged is not None, comms.message
    assert comms.staged.quarantined == 0
    assert comms.staged.loaded == comms.staged.rows_read
    kinds = {e["kind"] for e in events(workspace, comms)}
    assert kinds == {"call", "sms", "mms", "data", "voicemail"}
