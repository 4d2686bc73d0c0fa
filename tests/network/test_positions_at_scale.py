"""The large-network paths agree with igraph's own: Burt's constraint from triangles, and
betweenness sources chosen by budget."""

from __future__ import annotations

import random

import igraph as ig
import numpy as np

from stronghold.network.position import EXACT_UP_TO, SAMPLED_SOURCES, _constraint, sources_for


def random_graph(seed: int) -> ig.Graph:
    rng = random.Random(seed)
    graph = ig.Graph.Erdos_Renyi(n=300, m=1_500)
    graph.add_vertices(2)  # two isolated vertices: NaN, as igraph gives
    graph.add_edges([(0, 0), (1, 2), (1, 2), (5, 5)])  # loops and a repeated edge
    graph.es["weight"] = [rng.randint(1, 50) for _ in range(graph.ecount())]
    return graph


def test_constraint_from_triangles_is_igraphs() -> None:
    for seed in (1, 2, 3):
        graph = random_graph(seed)
        ours = _constraint(graph)
        theirs = np.array(graph.constraint(weights="weight"), dtype=float)
        assert np.isnan(ours[-1]) and np.isnan(theirs[-1])
        assert np.allclose(ours, theirs, rtol=1e-12, atol=1e-12, equal_nan=True)


def test_betweenness_sources_fit_the_budget() -> None:
    assert sources_for(EXACT_UP_TO, 10**9) is None  # small networks are exact
    assert sources_for(50_000, 100_000) == SAMPLED_SOURCES
    assert sources_for(1_000_000, 5_000_000) == 10
    assert sources_for(6_000, 10**10) == 10  # never fewer
