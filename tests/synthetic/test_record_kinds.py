"""Every kind of record a real return carries is in the world, used as in reality: data
sessions to an access point, voicemail deposits and retrievals, banks' texts, premium,
freephone, non-geographic, directory and short-code numbers, withheld callers, family abroad
and phones roaming abroad; none of them is a person, and none moves the rows that were
there before (services.py, service_traffic.py, data_sessions.py, roaming.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import phonenumbers
import pyarrow.csv as pacsv
import pytest

import stronghold.synthetic.bundle as bundle
from stronghold.synthetic.bundle import write_bundle
from stronghold.synthetic.phones import NETWORKS
from stronghold.synthetic.roaming import Roaming
from stronghold.synthetic.services import APNS
from stronghold.synthetic.truth import iso as _iso
from stronghold.synthetic.variants import WorldDraw
from stronghold.synthetic.world import World, build_world

SEED, DAYS = 3, 14
COLUMNS = (  # every comms column but record_id (a row's serial number in the file)
    *("start_time", "a_number", "b_number", "kind", "duration_s", "a_cell", "b_cell"),
    *("a_imei", "b_imei", "a_imsi", "source"),
)
UK_DRAMA = ("+447700900", "+448081570", "+449098790", "+443069990")


def _write(folder: Path, draw: WorldDraw) -> tuple[World, Path]:
    world = build_world(SEED, "tiny", DAYS, draw=draw)
    write_bundle(world, folder)
    return world, folder


def _rows(folder: Path) -> list[dict[str, Any]]:
    options = pacsv.ConvertOptions(column_types={c: "string" for c in COLUMNS})
    return pacsv.read_csv(folder / "comms.csv", convert_options=options).to_pylist()


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> tuple[World, Path]:
    return _write(tmp_path_factory.mktemp("kinds") / "baseline", WorldDraw())


@pytest.fixture(scope="module")
def online(tmp_path_factory: pytest.TempPathFactory) -> tuple[World, Path]:
    draw = WorldDraw(variant="test", data_sessions_per_day=6.0, number_churn=0.1)
    return _write(tmp_path_factory.mktemp("kinds") / "online", draw)


def _truth(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "truth.json").read_text(encoding="utf-8"))


def test_every_kind_is_present_and_data_only_when_asked(baseline, online) -> None:
    kinds = {row["kind"] for row in _rows(baseline[1])}
    assert kinds == {"call", "sms", "mms", "voicemail"}
    assert "data" in {row["kind"] for row in _rows(online[1])}
    listed = {s["kind"] for s in _truth(baseline[1])["services"]}
    assert listed == {
        "voicemail",
        "bank_text",
        "premium",
        "freephone",
        "non_geographic",
        "directory",
        "short_code",
        "international",
        "withheld",
    }
    assert "access_point" in {s["kind"] for s in _truth(online[1])["services"]}


def test_no_service_is_a_person_or_a_line(online) -> None:
    world, folder = online
    truth = _truth(folder)
    services = {s["number"] for s in truth["services"]}
    people = {
        *(c["number"] for c in truth["customers"]),
        *(n["number"] for line in truth["lines"] for n in line["numbers"]),
        *(n for line in truth["lines"] for n in line["controller_numbers"]),
        *(n for r in truth["runners"] for n in r["numbers"]),
        *(c["number"] for c in truth["confounders"]),
        *(world.phones.number[p] for p in world.personal_phone.tolist()),
    }
    assert not services & people
    rows = _rows(folder)
    written = {r["a_number"] for r in rows} | {r["b_number"] for r in rows}
    mobiles = {
        n for n, net in zip(world.phones.number, world.phones.network, strict=True) if net >= 0
    }
    assert written - mobiles - people <= services  # every other number written is listed


def test_synthetic_numbers_ring_nobody(baseline) -> None:
    for service in _truth(baseline[1])["services"]:
        number = service["number"]
        if service["kind"] == "international":
            parsed = phonenumbers.parse(number)
            assert phonenumbers.is_possible_number(parsed), number
            assert not phonenumbers.is_valid_number(parsed), number  # unallocated
        elif number.startswith("+"):
            assert number.startswith(UK_DRAMA), number
        else:  # short codes, directory numbers and withheld labels
            assert (number.isdigit() and len(number) <= 6) or number.isalpha(), number


def test_voicemail_follows_an_unanswered_call_and_is_heard_on_the_platform(baseline) -> None:
    world, folder = baseline
    platform = {
        name: world.phones.number[p]
        for name, p in zip(NETWORKS, world.services.voicemail.tolist(), strict=True)
    }
    rows = _rows(folder)
    calls = {
        (r["a_number"], r["b_number"]): r["start_time"]
        for r in rows
        if r["kind"] == "call" and r["duration_s"] == "0"
    }
    mail = [r for r in rows if r["kind"] == "voicemail"]
    retrievals = [r for r in mail if r["b_number"] in platform.values()]
    deposits = [r for r in mail if r["b_number"] not in platform.values()]
    assert deposits and retrievals
    for r in retrievals:
        assert r["b_number"] == platform[r["source"]] and r["a_cell"]
    for r in deposits:
        assert (r["a_number"], r["b_number"]) in calls and r["a_cell"] and not r["b_cell"]
        assert 1 <= int(r["duration_s"]) <= 181


def test_banks_text_many_and_are_never_answered(baseline) -> None:
    banks = {s["number"] for s in _truth(baseline[1])["services"] if s["kind"] == "bank_text"}
    rows = _rows(baseline[1])
    sent = [r for r in rows if r["a_number"] in banks]
    assert {r["kind"] for r in sent} == {"sms"}
    assert len({r["b_number"] for r in sent}) > 100
    assert not any(r["b_number"] in banks for r in rows)


def test_roamers_are_seen_on_foreign_cells_only_while_away(baseline) -> None:
    world, folder = baseline
    cells = {r["cell_id"] for r in pacsv.read_csv(folder / "cells.csv").to_pylist()}
    away = [r for r in _rows(folder) if r["a_cell"] and r["a_cell"] not in cells]
    assert away
    assert all(not r["a_cell"].startswith("234-") for r in away)
    roamers = {world.phones.number[world.personal_phone[p]] for p in world.roaming.person}
    assert {r["a_number"] for r in away} <= roamers
    customers = {c["number"] for c in _truth(folder)["customers"]}
    assert not roamers & customers


def test_data_sessions_go_to_the_networks_access_point(online) -> None:
    world, folder = online
    data = [r for r in _rows(folder) if r["kind"] == "data"]
    for r in data:
        assert r["b_number"] in dict(APNS[r["source"]]), r
        assert r["a_cell"] and r["a_imei"] and not r["b_cell"] and 1 <= int(r["duration_s"]) <= 3601
    handsets = len({r["a_number"] for r in data})
    assert 4.0 <= len(data) / (handsets * DAYS) <= 8.0  # around the mean of 6 a day
    for line in world.lines:  # a deal line's handset is online only while the number is live
        for number, start, end in zip(line.numbers, line.number_from, line.number_to, strict=True):
            seen = [r["start_time"] for r in data if r["a_number"] == world.phones.number[number]]
            assert all(_iso(start) <= t < _iso(end) for t in seen)


def test_the_new_kinds_leave_every_earlier_row_alone(
    baseline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the new sources and roaming, the world writes exactly the rows it always did;
    with them, those rows are all still there, in order (only record ids renumber)."""
    world, folder = baseline
    activities = bundle._activities
    monkeypatch.setattr(
        bundle,
        "_activities",
        lambda w: [s for s in activities(w) if s[0] not in ("services", "data sessions")],
    )
    plain = build_world(SEED, "tiny", DAYS, draw=WorldDraw())
    plain.roaming = Roaming()
    write_bundle(plain, tmp_path / "plain")
    before = [tuple(r[c] for c in COLUMNS) for r in _rows(tmp_path / "plain")]
    after = iter(tuple(r[c] for c in COLUMNS) for r in _rows(folder))
    roamers = {world.phones.number[world.personal_phone[p]] for p in world.roaming.person}
    moved = 0
    for row in before:
        found = next(r for r in after if r[:5] == row[:5])
        if found != row:  # only a roamer's cell abroad may differ
            assert {row[1], row[2]} & roamers and found[7:] == row[7:], (row, found)
            moved += 1
    assert moved < 0.01 * len(before)
