"""The disruption what-if: the measures on graphs whose answer is known by hand, the
strategies' orders, and a tiny workspace with a line, its holder, controller and runner."""

from __future__ import annotations

import csv
from pathlib import Path

import igraph as ig
import pytest

from stronghold.network.connectivity import connectivity
from stronghold.network.disruption import compare, disrupt, lines_left, outcome, resolve
from stronghold.network.graph import Network
from stronghold.network.roles import Roles
from stronghold.network.strategies import random_draws, removal_order
from tests.network.test_network_graph import CONTROLLER, HOLDER, RUNNER, workspace


def network(edges: list[tuple[int, int]], roles: Roles | None = None) -> Network:
    """A network of phones n0, n1 ... joined by `edges`, one call each."""
    graph = ig.Graph(edges=edges)
    graph.vs["name"] = [f"n{v}" for v in range(graph.vcount())]
    graph.vs["kind"] = ["phone"] * graph.vcount()
    graph.vs["numbers"] = graph.vs["name"]
    graph.es["weight"] = [1.0] * graph.ecount()
    return Network(graph, roles or Roles())


PATH = [(0, 1), (1, 2), (2, 3), (3, 4)]  # n0 - n1 - n2 - n3 - n4


def test_efficiency_and_largest_component_of_a_path() -> None:
    whole = connectivity(network(PATH).graph)
    # pairs at distance 1, 2, 3, 4: 4, 3, 2, 1 -> mean of 1/d over the 10 pairs
    assert whole.largest == 5
    assert whole.efficiency == pytest.approx((4 + 3 / 2 + 2 / 3 + 1 / 4) / 10)
    middle = connectivity(network(PATH).graph, removed=[2])
    assert (middle.nodes, middle.largest) == (4, 2)  # n0-n1 and n3-n4
    assert middle.efficiency == pytest.approx(2 / 6)  # 2 of 6 pairs joined, at distance 1


def test_taking_an_end_off_a_path_makes_it_more_efficient() -> None:
    net = network(PATH)
    result = outcome(net, connectivity(net.graph), "given", ["n0"])
    assert result.largest_lost == pytest.approx(0.2)
    # the path of four is tighter: (3 + 2/2 + 1/3) / 6 against 0.6417, a rise reported as is
    assert result.efficiency_after == pytest.approx((3 + 1 + 1 / 3) / 6)
    assert result.efficiency_change == pytest.approx((13 / 18) / (77 / 120) - 1)
    assert result.efficiency_change > 0


def test_the_hub_of_a_star_takes_everything() -> None:
    net = network([(0, leaf) for leaf in range(1, 6)])
    result = outcome(net, connectivity(net.graph), "given", ["n0"])
    assert result.largest_lost == pytest.approx(1 - 1 / 6)
    assert result.efficiency_after == 0.0
    assert result.efficiency_change == -1.0


def test_sequential_removal_recomputes_betweenness() -> None:
    net = network([(v, v + 1) for v in range(6)])  # n0 ... n6 in a row
    # once n3 is gone, n2 and n4 are ends of their halves: n1 (or n5) is then the broker
    assert removal_order(net, "betweenness", 2) == ["n3", "n1"]
    assert removal_order(net, "betweenness", 2, sequential=False) == ["n3", "n2"]
    assert removal_order(net, "degree", 1) == ["n1"]  # all of degree 2: by name


def test_random_draws_are_seeded_and_of_people_and_phones_only() -> None:
    net = network(PATH)
    net.graph.vs[4]["kind"] = "line"
    draws = random_draws(net, 2, draws=5)
    assert draws == random_draws(net, 2, draws=5)
    assert len(draws) == 5 and all(len(d) == 2 and "n4" not in d for d in draws)
    result = compare(net, 2, ["random"], draws=5)[0]
    assert result.draws == 5 and result.largest_lost_sd >= 0


def test_targeted_removal_beats_random_on_a_star_of_stars() -> None:
    edges = [(0, hub) for hub in (1, 2, 3)]
    edges += [(hub, 4 + 3 * (hub - 1) + k) for hub in (1, 2, 3) for k in range(3)]
    net = network(edges)  # n0 joins three hubs of three leaves each: 13 nodes
    found = {o.strategy: o for o in compare(net, 1, ["betweenness", "degree", "random"])}
    assert found["betweenness"].removed == ("n0",)
    assert found["betweenness"].largest_lost == pytest.approx(1 - 4 / 13)
    assert found["degree"].removed == ("n1",)  # hubs have four contacts, n0 three
    assert found["random"].largest_lost < found["betweenness"].largest_lost


def test_holders_first_lines_left_and_who_could_step_in(tmp_path: Path) -> None:
    space, settings = workspace(tmp_path)
    report = disrupt(space, settings, remove=["07700 900010"], top=1)  # the holder's phone
    given, *strategies = report.outcomes
    assert given.removed == ("P1",)  # the number is its person
    assert [(line.line_id, line.without_holder, line.without_runners) for line in given.lines] == [
        ("SL001", True, False)
    ]
    assert {o.strategy: o.removed for o in strategies}["holders"] == ("P1",)
    best = report.successors[0]
    assert best.candidate == CONTROLLER  # the controller of the line left without a holder
    assert "controller of SL001" in best.reason and "was in contact with P1" in best.reason
    with (space.results / "disruption.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["strategy"] for r in rows] == ["as given", *(o.strategy for o in strategies)]
    assert rows[0]["lines_without_holder"] == "1"
    assert (space.results / "disruption_successors.csv").exists()


def test_the_runner_taken_leaves_the_line_without_runners(tmp_path: Path) -> None:
    space, settings = workspace(tmp_path)
    report = disrupt(space, settings, remove=[RUNNER], strategies=["degree"])
    assert [o.strategy for o in report.outcomes] == ["as given", "degree"]
    (line,) = lines_left(report.network, {RUNNER})
    assert line.without_runners and not line.without_holder
    assert line.runners == (1, 1) and line.holders == (0, 1)
    with pytest.raises(ValueError, match="customers node"):
        resolve(report.network, ["SL001 customers"])
    with pytest.raises(ValueError, match="not in the network"):
        resolve(report.network, ["+447700900999"])
    assert resolve(report.network, [HOLDER, "P1"]) == ["P1"]
    assert resolve(report.network, ["+447700900002"]) == ["SL001"]  # a line's later number
    (closed,) = lines_left(report.network, {"SL001"})
    assert closed.closed and not closed.without_holder


def test_the_command_compares_strategies_and_refuses_what_it_cannot_do(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from stronghold.cli import app

    space, _ = workspace(tmp_path)
    runner = CliRunner()
    ws = ["--workspace", str(space.root)]
    result = runner.invoke(app, ["disrupt", *ws, "--remove", "P1", "--strategy", "degree"])
    assert result.exit_code == 0, result.output
    assert "as given" in result.output and "without a holder" in result.output
    assert "Who could step in" in result.output and CONTROLLER in result.output
    result = runner.invoke(app, ["disrupt", *ws, "--strategy", "fastest", "--top", "0"])
    assert result.exit_code == 2
    assert "unknown strategy fastest" in result.output and "--top must be" in result.output
    result = runner.invoke(app, ["disrupt", *ws, "--remove", "nobody"])
    assert result.exit_code == 2 and "nobody is not in the network" in result.output
