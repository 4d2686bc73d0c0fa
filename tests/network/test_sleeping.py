"""Phones that sleep where a person lives (sleeping.py), on a hand-made mast with three
sectors: the sector facing a home serves it; its neighbours' and the far side's do not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyarrow as pa
import pytest

from stronghold.engine.duckdb_engine import DuckDBEngine
from stronghold.network.sleeping import business_phones, sleeping_at

MAST = (52.0, -1.0)
HOME = (52.004, -1.0)  # 450 m due north of the mast
START = datetime(2026, 3, 1, tzinfo=UTC)
PAIRS = "select a, b, events from pairs"


def comms(nights: dict[str, tuple[str, int]]) -> pa.Table:
    """Each number texting at 23:30 on `count` nights from `cell`, and at noon elsewhere."""
    rows = []
    for number, (cell, count) in nights.items():
        for day in range(10):
            night = START + timedelta(days=day, hours=23, minutes=30)
            rows.append((night, number, "+447700900999", cell if day < count else "FAR"))
            rows.append((night - timedelta(hours=11), number, "+447700900999", "NORTH"))
    return pa.table(
        {
            "start_time": pa.array([r[0] for r in rows], pa.timestamp("us", tz="UTC")),
            "a_number": [r[1] for r in rows],
            "b_number": [r[2] for r in rows],
            "a_cell": [r[3] for r in rows],
            "b_cell": pa.array([None] * len(rows), pa.string()),
        }
    )


@pytest.fixture
def engine() -> DuckDBEngine:
    engine = DuckDBEngine()
    cells = {"NORTH": 0.0, "EAST": 120.0, "WEST": 240.0}
    engine.register_arrow(
        "cells",
        pa.table(
            {
                "cell_id": [*cells, "FAR"],
                "latitude": [MAST[0]] * 3 + [52.2],
                "longitude": [MAST[1]] * 3 + [-1.2],
                "azimuth_deg": [*cells.values(), 0.0],
                "radius_m": [1500.0] * 4,
            }
        ),
    )
    engine.register_arrow(
        "addresses",
        pa.table({"address_id": ["HOME"], "latitude": [HOME[0]], "longitude": [HOME[1]]}),
    )
    return engine


def test_a_phone_sleeps_where_the_cell_facing_the_home_serves_it(engine: DuckDBEngine) -> None:
    engine.register_arrow(
        "comms",
        comms({"+447700900001": ("NORTH", 6), "+447700900002": ("WEST", 10),
               "+447700900003": ("NORTH", 2), "+447700900004": ("NORTH", 3)}),
    )  # fmt: skip
    slept = sleeping_at(engine, {f"+44770090000{i}" for i in range(1, 5)}, {"P1": "HOME"})
    # the far side of the same mast is another street; 2 nights are a visit; 3 of 10 nights
    # fall short of a third of them
    assert slept == {"P1": {"+447700900001": (6, 10)}}
    everyone = sleeping_at(engine, {"+447700900004"}, {"P1": "HOME"}, share=0.0)
    assert everyone == {"P1": {"+447700900004": (3, 10)}}  # a chief's stays count at any share


def test_a_business_phone_is_most_in_touch_with_the_lines_command(engine: DuckDBEngine) -> None:
    pairs = [
        ("G", "H1", 60), ("G", "H2", 60),  # a go-between: in touch with two chiefs
        ("BOSS", "G", 100), ("BOSS", "MUM", 20),  # most in touch with the go-between
        ("WIFE", "G", 30), ("WIFE", "CHILD", 200),  # knows G, most with her child
        ("NEIGHBOUR", "G", 21), ("NEIGHBOUR", "FRIEND", 90),
        ("RUNNER", "H1", 25), ("RUNNER", "CUSTOMER", 80),  # most with his customers
        ("KID", "CUSTOMER", 100),  # most with someone who is no one's business
        ("X", "G", 10), ("LONE", "H2", 50),  # LONE talks to one holder only
    ]  # fmt: skip
    engine.register_arrow(
        "pairs",
        pa.table({"a": [p[0] for p in pairs], "b": [p[1] for p in pairs],
                  "events": [p[2] for p in pairs]}),
    )  # fmt: skip
    found = business_phones(engine, {"H1", "H2"}, PAIRS, 20)
    assert found == {"H1", "H2", "G", "BOSS", "LONE"}
