"""Key players: the people and phones whose removal would hurt a group most, ranked per
group with the reasons in words.

score = 0.3 x position + 0.5 x role + 0.2 x lines, each in [0, 1]:
- position: the mean of betweenness, weighted degree and degree, and brokerage at half
  weight, each divided by the network's largest among people and phones (measured on the
  CAVIAR network: these put its three documented leaders first; brokerage at full weight
  lifted a go-between above the lieutenant);
- role: what the analyses found it to be for a line: holder 1 (0.75 when it answers to a
  director), controller 0.5, runner 0.2; a director (command_ties.py: a leader above two or
  more lines' command, or named by intelligence above one) 1
  (role outweighs position: a controller talks to every runner and so sits more central
  than the holder who directs him; the bigger fish is the holder);
- lines: the lines it holds or directs, against the most any one entity holds or directs (a
  controller's lines are not counted: a group's controllers work all its lines, and would
  outrank the leader above them).
A director scores at least the best holder who answers to anyone in its group (a holder of a
line it or another director directs), and a thousandth more: who directs a holder ranks above
the holder; a leader intelligence names (named_leaders.py) ranks so above the directors it is
in touch with too. With comms alone (no lines found) role and lines are 0 for everyone and
position decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median
from typing import Any

import numpy as np

from stronghold.network.command_ties import Command, directors, line_command
from stronghold.network.edges import nights_of
from stronghold.network.graph import Network
from stronghold.network.groups import Group
from stronghold.network.position import Position, Positions

__all__ = ["KEY_PLAYER_COLUMNS", "ROLE_WEIGHT", "key_players"]

KEY_PLAYER_COLUMNS = ("entity_id", "kind", "ocg_id", "score", "rank", "evidence")
ROLE_WEIGHT = {
    "director": 1.0,
    "holder": 1.0,
    "directed holder": 0.75,  # a holder who answers to a director the network found
    "controller": 0.5,
    "runner": 0.2,
}
WEIGHTS = (0.3, 0.5, 0.2)  # position, role, lines
RANKED = ("person", "phone")
FIGURES = ("betweenness", "calls", "contacts", "brokerage")
MAX_RECORDS = 4  # record links given in a row's evidence
ABOVE = 0.001  # a director's score over the best holder it directs


def key_players(
    network: Network,
    groups: list[Group],
    places: Sequence[Position],
    per_group: int = 25,
    command: Command | None = None,
) -> list[dict[str, Any]]:
    """key_players.csv rows: per group (those holding a line, or all when none does), its
    best `per_group` people and phones, best first."""
    graph, roles = network.graph, network.roles.roles
    kinds, names = graph.vs["kind"], graph.vs["name"]
    command = command or line_command(network)
    places = columns = Positions.of(places)  # each score from the columns, in one go
    ranked = np.fromiter((kind in RANKED for kind in kinds), bool, len(kinds))
    most = {name: _most(getattr(columns, name)[ranked]) for name in FIGURES}
    role, commands = np.zeros(len(kinds)), np.zeros(len(kinds), dtype=np.int64)
    for v, name in enumerate(names):
        if name in roles and ranked[v]:
            role[v] = max([ROLE_WEIGHT.get(r, 0.0) for r, _ in roles[name]] or [0.0])
            commands[v] = len({line for r, line in roles[name] if r == "holder"})
    directors = _directors(command, ranked)
    holders = _holders(names, roles)
    answers = _answers(directors, holders)
    for v in answers:
        role[v] = min(role[v], ROLE_WEIGHT["directed holder"])
    for v, lines in directors.items():
        role[v] = max(role[v], ROLE_WEIGHT["director"])
        commands[v] = max(commands[v], len(lines))
    most_lines = int(commands.max(initial=0)) or 1
    position = (
        columns.betweenness / most["betweenness"]
        + columns.calls / most["calls"]
        + columns.contacts / most["contacts"]
        + 0.5 * columns.brokerage / most["brokerage"]
    ) / 3.5
    score = WEIGHTS[0] * position + WEIGHTS[1] * role + WEIGHTS[2] * (commands / most_lines)
    _above_those_directed(score, directors, holders, command, groups)
    # calls and texts from the comms alone (the weights hold records too), every vertex's at
    # once: strength of one vertex reads the whole edge attribute (minutes at 5M edges)
    events = (
        graph.strength(weights="events") if "events" in graph.es.attributes() else columns.calls
    )
    linked = _linked(graph)
    with_lines = [g for g in groups if g.lines]
    rows = []
    for group in with_lines or groups:
        members = np.asarray(group.members, dtype=np.int64)
        for rank, v in enumerate(_best(members[ranked[members]], score, names, per_group), 1):
            held = roles.get(names[v], [])
            rows.append(
                {
                    "entity_id": names[v],
                    "kind": kinds[v],
                    "ocg_id": group.group_id,
                    "score": round(float(score[v]), 4),
                    "rank": rank,
                    "evidence": _evidence(
                        graph,
                        v,
                        places[v],
                        held,
                        most,
                        events[v],
                        v in linked,
                        _directing(graph, command, directors.get(v, set()), v)
                        + _answering(names, answers.get(v, set())),
                    ),
                }
            )
    return rows


def _most(values: np.ndarray) -> float:
    """The largest of `values`, or 1 where that is 0 (or there are none)."""
    return (values.max().item() if len(values) else 0) or 1.0


def _best(members: np.ndarray, score: np.ndarray, names: list[str], count: int) -> list[int]:
    """The `count` best of `members`: highest score first, then by name. Only those scoring
    at least the count-th best are sorted (a group can hold a million members)."""
    if count <= 0:
        return []
    if len(members) > count:
        cut = np.partition(score[members], len(members) - count)[len(members) - count]
        members = members[score[members] >= cut]
    order = sorted(members.tolist(), key=lambda v: (-float(score[v]), names[v]))
    return order[:count]


def _directors(command: Command, ranked: np.ndarray) -> dict[int, set[str]]:
    """The people and phones that direct two or more lines' command (command_ties.py)."""
    return {v: lines for v, lines in directors(command).items() if ranked[v]}


