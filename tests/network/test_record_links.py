"""Links from records: residence, keeper, premises, co-location and graded intelligence."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from stronghold.ingest.importer import ingest_bundle
from stronghold.network.intelligence_links import Report, intelligence_links, line_names
from stronghold.network.record_links import _stopped_together
from stronghold.network.run import rank_network
from stronghold.settings import Settings
from stronghold.workspace import Workspace
from tests.network.test_network_graph import CONTROLLER, HOLDER, NEW, OLD, RIVAL, RUNNER, write

LINES = {OLD: "SL001", NEW: "SL001", RIVAL: "SL002"}
AT = datetime(2026, 3, 5, 12, tzinfo=UTC)


def report(ref: str, text: str, subjects: tuple[str, ...] = (), address: str = "") -> Report:
    return Report(ref, AT, text, "2B P", address or None, list(subjects))


def test_a_line_name_is_the_line_whose_number_most_reports_give() -> None:
    reports = [
        report("R1", "The 'Snow' line is using a number ending 0002."),
        report("R2", "A line known as 'Snow' is on a number ending 0001 (old)."),
        report("R3", "The 'Snow' line is using a number ending 0003."),  # wrong
        report("R4", "The 'Rose' line is texting from 07700 900003."),
        report("R5", "The 'Mist' line is on a number ending 000"),  # every line ends so
    ]
    assert line_names(reports, LINES) == {"snow": "SL001", "rose": "SL002"}


def test_two_names_are_two_lines_when_one_subjects_reports_give_both() -> None:
    # P1 works both lines (a controller they share sleeps where he lives) and is the subject
    # of the reports on 'Lion' and 'Blue'; another report gives SL001's number for 'Lion'
    workers = {"P1": {"SL001", "SL002"}}
    reports = [
        report("R1", "P1 holds the 'Lion' line phone.", subjects=("P1",)),
        report("R2", "The 'Lion' line is texting from 07700 900001."),
        report("R3", "P1 is behind the 'Blue' line.", subjects=("P1",)),
    ]
    assert line_names(reports, LINES, workers) == {"lion": "SL001", "blue": "SL002"}
    # with nothing to tell the names apart, neither is resolved
    assert line_names([reports[0], reports[2]], LINES, workers) == {}


def test_a_report_ties_its_subjects_address_and_what_it_names() -> None:
    said = report(
        "R9", "P1 holds the 'Snow' line and drives AB12CDE.", subjects=("P1", "P2"), address="A1"
    )
    links = {(k.a, k.b) for k in intelligence_links([said], LINES, {"snow": "SL001"})}
    assert links == {
        ("P1", "P2"),
        ("P1", "A1"),
        ("P2", "A1"),
        *((end, thing) for end in ("P1", "P2", "A1") for thing in ("SL001", "AB12 CDE")),
    }
    assert all(k.grading == "2B P" for k in intelligence_links([said], LINES, {}))


def test_people_stopped_together_are_co_located() -> None:
    stops = [
        ("P1", AT, 51.75, -1.25),
        ("P2", AT.replace(minute=5), 51.7505, -1.2505),  # 5 minutes, ~65 m
        ("P3", AT.replace(minute=6), 51.80, -1.25),  # 5.5 km away
        ("P4", AT.replace(minute=30), 51.75, -1.25),  # half an hour later
    ]
    links = list(_stopped_together(stops))
    assert [(k.a, k.b, k.kind) for k in links] == [("P1", "P2", "co-location")]


def _bundle(folder: Path) -> None:
    comms = []
    for day in range(1, 6):  # the holder's own phone beside the line phone on 5 days
        at = f"2026-03-0{day}T20:0{day}:00Z"
        comms.append(
            {
                "start_time": at,
                "a_number": NEW,
                "b_number": "+447700900099",
                "kind": "sms",
                "a_cell": "C1",
                "b_cell": "",
            }
        )
        comms.append(
            {
                "start_time": f"2026-03-0{day}T20:0{day + 3}:00Z",
                "a_number": HOLDER,
                "b_number": CONTROLLER,
                "kind": "call",
                "a_cell": "C1",
                "b_cell": "C2",
            }
        )
    for day in (1, 2):  # the runner beside the controller on 2 days only: not enough
        at = f"2026-03-0{day}T09:00:00Z"
        comms.append(
            {
                "start_time": at,
                "a_number": RUNNER,
                "b_number": CONTROLLER,
                "kind": "call",
                "a_cell": "C3",
                "b_cell": "C3",
            }
        )
    comms.sort(key=lambda r: r["start_time"])
    write(folder / "comms.csv", comms)
    write(
        folder / "people.csv",
        [
            {
                "person_id": "P1",
                "forename": "Pat",
                "surname": "Holder",
                "address_id": "A1",
                "phone_numbers": HOLDER,
            },
            {
                "person_id": "P2",
                "forename": "Sam",
                "surname": "Mother",
                "address_id": "A1",
                "phone_numbers": "",
            },
        ],
    )
    write(
        folder / "addresses.csv",
        [
            {"address_id": "A1", "line1": "1 Hub Road", "postcode": "B1 1AA"},
            {"address_id": "A2", "line1": "2 County Close", "postcode": "OX1 1AA"},
        ],
    )
    write(
        folder / "vehicles.csv",
        [
            {
                "vrm": "AB12CDE",
                "make": "Audi",
                "model": "A3",
                "colour": "Black",
                "keeper_person_id": "P1",
            },
        ],
    )
    write(folder / "intelligence.csv", [
        {"ref": "IR1", "reported_at": "2026-03-02T10:00:00Z", "source_evaluation": "2",
         "intelligence_assessment": "B", "handling_code": "P", "handling_conditions": "",
         "text": "The 'Snow' line is using a number ending 0002.", "subjects": ""},
        {"ref": "IR2", "reported_at": "2026-03-03T10:00:00Z", "source_evaluation": "1",
         "intelligence_assessment": "A", "handling_code": "C",
         "handling_conditions": "Not to be disseminated",
         "text": "Pat Holder holds the 'Snow' line phone.", "subjects": "P1"},
        {"ref": "IR3", "reported_at": "2026-03-04T10:00:00Z", "source_evaluation": "3",
         "intelligence_assessment": "C", "handling_code": "P", "handling_conditions": "",
         "text": "Vehicle AB12 CDE takes runners for the 'Snow' line.", "subjects": ""},
    ])  # fmt: skip


def test_the_network_carries_records_with_provenance_and_grading(tmp_path: Path) -> None:
    _bundle(tmp_path / "bundle")
    space = Workspace.open(tmp_path / "ws")
    settings = Settings(workspace=space.root)
    ingest_bundle(tmp_path / "bundle", space, settings)
    write(space.results / "lines.csv", [{"line_id": "SL001", "numbers": f"{OLD};{NEW}"}])
    write(space.results / "holders.csv", [
        {"line_id": "SL001", "role": "holder", "number": HOLDER, "person_id": "P1"},
        {"line_id": "SL001", "role": "controller", "number": CONTROLLER, "person_id": ""},
    ])  # fmt: skip
    write(space.results / "runners.csv", [{"number": RUNNER, "person_id": "", "line_id": "SL001"}])
    write(space.results / "addresses.csv", [
        {"address_id": "A2", "line_id": "SL001", "score": "0.8", "resident_person_id": "",
         "assessment": "likely cuckooed"},
    ])  # fmt: skip
    ranked = rank_network(space, settings)
    graph = ranked.network.graph
    holder = next(r for r in ranked.key_players if r["entity_id"] == "P1")
    assert "co-location and intelligence with SL001, graded 1A C (records)" in holder["evidence"]
    edges = {
        tuple(sorted((graph.vs[e.source]["name"], graph.vs[e.target]["name"]))): e for e in graph.es
    }
    holder_line = edges[("P1", "SL001")]
    assert holder_line["kinds"] == "co-location;intelligence"
    assert "on 5 days" in holder_line["provenance"] and "IR2" in holder_line["provenance"]
    assert holder_line["grading"] == "1A C"
    assert "Pat Holder" not in holder_line["provenance"]  # a C report's text stays out
    assert (CONTROLLER, RUNNER) not in edges or "co-location" not in edges[(CONTROLLER, RUNNER)][
        "kinds"
    ]
    assert edges[("AB12 CDE", "SL001")]["grading"] == "3C P"
    assert edges[("AB12 CDE", "P1")]["kinds"] == "keeper"
    assert edges[("A2", "SL001")]["kinds"] == "premises"
    labels = dict(zip(graph.vs["name"], graph.vs["label"], strict=True))
    assert labels["P1"] == "Pat Holder" and labels["A2"] == "2 County Close, OX1 1AA"
    assert labels["AB12 CDE"] == "AB12 CDE (Black Audi A3)"
    assert "P2" not in labels  # the holder's mother: a record, not part of the line's network
