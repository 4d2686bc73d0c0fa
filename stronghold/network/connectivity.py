"""How connected a network is, and how much of that a removal takes away.

Both measures are taken on the unweighted graph, as the literature takes them (Cavallaro et
al. 2020 on the largest connected component; Latora and Marchiori 2001 on efficiency), so
that figures compare with the published ones:

- the largest connected component, in nodes; its loss is 1 - after / before, the share of
  the original component's size that is gone (Cavallaro et al.'s measure);
- global efficiency: the mean over ordered pairs of distinct remaining nodes of
  1 / shortest path (0 for a pair with no path between them), which is the mean of igraph's
  normalised harmonic centrality. Taking nodes out can *raise* it: a chain of hangers-on
  removed leaves a tighter core, whose members are on average closer. The change is
  reported as it is, never clamped.

Past `EXACT_UP_TO` nodes (position.py's mark for betweenness) efficiency is estimated from
`SAMPLED_SOURCES` random sources (each source's mean inverse distance to every other node is
exact; the mean over sources is the estimate).
"""

from __future__ import annotations

import random
from collections.abc import Collection
from dataclasses import dataclass

import igraph as ig

from stronghold.network.position import EXACT_UP_TO, SAMPLED_SOURCES

__all__ = ["Connectivity", "connectivity"]


@dataclass(frozen=True)
class Connectivity:
    nodes: int
    largest: int  # nodes in the largest connected component
    efficiency: float  # global efficiency, unweighted, in [0, 1]
    estimated: bool = False  # efficiency estimated from a sample of sources


def connectivity(graph: ig.Graph, removed: Collection[int] = (), seed: int = 1) -> Connectivity:
    """The connectivity of `graph` without the vertices `removed` (indices)."""
    if removed:
        gone = set(removed)
        graph = graph.induced_subgraph([v for v in range(graph.vcount()) if v not in gone])
    nodes = graph.vcount()
    if nodes < 2:
        return Connectivity(nodes, nodes, 0.0)
    largest = max(graph.connected_components().sizes())
    estimated = nodes > EXACT_UP_TO
    sources = random.Random(seed).sample(range(nodes), SAMPLED_SOURCES) if estimated else None
    reach = graph.harmonic_centrality(vertices=sources, mode="all", normalized=True)
    return Connectivity(nodes, largest, sum(reach) / len(reach), estimated)
