"""Behaviour features per number: deal lines broadcast, ordinary phones do not, and both
engines work the features out alike."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from stronghold.analysis.features import FeatureSettings, feature_pipeline
from stronghold.engine import Engine, open_engine
from tests.analytics import registered, rows
from tests.conftest import load_truth
from tests.ingest.helpers import ingest


@pytest.fixture(scope="module")
def features(tiny_workspace: Path) -> dict[str, dict[str, Any]]:
    with open_engine("duckdb") as engine:
        table = feature_pipeline().result(registered(engine, tiny_workspace))
    return {r["number"]: r for r in table.to_pylist()}


def test_line_numbers_broadcast_on_most_of_their_days(
    features: dict[str, dict[str, Any]], tiny_bundle: Path
) -> None:
    truth = load_truth(tiny_bundle)
    numbers = {n["number"] for line in truth["lines"] for n in line["numbers"]}
    assert numbers, "the tiny world has lines"
    for number in numbers:
        found = features[number]
        assert found["bursts"] >= 1, number
        assert found["burst_days"] >= found["active_days"] // 2, found
        assert found["largest_burst"] >= FeatureSettings().burst_recipients


def test_ordinary_phones_never_broadcast(
    features: dict[str, dict[str, Any]], tiny_bundle: Path
) -> None:
    truth = load_truth(tiny_bundle)
    special = {n["number"] for line in truth["lines"] for n in line["numbers"]}
    special |= {c["number"] for c in truth["confounders"]}
    ordinary = [f for number, f in features.items() if number not in special]
    assert len(ordinary) > 1_000
    assert [f["number"] for f in ordinary if f["bursts"]] == []


def test_features_count_what_the_events_say(tiny_workspace: Path) -> None:
    """A number's distinct outgoing contacts, straight from the view, match the feature:
    calls and messages to another subscriber that is not a service."""
    with open_engine("duckdb") as engine:
        registered(engine, tiny_workspace)
        feature_pipeline().run(engine)
        mismatched = engine.arrow(
            "select f.number from features f join (select a_number, count(distinct b_number) "
            "as n from comms where a_number_kind = 'e164' and b_number_kind = 'e164' "
            "and kind in ('call', 'sms', 'mms') and a_number <> b_number "
            "and b_number not in (select number from services) group by a_number) c "
            "on c.a_number = f.number where c.n <> f.out_contacts"
        )
    assert mismatched.num_rows == 0


@pytest.mark.slow
def test_spark_gives_the_same_features(tiny_workspace: Path, spark_engine: Engine) -> None:
    with open_engine("duckdb") as duck:
        expected = rows(feature_pipeline().result(registered(duck, tiny_workspace)))
    spark = registered(spark_engine, tiny_workspace)
    assert rows(feature_pipeline().result(spark)) == expected


def test_line_numbers_text_their_callers_first_and_runners_call_them_back(
    features: dict[str, dict[str, Any]], tiny_bundle: Path
) -> None:
    truth = load_truth(tiny_bundle)
    for line in truth["lines"]:
        for number in (n["number"] for n in line["numbers"]):
            found = features[number]
            assert found["callers"] >= 10, found
            assert found["texted_first_share"] >= 0.9, found
            assert found["callers_called_back_by_regulars"] >= 0.8 * found["callers"], found
            assert found["orders_called_back_share"] >= 0.5, found


def features_of(number: str, events: list[str], tmp_path: Path) -> dict[str, Any]:
    """The features of `number` (written 07...) from comms `events` (time,a,b,kind)."""
    text = "start_time,a_number,b_number,kind\n" + "\n".join(events) + "\n"
    workspace, _ = ingest(tmp_path, {"comms.csv": text})
    with open_engine("duckdb") as engine:
        table = feature_pipeline().result(registered(engine, workspace.root))
    return {r["number"]: r for r in table.to_pylist()}["+44" + number[1:]]


def test_callbacks_and_texted_first_count_exactly(tmp_path: Path) -> None:
    """A customer texted by the line, then ringing it: another number ringing the customer
    within 45 minutes is a callback; later, or the line itself, is not."""
    line, customer, runner, friend = (f"0770090{n:04d}" for n in (1, 2, 3, 4))
    events = [
        f"2026-07-01T11:00:00Z,{line},{customer},sms",
        f"2026-07-01T12:00:00Z,{customer},{line},call",
        f"2026-07-01T12:30:00Z,{runner},{customer},call",  # a callback
        f"2026-07-01T12:40:00Z,{line},{customer},call",  # the line itself: not one
        f"2026-07-01T13:00:00Z,{friend},{customer},call",  # an hour on: not one
        f"2026-07-01T14:00:00Z,{friend},{line},call",  # a caller never texted first
    ]
    found = features_of(line, events, tmp_path)
    assert (found["callers"], found["texted_first_share"]) == (2, 0.5)
    assert (found["callers_called_back"], found["callback_numbers"]) == (1, 1)
    assert found["callers_called_back_by_regulars"] == 0  # one callback is not a regular's


def test_a_number_calling_back_three_callers_is_a_regular(tmp_path: Path) -> None:
    line, runner, friend = "07700900001", "07700900002", "07700900003"
    customers = [f"0770091{n:04d}" for n in range(4)]
    events: list[str] = []
    for n, customer in enumerate(customers):
        events += [
            f"2026-07-0{n + 1}T12:00:00Z,{customer},{line},call",
            f"2026-07-0{n + 1}T12:10:00Z,{runner if n < 3 else friend},{customer},call",
        ]
    found = features_of(line, events, tmp_path)
    assert (found["callers_called_back"], found["callback_numbers"]) == (4, 2)
    assert found["callers_called_back_by_regulars"] == 3
    assert found["regular_callback_numbers"] == 1


def test_orders_and_their_callbacks_count_exactly(tmp_path: Path) -> None:
    """A runner rings three customers back: a regular. The first customer's chase 20
    minutes on is the same order; their call three hours on is a new one, not called back."""
    line, runner = "07700900001", "07700900002"
    customers = [f"0770091{n:04d}" for n in range(3)]
    events: list[str] = []
    for n, customer in enumerate(customers):
        events += [
            f"2026-07-0{n + 1}T12:00:00Z,{customer},{line},call",
            f"2026-07-0{n + 1}T12:10:00Z,{runner},{customer},call",
        ]
    events += [
        f"2026-07-01T12:20:00Z,{customers[0]},{line},sms",  # a chase: the same order
        f"2026-07-01T15:20:00Z,{customers[0]},{line},call",  # a new order, unanswered
    ]
    found = features_of(line, events, tmp_path)
    assert (found["orders"], found["orders_called_back"]) == (4, 3)
    assert found["orders_called_back_share"] == round((1 / 2 + 1 + 1) / 3, 3)


def test_a_broadcast_is_no_callback(tmp_path: Path) -> None:
    """A sender texting 20 numbers at once, three of them just after they rang the line,
    arranged no meeting with them: no callback, no regular."""
    line, sender = "07700900001", "07700900002"
    customers = [f"0770091{n:04d}" for n in range(3)]
    others = [f"0770092{n:04d}" for n in range(17)]
    events = [f"2026-07-01T12:00:00Z,{c},{line},call" for c in customers]
    events += [
        f"2026-07-01T12:05:{n:02d}Z,{sender},{number},sms"
        for n, number in enumerate(customers + others)
    ]
    found = features_of(line, events, tmp_path)
    assert (found["callers_called_back"], found["regular_callback_numbers"]) == (0, 0)
    assert (found["orders"], found["orders_called_back"]) == (3, 0)


def test_hours_and_stability_count_exactly(tmp_path: Path) -> None:
    """The same friend on three days and another on one: four contact-days, two contacts."""
    me, friend, other = "07700900001", "07700900002", "07700900003"
    events = [
        f"2026-07-01T02:00:00Z,{me},{friend},call",  # at night
        f"2026-07-02T12:00:00Z,{me},{friend},sms",
        f"2026-07-03T12:30:00Z,{me},{friend},sms",
        f"2026-07-03T18:00:00Z,{other},{me},call",
    ]
    found = features_of(me, events, tmp_path)
    assert (found["hours_active"], found["night_share"]) == (3, 0.25)
    assert found["contact_stability"] == 0.5
