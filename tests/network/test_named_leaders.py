"""A leader behind a go-between: named by intelligence and confirmed by the calls, never by
one of them alone."""

from __future__ import annotations

import igraph as ig

from stronghold.network.command_ties import directors, line_command
from stronghold.network.graph import Network
from stronghold.network.groups import Group
from stronghold.network.key_players import key_players
from stronghold.network.position import positions
from stronghold.network.roles import Roles


def go_between_network(
    boss_calls: int,
    report_on: str,
    nights: tuple[tuple[str, str], ...] = (),
    mother: str = "comms;household",
) -> Network:
    """Lines A1 and B1 with holders HA, HB and runners; G, a go-between, talks to both holders
    (so directs both); L talks only to G `boss_calls` times, M (G's mother) 300 times, her
    phone spending its nights with his (`mother`: that edge's kinds). One intelligence
    report ties `report_on` to line A1. `nights`: (person, phone) pairs, the
    phone sleeping where the person lives (sleeping.py)."""
    edges = [
        ("HA", "A1", 50, "comms"), ("HB", "B1", 50, "comms"), ("RA", "A1", 30, "comms"),
        ("RB", "B1", 30, "comms"), ("G", "HA", 60, "comms"), ("G", "HB", 60, "comms"),
        ("L", "G", boss_calls, "comms"), ("M", "G", 300, mother),
        (report_on, "A1", 0, "intelligence"),
        *((person, phone, 0, "nights") for person, phone in nights),
    ]  # fmt: skip
    names = sorted({n for a, b, _, _ in edges for n in (a, b)})
    graph = ig.Graph(n=len(names), edges=[(names.index(a), names.index(b)) for a, b, _, _ in edges])
    graph.vs["name"] = names
    graph.vs["kind"] = ["line" if n in ("A1", "B1") else "person" for n in names]
    graph.vs["numbers"] = ["" for _ in names]
    graph.es["events"] = [float(w) for _, _, w, _ in edges]
    graph.es["weight"] = [float(w) + (k != "comms") for _, _, w, k in edges]
    graph.es["kinds"] = [k for _, _, _, k in edges]
    graph.es["grading"] = ["2C P" if k != "comms" else "" for _, _, _, k in edges]
    roles = Roles()
    roles.add("HA", "holder", "A1")
    roles.add("HB", "holder", "B1")
    roles.add("RA", "runner", "A1")
    roles.add("RB", "runner", "B1")
    return Network(graph, roles)


def named(net: Network) -> dict[str, set[str]]:
    names = net.graph.vs["name"]
    return {names[v]: lines for v, lines in line_command(net).named.items()}


def test_intelligence_and_calls_to_the_go_between_name_the_leader_above_him() -> None:
    net = go_between_network(boss_calls=100, report_on="L")
    names = net.graph.vs["name"]
    command = line_command(net)
    assert named(net) == {"L": {"A1"}}
    found = {names[v] for v in directors(command)}
    assert found == {"G", "L"}  # the go-between directs both lines; L is named above him
    assert names.index("G") in command.above[names.index("L")]


def test_neither_the_report_nor_the_calls_alone_name_anyone() -> None:
    assert named(go_between_network(boss_calls=5, report_on="L")) == {}  # a report, no calls
    assert named(go_between_network(boss_calls=100, report_on="X")) == {}  # calls, no report
    # the mother talks to G most of all, but no report ties her to a line
    assert "M" not in named(go_between_network(boss_calls=100, report_on="L"))


def test_the_named_leader_ranks_above_the_go_between_and_the_holders_below_both() -> None:
    net = go_between_network(boss_calls=100, report_on="L")
    places, _ = positions(net.graph)
    group = Group("G01", list(range(net.graph.vcount())), ["A1", "B1"])
    rows = key_players(net, [group], places)
    order = [r["entity_id"] for r in rows]
    assert order[:2] == ["L", "G"]  # the leader, then the go-between who answers to him
    assert order.index("HA") > 1 and order.index("HB") > 1
    holder = next(r for r in rows if r["entity_id"] == "HA")
    assert "answers to G" in holder["evidence"]
    leader = next(r for r in rows if r["entity_id"] == "L")
    assert "intelligence ties it to A1 (records)" in leader["evidence"]


