"""Confirmed transactions counted exactly by the stated rule, on hand-made comms."""

from __future__ import annotations

from pathlib import Path

from stronghold.analysis.features import feature_pipeline
from stronghold.analysis.transactions import line_steps
from stronghold.engine import open_engine
from stronghold.engine.pipeline import Pipeline
from tests.analytics import registered
from tests.ingest.helpers import ingest

LINE, RUNNER, FRIEND = "07700900001", "07700900002", "07700900003"


def e164(number: str) -> str:
    return "+44" + number[1:]


def summary(events: list[str], tmp_path: Path) -> dict[str, object]:
    text = "start_time,a_number,b_number,kind\n" + "\n".join(events) + "\n"
    workspace, _ = ingest(tmp_path, {"comms.csv": text})
    with open_engine("duckdb") as engine:
        registered(engine, workspace.root)
        pipeline = feature_pipeline()
        pipeline.steps += line_steps({e164(LINE): "SL001"}, 45)
        (row,) = Pipeline(pipeline.steps).result(engine).to_pylist()
    return row


def test_orders_called_back_within_the_window_are_confirmed(tmp_path: Path) -> None:
    customers = [f"0770091{n:04d}" for n in range(7)]
    events = []
    for n, customer in enumerate(customers[:3]):  # the runner calls back three: a regular
        events += [
            f"2026-07-0{n + 1}T12:00:00Z,{customer},{LINE},sms",
            f"2026-07-0{n + 1}T12:10:00Z,{RUNNER},{customer},call",
        ]
    c3, c4, c5, c6 = customers[3:]
    events += [
        # texting twice ten minutes apart, one callback: one order, one deal
        f"2026-07-05T12:00:00Z,{c3},{LINE},sms",
        f"2026-07-05T12:10:00Z,{c3},{LINE},sms",
        f"2026-07-05T12:20:00Z,{RUNNER},{c3},call",
        # called back an hour later: an order, not confirmed
        f"2026-07-05T15:00:00Z,{c4},{LINE},call",
        f"2026-07-05T16:00:00Z,{RUNNER},{c4},call",
        # the line itself rings back: confirmed; its text back would not be
        f"2026-07-06T12:00:00Z,{c5},{LINE},call",
        f"2026-07-06T12:05:00Z,{LINE},{c5},call",
        f"2026-07-06T18:00:00Z,{c6},{LINE},call",
        f"2026-07-06T18:05:00Z,{LINE},{c6},sms",
        # a friend ringing a customer is nobody's runner
        f"2026-07-07T12:00:00Z,{c6},{LINE},call",
        f"2026-07-07T12:05:00Z,{FRIEND},{c6},call",
    ]
    found = summary(events, tmp_path)
    assert (found["orders"], found["confirmed"], found["runners"]) == (8, 5, 1)
    assert (found["customers"], found["texted"], found["order_days"]) == (7, 1, 6)
