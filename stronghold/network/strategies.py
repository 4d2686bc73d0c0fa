"""Who each disruption strategy would take out: people and phones only (a line node is the
line's phones and a customer base its customers, neither of which an arrest removes).

- betweenness: the most between others on shortest paths, unweighted (as Cavallaro et al.
  2020 rank; estimated from sampled sources past `EXACT_UP_TO` nodes); ties by degree;
- degree: the most distinct contacts; ties by calls and texts;
- key-players: Stronghold's own ranking (`key_players.py`: position, role and lines);
  people and phones in no ranked group come after it, by degree;
- holders: what the analyses found first (holders, then controllers, then runners), each
  tier in key-player order, then everyone else in key-player order;
- random: a uniform draw, repeated with seeds 1, 2, ... to give a mean and a spread.

A targeted strategy is sequential by default, as in Cavallaro et al.: after each removal the
ranking is worked out again on what remains, since taking out one broker changes who the
next one is. Removing many nodes, it recomputes in at most `ROUNDS` rounds of equal batches.
One-shot ranks once and takes the top (a raid on everyone at once, from one briefing).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import replace

import igraph as ig

from stronghold.network.graph import Network
from stronghold.network.groups import find_groups
from stronghold.network.key_players import RANKED, ROLE_WEIGHT, key_players
from stronghold.network.position import EXACT_UP_TO, SAMPLED_SOURCES, positions

__all__ = [
    "ROUNDS",
    "STRATEGIES",
    "TARGETED",
    "crews",
    "random_draws",
    "removable",
    "removal_order",
    "without",
]

TARGETED = ("betweenness", "degree", "key-players", "holders")
STRATEGIES = (*TARGETED, "random")
ROUNDS = 25


def removable(graph: ig.Graph) -> list[str]:
    """The names of the people and phones in `graph`, sorted."""
    return sorted(v["name"] for v in graph.vs if v["kind"] in RANKED)


def without(network: Network, names: set[str]) -> Network:
    """The network without the nodes named."""
    graph = network.graph
    keep = [v.index for v in graph.vs if v["name"] not in names]
    return replace(network, graph=graph.induced_subgraph(keep))


def removal_order(
    network: Network, strategy: str, count: int, sequential: bool = True, rounds: int = ROUNDS
) -> list[str]:
    """The names of the `count` people and phones a targeted strategy takes out, in order."""
    rank = RANKINGS[strategy]
    gone: list[str] = []
    steps = max(1, min(count, rounds)) if sequential else 1
    for step in range(steps):
        batch = math.ceil((count - len(gone)) / (steps - step))
        taken = rank(without(network, set(gone)))[:batch]
        if not taken:
            break
        gone += taken
    return gone[:count]


def crews(network: Network) -> dict[str, dict[str, set[str]]]:
    """line -> role -> the nodes the analyses found in that role for the line (a number
    given to a person is that person's node; one not in the network is left out)."""
    names = set(network.graph.vs["name"])
    person_of = network.roles.person_of
    found: dict[str, dict[str, set[str]]] = {}
    for entity, held in network.roles.roles.items():
        node = entity if entity in names else person_of.get(entity)
        if node is not None and node in names:
            for role, line in held:
                found.setdefault(line, {}).setdefault(role, set()).add(node)
    return found


def random_draws(network: Network, count: int, draws: int = 20, seed: int = 1) -> list[list[str]]:
    """`draws` uniform draws of `count` people and phones, seeded `seed`, `seed` + 1 ..."""
    pool = removable(network.graph)
    return [random.Random(seed + draw).sample(pool, min(count, len(pool))) for draw in range(draws)]


def _by_betweenness(network: Network) -> list[str]:
    graph = network.graph
    if graph.vcount() > EXACT_UP_TO:
        sources = random.Random(1).sample(range(graph.vcount()), SAMPLED_SOURCES)
        between = graph.betweenness(directed=False, sources=sources)
    else:
        between = graph.betweenness(directed=False)
    degree = graph.degree()
    return _ordered(graph, lambda v: (-between[v], -degree[v]))


def _by_degree(network: Network) -> list[str]:
    graph = network.graph
    degree = graph.degree()
    calls = graph.strength(weights="weight") if graph.ecount() else [0.0] * graph.vcount()
    return _ordered(graph, lambda v: (-degree[v], -calls[v]))


def _by_key_players(network: Network) -> list[str]:
    graph = network.graph
    if not graph.ecount():
        return _by_degree(network)
    places, _ = positions(graph)
    rows = key_players(network, find_groups(network), places, per_group=graph.vcount())
    ranked = [r["entity_id"] for r in sorted(rows, key=lambda r: (-r["score"], r["entity_id"]))]
    seen = set(ranked)
    return ranked + [name for name in _by_degree(network) if name not in seen]


def _by_holders(network: Network) -> list[str]:
    order = {name: at for at, name in enumerate(_by_key_players(network))}
    roles = network.roles.roles

    def tier(name: str) -> float:
        return -max([ROLE_WEIGHT.get(role, 0.0) for role, _ in roles.get(name, [])] or [0.0])

    return sorted(order, key=lambda name: (tier(name), order[name]))


def _ordered(graph: ig.Graph, key: Callable[[int], tuple[float, ...]]) -> list[str]:
    names = graph.vs["name"]
    vertices = [v for v, kind in enumerate(graph.vs["kind"]) if kind in RANKED]
    return [names[v] for v in sorted(vertices, key=lambda v: (*key(v), names[v]))]


RANKINGS: dict[str, Callable[[Network], list[str]]] = {
    "betweenness": _by_betweenness,
    "degree": _by_degree,
    "key-players": _by_key_players,
    "holders": _by_holders,
}