def test_a_phone_that_sleeps_where_the_named_person_lives_speaks_for_them() -> None:
    # P, whose own number is on no record, is named with A1; L, an unlisted phone, sleeps
    # where P lives and talks to the go-between
    net = go_between_network(boss_calls=100, report_on="P", nights=(("P", "L"),))
    assert named(net) == {"P": {"A1"}}
    places, _ = positions(net.graph)
    group = Group("G01", list(range(net.graph.vcount())), ["A1", "B1"])
    rows = key_players(net, [group], places)
    assert rows[0]["entity_id"] == "P"
    assert "counting L, which sleeps where they live" in rows[0]["evidence"]
    # without the nights, the report alone names no one
    assert named(go_between_network(boss_calls=100, report_on="P")) == {}


def test_one_the_lines_holder_sleeps_with_is_not_above_the_line() -> None:
    # P is named with A1, and a phone sleeping at P's home calls the go-between; but A1's own
    # holder also sleeps there: P is the holder, or his household
    net = go_between_network(boss_calls=100, report_on="P", nights=(("P", "L"), ("P", "HA")))
    assert named(net) == {}


def shared_controller_network(nights: tuple[tuple[str, str], ...]) -> Network:
    """Lines A1 and B1 share controller C; HB, B1's holder, calls A1's holder HA 40 times.
    One report ties P (no number on record) to A1; `nights`: (person, phone) pairs."""
    edges = [
        ("HA", "A1", 50, "comms"), ("HB", "B1", 50, "comms"), ("C", "A1", 40, "comms"),
        ("C", "B1", 40, "comms"), ("C", "HA", 30, "comms"), ("C", "HB", 30, "comms"),
        ("HB", "HA", 40, "comms"), ("P", "A1", 0, "intelligence"),
        *((person, phone, 0, "nights") for person, phone in nights),
    ]  # fmt: skip
    names = sorted({n for a, b, _, _ in edges for n in (a, b)})
    graph = ig.Graph(n=len(names), edges=[(names.index(a), names.index(b)) for a, b, _, _ in edges])
    graph.vs["name"] = names
    graph.vs["kind"] = ["line" if n in ("A1", "B1") else "person" for n in names]
    graph.es["events"] = [float(w) for _, _, w, _ in edges]
    graph.es["kinds"] = [k for _, _, _, k in edges]
    roles = Roles()
    for entity, role, line in (("HA", "holder", "A1"), ("HB", "holder", "B1")):
        roles.add(entity, role, line)
    for line in ("A1", "B1"):
        roles.add("C", "controller", line)
    return Network(graph, roles)


def test_the_holder_of_one_line_is_named_above_another_whose_controller_shares_his_nights() -> None:
    # B1's holder phone and the controller both lines share sleep where P lives: P holds B1,
    # and the report puts him above A1 (his holder phone's calls to A1's holder count)
    net = shared_controller_network(nights=(("P", "HB"), ("P", "C")))
    assert named(net) == {"P": {"A1"}}
    # the controller's calls are his own, not P's: with only the controller there, P is the
    # controller or his household
    assert named(shared_controller_network(nights=(("P", "C"),))) == {}


def test_one_most_in_touch_with_the_go_between_as_his_business_is_his_boss() -> None:
    # no report names anyone; L talks to no one but G, as often as G to each holder
    net = go_between_network(boss_calls=100, report_on="X")
    names = net.graph.vs["name"]
    command = line_command(net)
    assert {names[u] for u in command.bosses} == {"L"}  # M sleeps where G does
    places, _ = positions(net.graph)
    group = Group("G01", list(range(net.graph.vcount())), ["A1", "B1"])
    rows = key_players(net, [group], places)
    assert [r["entity_id"] for r in rows[:2]] == ["L", "G"]
    assert "most in touch with its go-between G 100 calls and texts" in rows[0]["evidence"]
    # less than G's business with his holders: family or a friend, not named
    assert not line_command(go_between_network(boss_calls=40, report_on="X")).bosses
    # a caller who does not share G's nights is the comms' best guess, shown as such
    mothers = line_command(go_between_network(boss_calls=40, report_on="X", mother="comms"))
    assert {names[u] for u in mothers.bosses} == {"M"}
