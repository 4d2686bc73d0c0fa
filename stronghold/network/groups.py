"""Groups: communities of the network by the Leiden algorithm (igraph's own, which DESIGN.md
measured at 32 s on 1M nodes against 272 s for the leidenalg package), maximising weighted
modularity on tempered weights (1 + ln of the calls and texts: raw counts let a runner's
thousands of callbacks outweigh the few calls that tie a line to its holder), reconciled
with command (command.py): a group is the lines directed by the same people. Where the
analyses found lines, a group holding one is an organised crime group; with comms alone,
every group is reported.

Leiden runs until no node moves, up to `STABLE_UP_TO` nodes; past that, for `ITERATIONS`
(igraph's default). Until stable is where the time goes at scale: on a first draft of the
network of benchmarks/network.py, 1M nodes and 5M edges, it took 755 s against 16 s for
two iterations, for modularity 0.826 against 0.825; on the benchmark's network at 100,000
nodes, 12.6 s against 0.9 s, modularity 0.8093 against 0.8087, and the planted communities
found about as well (normalised mutual information 0.867 against 0.866)."""

from __future__ import annotations

import math
import random
from collections import Counter
from dataclasses import dataclass, field

import igraph as ig

from stronghold.network.command import by_command
from stronghold.network.command_ties import Command, line_command
from stronghold.network.graph import Network

__all__ = ["Group", "find_groups"]

STABLE_UP_TO = 50_000  # nodes: past this, Leiden stops after ITERATIONS (see the module)
ITERATIONS = 2


@dataclass
class Group:
    group_id: str
    members: list[int]  # vertex indices
    lines: list[str] = field(default_factory=list)
    people: int = 0
    phones: int = 0
    hub: str = ""  # the town most of its people live in, where records say
    county_towns: list[str] = field(default_factory=list)  # where its lines' premises are
    evidence: str = ""  # what ties its lines into one group

    @property
    def reported(self) -> bool:
        """Listed in groups.csv: it holds a line, or is more than a pair."""
        return bool(self.lines) or len(self.members) > 2


def find_groups(
    network: Network,
    homes: dict[str, str] | None = None,
    line_towns: dict[str, str] | None = None,
    seed: int = 1,
    command: Command | None = None,
) -> list[Group]:
    """Leiden communities, biggest first by lines then members; singletons are left out.
    `homes`: person -> town; `line_towns`: line -> the county town of its premises."""
    graph = network.graph
    random.seed(seed)  # igraph draws from Python's generator: the same groups every run
    membership = _communities(graph)
    kind, name = graph.vs["kind"], graph.vs["name"]  # once: graph.vs[v] makes an object
    command = command or line_command(network)
    groups = []
    for members in by_command(network, membership, command, homes):
        if len(members) < 2:
            continue
        kinds = Counter(kind[v] for v in members)
        lines = sorted(name[v] for v in members if kind[v] == "line")
        towns = Counter((homes or {}).get(name[v], "") for v in members if kind[v] == "person")
        towns.pop("", None)
        groups.append(
            Group(
                "",
                members,
                lines,
                kinds["person"],
                kinds["phone"],
                towns.most_common(1)[0][0] if towns else "",
                sorted({(line_towns or {}).get(line, "") for line in lines} - {""}),
                _evidence(lines, command),
            )
        )
    groups.sort(key=lambda g: (-len(g.lines), -len(g.members), min(g.members)))
    for number, group in enumerate(groups, 1):
        group.group_id = f"G{number:02d}"
    return groups


def _evidence(lines: list[str], command: Command, most: int = 6) -> str:
    """Why the lines are one group, in words: the ties between them, strongest kind first."""
    if len(lines) < 2:
        return f"one line, {lines[0]}" if lines else "no line: a community of the comms"
    inside = set(lines)
    order = {"holder": 0, "directs": 1, "controller": 2, "directs controllers": 3, "runner": 4}
    ties = sorted(
        (t for t in command.ties if t.first in inside and t.second in inside),
        key=lambda t: (order[t.how], t.first, t.second, t.entity),
    )
    said = [t.words() for t in ties[:most]]
    more = f"; and {len(ties) - most} more ties" if len(ties) > most else ""
    return "; ".join(said) + more if said else "lines in one community of the comms"


def _communities(graph: ig.Graph) -> list[int]:
    """Leiden's membership: iterated until no node moves, or `ITERATIONS` times past
    `STABLE_UP_TO` nodes."""
    return list(
        graph.community_leiden(
            objective_function="modularity",
            weights=[1.0 + math.log(w) for w in graph.es["weight"]],  # tempered: see the module
            n_iterations=-1 if graph.vcount() <= STABLE_UP_TO else ITERATIONS,
        ).membership
    )
