"""Groups as the lines directed by the same people: Leiden's communities reconciled with the
command the analyses found (a line's holders and controllers).

Lines tied by command (a shared holder or someone directing both; shared controllers or
runners unless the rest of their command lives in different towns: command_ties.py,
`_commands`) are one command; the communities holding its lines are joined. A community
holding the lines of two commands is split between them, each of its nodes going to the
command it is nearest (paths whose length is the inverse of the contact, as for
betweenness): modularity can put a line in with a neighbouring group it
shares runners' haunts and customers' towns with, though no one directs both. Holders,
controllers and runners go with the lines they work for. With no command found (comms
alone), the communities stand as Leiden found them."""

from __future__ import annotations

from collections import Counter, defaultdict

import igraph as ig

from stronghold.network.command_ties import Command, directors
from stronghold.network.graph import Network
from stronghold.network.roles import COMMANDING

__all__ = ["by_command"]

STRONG = ("holder", "directs")  # ties that make one command on their own


def by_command(
    network: Network, membership: list[int], ties: Command, homes: dict[str, str] | None = None
) -> list[list[int]]:
    """Vertex lists, one per group. `homes`: person (or a
    holder's or controller's number) -> the town of their home, on record or by night cells."""
    graph, roles = network.graph, network.roles.roles
    line_vertex = {  # names and kinds read once: graph.vs[v] makes an object per vertex
        name: v
        for v, (name, kind) in enumerate(zip(graph.vs["name"], graph.vs["kind"], strict=True))
        if kind == "line"
    }
    command = _commands(line_vertex, ties, network, homes or {})  # line -> its first line
    placed = _directors_placed(network, ties, command, homes or {})
    for entity, held in roles.items():
        lines = [line for role, line in held if role in COMMANDING and line in command]
        lines = lines or [line for _, line in held if line in command]
        vertex = _vertex(graph, entity)
        if lines and vertex is not None:
            placed[vertex] = command[lines[0]]
    commanded = _commanded(network, command)
    in_community: dict[int, set[str]] = defaultdict(set)
    for line, vertex in line_vertex.items():
        if command[line] in commanded:
            in_community[membership[vertex]].add(command[line])
    nearest = {
        c: _nearest(network, membership, c, sorted(roots), command, placed)
        for c, roots in in_community.items()
        if len(roots) > 1
    }
    joined: dict[object, list[int]] = {}
    for vertex, community in enumerate(membership):
        roots = in_community.get(community, set())
        key: object = placed.get(vertex) or (
            nearest[community][vertex]
            if community in nearest
            else (next(iter(roots)) if roots else ("community", community))
        )
        joined.setdefault(key, []).append(vertex)
    return list(joined.values())


def _commands(
    line_vertex: dict[str, int], ties: Command, network: Network, homes: dict[str, str]
) -> dict[str, str]:
    """line -> the first line of the command it belongs to, transitively: lines that share a
    holder or someone directing both are one command; lines that share only controllers or
    runners are one unless the records put the rest of their command in different towns (a
    controller lent to another city's group ties its lines as strongly as a group's own
    controller ties its lines: where its people live tells them apart)."""
    ordered = sorted(line_vertex)
    index = {line: i for i, line in enumerate(ordered)}
    weak: dict[tuple[str, str], set[str]] = defaultdict(set)
    shared = []
    for t in ties.ties:
        if t.first not in index or t.second not in index:
            continue
        if t.how in STRONG:
            shared.append((index[t.first], index[t.second]))
        else:
            weak[(t.first, t.second)].add(t.entity)
    chiefs = _chiefs(network)
    for (first, second), people in weak.items():
        towns = [_hub(chiefs[line], people, homes) for line in (first, second)]
        apart = all(towns) and towns[0] != towns[1]
        if not apart:
            shared.append((index[first], index[second]))
    components = ig.Graph(n=len(ordered), edges=shared).connected_components()
    return {ordered[v]: ordered[min(c)] for c in components for v in c}


def _directors_placed(
    network: Network, ties: Command, command: dict[str, str], homes: dict[str, str]
) -> dict[int, str]:
    """Each leader -> the command it belongs with: of the commands whose lines it directs,
    one whose command lives in the leader's own town (a controller lent across groups puts
    another group's lines within a leader's reach), then the one with most of its lines."""
    chiefs = _chiefs(network)
    names = network.graph.vs["name"]
    placed = {}
    for v, lines in directors(ties).items():
        town = homes.get(names[v], "")
        reach: Counter[str] = Counter(command[line] for line in lines if line in command)
        if reach:
            placed[v] = max(
                reach,
                key=lambda root: (
                    any(
                        _hub(chiefs[line], set(), homes) == town
                        for line in lines
                        if command.get(line) == root
                    )
                    and bool(town),
                    reach[root],
                    root,
                ),
            )
    return placed


def _chiefs(network: Network) -> dict[str, dict[str, set[str]]]:
    """line -> role -> the holders' and controllers' names."""
    chiefs: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for entity, held in network.roles.roles.items():
        for role, line in held:
            if role in COMMANDING:
                chiefs[line][role].add(entity)
    return chiefs


def _hub(chiefs: dict[str, set[str]], leaving: set[str], homes: dict[str, str]) -> str:
    """Where a line's command lives: its holder's town, else most of its controllers' but
    those in `leaving` (the people whose tie is being judged); "" where no record or night
    cell says."""
    for role in COMMANDING:
        kept = chiefs[role] - (leaving if role != "holder" else set())
        towns = Counter(homes[e] for e in kept if e in homes)
        if towns:
            return towns.most_common(1)[0][0]
    return ""


def _commanded(network: Network, command: dict[str, str]) -> set[str]:
    """The commands someone is known to direct (a line with no holder or controller found
    follows its community instead of splitting it)."""
    return {
        command[line]
        for held in network.roles.roles.values()
        for role, line in held
        if role in COMMANDING and line in command
    }


def _vertex(graph: object, name: str) -> int | None:
    try:
        return int(graph.vs.find(name=name).index)  # type: ignore[attr-defined]
    except (ValueError, KeyError):
        return None


def _nearest(
    network: Network,
    membership: list[int],
    community: int,
    roots: list[str],
    command: dict[str, str],
    placed: dict[int, str],
) -> dict[int, str]:
    """Each vertex of a community holding several commands' lines -> the nearest command."""
    graph = network.graph
    members = [v for v, c in enumerate(membership) if c == community]
    sub = graph.induced_subgraph(members)
    local = {v: i for i, v in enumerate(members)}
    seeds: dict[str, list[int]] = {root: [] for root in roots}
    for v in members:
        name = graph.vs[v]["name"]
        root = command.get(name) if graph.vs[v]["kind"] == "line" else placed.get(v)
        if root in seeds:
            seeds[root].append(local[v])
    costs = [1.0 / w for w in sub.es["weight"]]
    distance = {
        root: [min(column) for column in zip(*sub.distances(source=s, weights=costs), strict=True)]
        for root, s in seeds.items()
        if s
    }
    return {v: min(distance, key=lambda root: (distance[root][local[v]], root)) for v in members}