def _holders(names: list[str], roles: dict[str, list[tuple[str, str]]]) -> dict[str, list[int]]:
    """Each line -> the vertices that hold it."""
    holders: dict[str, list[int]] = {}
    for v, name in enumerate(names):
        for role, line in roles.get(name, ()):
            if role == "holder":
                holders.setdefault(line, []).append(v)
    return holders


def _above_those_directed(
    score: np.ndarray,
    directors: dict[int, set[str]],
    holders: dict[str, list[int]],
    command: Command,
    groups: list[Group],
) -> None:
    """A director ranks just above the best holder who answers to anyone in its group (the
    holders of the lines it or another director directs), and a leader intelligence names
    above the directors it is in touch with: who directs a holder is the bigger fish, however
    central the holder's phone sits."""
    directed_lines = set().union(*directors.values()) if directors else set()
    answering: dict[str, set[int]] = {}  # line -> the directed holders of its group
    for group in groups:
        held = {h for line in directed_lines & set(group.lines) for h in holders.get(line, ())}
        for line in group.lines:
            answering[line] = held
    # those above other directors last: the named, and go-betweens' bosses
    for v in sorted(directors, key=lambda v: v in command.named or v in command.bosses):
        directed = {h for line in directors[v] for h in holders.get(line, ())}
        directed |= {h for line in directors[v] for h in answering.get(line, ())}
        directed |= {d for d in command.above.get(v, {}) if d in directors}
        directed.discard(v)
        if directed:
            score[v] = max(score[v], max(score[d] for d in directed) + ABOVE)


def _answers(directors: dict[int, set[str]], holders: dict[str, list[int]]) -> dict[int, set[int]]:
    """Each holder (not itself a director) of a line a director directs -> its directors."""
    answers: dict[int, set[int]] = {}
    for d, lines in directors.items():
        for line in lines:
            for h in holders.get(line, ()):
                if h != d and h not in directors:
                    answers.setdefault(h, set()).add(d)
    return answers


