"""The network at the level analysts chart it: lines, people, customer bases, phones."""

from __future__ import annotations

import csv
from pathlib import Path

from stronghold.ingest.importer import ingest_bundle
from stronghold.network.run import rank_network
from stronghold.settings import Settings
from stronghold.workspace import Workspace

OLD, NEW, RIVAL = "+447700900001", "+447700900002", "+447700900003"  # SL001 twice, SL002
HOLDER, CONTROLLER, RUNNER = "+447700900010", "+447700900011", "+447700900012"
BUYER, BUYERS_MUM, STRANGER = "+447700900020", "+447700900021", "+447700900030"
CALLS = [
    (HOLDER, CONTROLLER, 5),
    (CONTROLLER, RUNNER, 9),
    (CONTROLLER, OLD, 3),
    (CONTROLLER, NEW, 3),
    (OLD, BUYER, 20),
    (NEW, BUYER, 10),
    (RIVAL, BUYER, 4),  # the buyer also buys from a rival line
    (BUYER, BUYERS_MUM, 30),  # and calls home
    (RUNNER, BUYER, 6),
    (STRANGER, BUYERS_MUM, 2),
]


def write(path: Path, rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def workspace(tmp_path: Path) -> tuple[Workspace, Settings]:
    rows, minute = [], 0
    for a, b, count in CALLS:
        for _ in range(count):
            minute += 1
            at = f"2026-03-02T{minute // 60:02d}:{minute % 60:02d}:00Z"
            rows.append({"start_time": at, "a_number": a, "b_number": b, "kind": "call"})
    rows.sort(key=lambda r: r["start_time"])
    write(tmp_path / "bundle" / "comms.csv", rows)
    space = Workspace.open(tmp_path / "ws")
    settings = Settings(workspace=space.root)
    ingest_bundle(tmp_path / "bundle", space, settings)
    write(space.results / "lines.csv", [
        {"line_id": "SL001", "numbers": f"{OLD};{NEW}"},
        {"line_id": "SL002", "numbers": RIVAL},
    ])  # fmt: skip
    write(space.results / "holders.csv", [
        {"line_id": "SL001", "role": "holder", "number": HOLDER, "person_id": "P1"},
        {"line_id": "SL001", "role": "controller", "number": CONTROLLER, "person_id": ""},
    ])  # fmt: skip
    write(space.results / "runners.csv", [
        {"number": RUNNER, "person_id": "", "line_id": "SL001"},
    ])  # fmt: skip
    return space, settings


def edges(report: object) -> dict[tuple[str, str], int]:
    graph = report.network.graph  # type: ignore[attr-defined]
    return {
        tuple(sorted((graph.vs[e.source]["name"], graph.vs[e.target]["name"]))): e["weight"]
        for e in graph.es
    }


def test_lines_people_and_customer_bases(tmp_path: Path) -> None:
    space, settings = workspace(tmp_path)
    report = rank_network(space, settings)
    found = edges(report)
    # the line's two numbers are one node; the named holder phone is its person
    assert found[("+447700900011", "SL001")] == 6
    assert found[("+447700900011", "P1")] == 5
    # the customer is the line's customer base, tied to that line alone: not to the rival
    # line, the runner who rang back, or the customer's mother
    assert found[("SL001", "SL001 customers")] == 30
    assert not any("customers" in pair[0] + pair[1] for pair in found if "SL001" not in pair)
    assert all(BUYERS_MUM not in pair and STRANGER not in pair for pair in found)
    ranked = {r["entity_id"]: r for r in report.key_players}
    assert "holder of SL001" in ranked["P1"]["evidence"]
    assert ranked["P1"]["rank"] < ranked[RUNNER]["rank"]  # the runner is busier, not bigger
    assert {r["kind"] for r in report.key_players} == {"person", "phone"}  # lines not ranked


def test_customers_expanded_on_request(tmp_path: Path) -> None:
    space, settings = workspace(tmp_path)
    found = edges(rank_network(space, settings, expand_customers=True))
    assert found[(BUYER, "SL001")] == 30 and found[(BUYER, "SL002")] == 4
