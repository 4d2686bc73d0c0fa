"""A hand-made network with every attribute the exports read, for the export tests."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import igraph as ig

from stronghold.network.groups import Group

# Numbers: Ofcom's drama ranges, never anyone's. The London and Leeds fixed-line ones are
# numbers phone plans accept; the 07700 900 mobile ones (the synthetic world's) are not.
LINE_NUMBERS = "+447700900001;+447700900002"
PHONE, HOLDER_PHONE = "+442079460001", "+441134960001"
NAMES = ["SL001", "P1", PHONE, "A1", "TE57 VRM", "SL001 customers", "P2"]
KINDS = ["line", "person", "phone", "address", "vehicle", "customers", "person"]
LABELS = ["SL001", "Test Person One", PHONE, "1 Example Street, Testtown", "TE57 VRM", "", "P2"]
NUMBERS = [LINE_NUMBERS, HOLDER_PHONE, PHONE, "", "", "+447700900020", ""]
AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
EDGES = [  # ends, weight, events, kinds, provenance, grading, first, last
    ((0, 5), 30.0, 30, "comms", "", "", AT, AT.replace(hour=18)),
    ((1, 2), 6.0, 5, "comms;intelligence", 'intelligence IR1 "P1 & <phone>"', "1A P", AT, AT),
    ((2, 0), 6.0, 6, "comms", "", "", AT, AT),
    ((1, 3), 1.0, 0, "residence", "people.csv: P1 lives at A1", "", None, None),
    ((1, 4), 1.0, 0, "keeper", "vehicles.csv: P1 keeps TE57 VRM", "", None, None),
    ((1, 6), 2.0, 2, "comms", "", "", AT, AT),
    ((3, 0), 1.0, 0, "premises", "addresses.csv: SL001 likely uses A1 (score 0.81)", "", AT, AT),
]
GROUPS = [Group("G01", [0, 1, 2, 3, 5, 6], ["SL001"]), Group("G02", [4])]  # G02: not reported
KEY_PLAYERS = [
    {"entity_id": "P1", "ocg_id": "G01", "score": 0.8123, "rank": 1, "evidence": "holder"},
    {"entity_id": PHONE, "ocg_id": "G01", "score": 0.4, "rank": 2, "evidence": "runner"},
]


def hand_made(with_new_attributes: bool = True) -> ig.Graph:
    graph = ig.Graph(n=len(NAMES), edges=[e[0] for e in EDGES])
    graph.vs["name"], graph.vs["kind"], graph.vs["numbers"] = NAMES, KINDS, NUMBERS
    columns = list(zip(*EDGES, strict=True))
    graph.es["weight"], graph.es["first"], graph.es["last"] = columns[1], columns[6], columns[7]
    if with_new_attributes:
        graph.vs["label"] = LABELS
        graph.es["events"], graph.es["kinds"] = columns[2], columns[3]
        graph.es["provenance"], graph.es["grading"] = columns[4], columns[5]
    return graph


def pairs(graph: ig.Graph) -> Counter[frozenset[str]]:
    return Counter(
        frozenset((graph.vs[e.source]["name"], graph.vs[e.target]["name"])) for e in graph.es
    )