def _answering(names: list[str], directors: set[int]) -> list[str]:
    if not directors:
        return []
    return [f"answers to {', '.join(sorted(names[d] for d in directors))} (the network)"]


def _directing(graph: Any, command: Command, lines: set[str], v: int) -> list[str]:
    if not lines:
        return []
    if v in command.bosses:
        return [_bossing(graph, command, lines, v)]
    chiefs = sorted(graph.vs[u]["name"] for u in command.above.get(v, ()))
    named = sorted(command.named.get(v, ()))
    slept = set(nights_of(graph, v)) - command.above.get(v, {}).keys() if named else set()
    through = sorted(graph.vs[x]["name"] for x in slept)
    sleep = "sleep" if len(through) > 1 else "sleeps"
    return [
        f"directs {', '.join(sorted(lines))}: in touch with their command "
        f"{', '.join(chiefs[:4])}{' ...' if len(chiefs) > 4 else ''}"
        + " (the network"
        + (f"; counting {', '.join(through)}, which {sleep} where they live" if through else "")
        + ")"
        + (f"; intelligence ties it to {', '.join(named)} (records)" if named else "")
    ]


def _bossing(graph: Any, command: Command, lines: set[str], v: int) -> str:
    names = graph.vs["name"]
    said = []
    for d, events in sorted(command.bosses[v].items()):
        usual = median(command.above.get(d, {}).values() or [0.0])
        said.append(
            f"{names[d]} {events:,.0f} calls and texts, as often as {names[d]} is with the "
            f"chiefs it directs (median {usual:,.0f})"
        )
    named = sorted(command.named.get(v, ()))
    return (
        f"directs {', '.join(sorted(lines))}: most in touch with its go-between "
        f"{'; '.join(said)} (the network)"
        + (f"; intelligence ties it to {', '.join(named)} (records)" if named else "")
    )


def _evidence(
    graph: Any,
    v: int,
    p: Position,
    held: list[tuple[str, str]],
    most: dict[str, float],
    events: float,
    linked: bool,
    directing: list[str],
) -> str:
    parts = list(directing)
    for role in ("holder", "controller", "runner"):
        lines = sorted({line for r, line in held if r == role})
        if lines:
            parts.append(f"{role} of {', '.join(lines)} (the analyses)")
    parts.append(
        f"in contact with {p.contacts} node(s), {events:,.0f} calls and texts; "
        f"betweenness {p.betweenness / most['betweenness']:.2f} of the network's highest; "
        f"brokerage {p.brokerage:.2f} (1 - Burt's constraint)"
    )
    if graph.vs[v]["kind"] == "person":
        parts.append(f"numbers: {graph.vs[v]['numbers'].replace(';', ', ')}")
    return "; ".join(parts + (_records(graph, v) if linked else []))


def _linked(graph: Any) -> set[int]:
    """The vertices with a record link (an edge that is not comms alone): found once, so
    that no other vertex's edges are read for its evidence."""
    if "kinds" not in graph.es.attributes():
        return set()
    edges = [e for e, kinds in enumerate(graph.es["kinds"]) if kinds != "comms"]
    return {v for edge in graph.es[edges] for v in edge.tuple}


def _records(graph: Any, v: int) -> list[str]:
    """What the records say of it beside the calls: the links other than comms to the
    lines (or, with no line among them, to anyone), strongest grading first."""
    if "kinds" not in graph.es.attributes():
        return []
    said = []
    for e in graph.es[graph.incident(v)]:
        kinds = [k for k in e["kinds"].split(";") if k != "comms"]
        if kinds:
            other = graph.vs[e.target if e.source == v else e.source]
            graded = f", graded {e['grading']}" if e["grading"] else ""
            said.append(
                (other["kind"] != "line", e["grading"] or "~", other["name"], kinds, graded)
            )
    said.sort()
    return [
        f"{' and '.join(kinds)} with {name}{graded} (records)"
        for _, _, name, kinds, graded in said[:MAX_RECORDS]
    ]
