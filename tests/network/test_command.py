"""Groups reconciled with command: one community holding two commands' lines is split."""

from __future__ import annotations

import igraph as ig

from stronghold.network.command import by_command
from stronghold.network.command_ties import directors, line_command
from stronghold.network.graph import Network
from stronghold.network.roles import Roles

# Two crews: H1 directs lines A1 and A2 with runner R1; H2 directs B1 with runner R2. X calls
# mostly crew A, Y mostly crew B, and a shared customer town ties A2 weakly to B1.
EDGES = [
    ("H1", "A1", 50), ("H1", "A2", 40), ("R1", "A1", 30), ("X", "A2", 20), ("X", "B1", 2),
    ("H2", "B1", 50), ("R2", "B1", 30), ("Y", "B1", 25), ("Y", "A2", 3), ("A2", "B1", 1),
    ("Q", "Z", 5),
]  # fmt: skip


def network() -> Network:
    names = sorted({n for a, b, _ in EDGES for n in (a, b)})
    graph = ig.Graph(n=len(names), edges=[(names.index(a), names.index(b)) for a, b, _ in EDGES])
    graph.vs["name"] = names
    graph.vs["kind"] = ["line" if n[0] in "AB" else "person" for n in names]
    graph.es["weight"] = [float(w) for _, _, w in EDGES]
    roles = Roles()
    for line in ("A1", "A2"):
        roles.add("H1", "holder", line)
    roles.add("H2", "holder", "B1")
    roles.add("R1", "runner", "A1")
    roles.add("R2", "runner", "B1")
    return Network(graph, roles)


def groups(membership: list[int]) -> set[frozenset[str]]:
    net = network()
    found = by_command(net, membership, line_command(net))
    return {frozenset(net.graph.vs[v]["name"] for v in g) for g in found}


def test_a_community_holding_two_commands_is_split_to_the_nearest() -> None:
    names = network().graph.vs["name"]
    one = [0 if n not in ("Q", "Z") else 1 for n in names]  # Leiden put both crews together
    assert groups(one) == {
        frozenset({"H1", "A1", "A2", "R1", "X"}),
        frozenset({"H2", "B1", "R2", "Y"}),
        frozenset({"Q", "Z"}),
    }


def test_communities_of_one_command_are_joined_and_its_people_placed() -> None:
    names = network().graph.vs["name"]
    split = {"A1": 0, "R1": 0, "H1": 2, "A2": 1, "X": 1, "B1": 3, "H2": 3, "R2": 3, "Y": 3}
    assert groups([split.get(n, 4) for n in names]) == {
        frozenset({"H1", "A1", "A2", "R1", "X"}),
        frozenset({"H2", "B1", "R2", "Y"}),
        frozenset({"Q", "Z"}),
    }


def leader_network(calls_to_holders: int) -> Network:
    """Two lines with their own holders and runners; L talks to both holders
    `calls_to_holders` times each; M, the first holder's mother, only to him."""
    edges = [
        ("H1", "A1", 50), ("R1", "A1", 30), ("H2", "B1", 50), ("R2", "B1", 30),
        ("L", "H1", calls_to_holders), ("L", "H2", calls_to_holders), ("M", "H1", 40),
    ]  # fmt: skip
    names = sorted({n for a, b, _ in edges for n in (a, b)})
    graph = ig.Graph(n=len(names), edges=[(names.index(a), names.index(b)) for a, b, _ in edges])
    graph.vs["name"] = names
    graph.vs["kind"] = ["line" if n[0] in "AB" else "person" for n in names]
    graph.es["weight"] = graph.es["events"] = [float(w) for _, _, w in edges]
    roles = Roles()
    roles.add("H1", "holder", "A1")
    roles.add("H2", "holder", "B1")
    roles.add("R1", "runner", "A1")
    roles.add("R2", "runner", "B1")
    return Network(graph, roles)


def test_a_leader_above_two_holders_ties_their_lines_and_an_acquaintance_does_not() -> None:
    directed = line_command(leader_network(calls_to_holders=30))
    assert [t.words() for t in directed.ties] == ["A1 and B1 are both directed by L"]
    names = leader_network(30).graph.vs["name"]
    assert directed.directs[names.index("L")] == {"A1", "B1"}
    assert directed.directs[names.index("M")] == {"A1"}  # one holder's mother: one line
    assert line_command(leader_network(calls_to_holders=2)).ties == []


def controller_network(leader_calls: int, lent_calls: int) -> Network:
    """Lines A1 and A2 share their one controller C, who manages runners R1 and R2 (100 and
    60 calls: his usual, the upper median, is 100); L talks only to C, `leader_calls` times;
    F, C's friend, 40 times. Line B1 of another group has controllers D and C (C lent to
    it); K, B1's leader, talks to D 300 times and to C `lent_calls` times."""
    edges = [
        ("HA", "A1", 50), ("HA", "A2", 50), ("HB", "B1", 50), ("C", "R1", 100), ("C", "R2", 60),
        ("R1", "A1", 30), ("R2", "A2", 30), ("D", "R3", 80), ("R3", "B1", 30),
        ("L", "C", leader_calls), ("F", "C", 40), ("K", "D", 300), ("K", "C", lent_calls),
    ]  # fmt: skip
    names = sorted({n for a, b, _ in edges for n in (a, b)})
    graph = ig.Graph(n=len(names), edges=[(names.index(a), names.index(b)) for a, b, _ in edges])
    graph.vs["name"] = names
    graph.vs["kind"] = ["line" if n[-1].isdigit() and n[0] in "AB" else "person" for n in names]
    graph.es["weight"] = graph.es["events"] = [float(w) for _, _, w in edges]
    roles = Roles()
    roles.add("HA", "holder", "A1")
    roles.add("HA", "holder", "A2")
    roles.add("HB", "holder", "B1")
    for line in ("A1", "A2", "B1"):
        roles.add("C", "controller", line)
    roles.add("D", "controller", "B1")
    for runner, line in (("R1", "A1"), ("R2", "A2"), ("R3", "B1")):
        roles.add(runner, "runner", line)
    return Network(graph, roles)


def test_a_leader_who_talks_only_to_his_lines_controller_directs_them_and_a_friend_does_not() -> (
    None
):
    net = controller_network(leader_calls=120, lent_calls=10)
    names = net.graph.vs["name"]
    command = line_command(net)
    found = {names[v]: lines for v, lines in directors(command).items()}
    assert found == {"L": {"A1", "A2"}}  # 120 >= C's usual 100 with a runner; F's 40 is not
    assert directors(line_command(controller_network(leader_calls=50, lent_calls=10))) == {}


def test_a_lent_controller_puts_another_groups_lines_in_reach_not_under_direction() -> None:
    command = line_command(controller_network(leader_calls=90, lent_calls=10))
    names = command_names = controller_network(90, 10).graph.vs["name"]
    # K talks to most of B1's controllers (D and C) but only to C of A1 and A2 (one of one):
    # 10 calls against 310 with B1's command is a lent chief, not direction
    assert command.directs[names.index("K")] == {"B1"}
    strong = line_command(controller_network(leader_calls=90, lent_calls=300))
    assert strong.directs[command_names.index("K")] == {"A1", "A2", "B1"}
