"""Where each node sits in the network: betweenness (on paths whose length is the inverse
of the contact between two ends, so heavy contact makes a short path), weighted degree
(calls and texts), degree (distinct contacts) and brokerage (one minus Burt's constraint:
high for a node whose contacts do not know each other).

Exact betweenness on a large network takes days. Past `EXACT_UP_TO` nodes it is estimated
from a random sample of sources, scaled up (each source is one shortest-path search over
the whole network: 2-3 s at 1M nodes and 5M edges): `SAMPLED_SOURCES`, or as many as fit
`SEARCH_BUDGET` sources x edges, never fewer than `FEWEST_SOURCES` (500 sources up to
100,000 edges, 100 at 500,000, 10 at 5 million; see `sources_for`). What fewer sources cost,
measured on the comms network of benchmarks/network.py at 100,000 nodes and 500,000 edges
against an estimate from 1,000 other sources (docs/benchmarks.md): each group's first key
player is the same in 91% of the 207 groups from 10 sources, 93% from 100 and 96% from 500
(two estimates from 1,000 sources agree on 98%); a group's top 25 overlap 97.6%, 97.6% and
98.4%. The figures themselves are rough (the top 1% of nodes by betweenness: a median error
of 64% from 10 sources, 29% from 500), but a key player's position weighs betweenness
against the network's highest, which only the few biggest brokers come near: the others
are ranked by their calls, contacts and brokerage, which are exact.

Burt's constraint is igraph's up to `EXACT_UP_TO` nodes. Past that it is worked out here from
the network's triangles, by the same formula (to within 2e-15): igraph walks each
neighbour's neighbours, the sum of the squared degrees (3.7 x 10^8 steps, 16 s, on a
benchmark network of 1M nodes, where the busiest numbers reach thousands); finding each
triangle once from its lowest-degree corner looks at 1.2 x 10^7 pairs of neighbours (8 s,
most of it numpy passes over those pairs)."""

from __future__ import annotations

import gc
import itertools
import random
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import igraph as ig
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["EXACT_UP_TO", "Position", "Positions", "positions", "sources_for"]

EXACT_UP_TO = 5_000
SAMPLED_SOURCES = 500
SEARCH_BUDGET = 50_000_000  # sources x edges: 500 sources up to 100,000 edges
FEWEST_SOURCES = 10
_WEDGES_AT_ONCE = 1 << 22  # pairs of a node's neighbours looked up in one go


@dataclass(frozen=True, slots=True)
class Position:
    betweenness: float
    calls: float  # weighted degree: calls and texts with its contacts
    contacts: int  # degree
    brokerage: float  # 1 - Burt's constraint, in [0, 1]


class Positions(list[Position]):
    """Each vertex's `Position`, with the same figures as columns (numpy arrays) for
    reading them all at once (key players reads a million of them); not to be changed."""

    def __init__(
        self,
        betweenness: np.ndarray,
        calls: np.ndarray,
        contacts: np.ndarray,
        brokerage: np.ndarray,
    ) -> None:
        columns = (betweenness.tolist(), calls.tolist(), contacts.tolist(), brokerage.tolist())
        with _collector_paused():
            super().__init__(map(Position, *columns))
        self.betweenness, self.calls = betweenness, calls
        self.contacts, self.brokerage = contacts, brokerage

    @classmethod
    def of(cls, places: Sequence[Position]) -> Positions:
        """`places` with its columns (a list of `Position` made elsewhere)."""
        if isinstance(places, Positions):
            return places
        return cls(
            np.array([p.betweenness for p in places], dtype=float),
            np.array([p.calls for p in places], dtype=float),
            np.array([p.contacts for p in places], dtype=np.int64),
            np.array([p.brokerage for p in places], dtype=float),
        )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while a million `Position`s are made: they hold no
    cycles, and each full collection walks every object the graph's attributes hold (3.7 s
    for the million at 1M nodes, 0.5 s paused)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def sources_for(vertices: int, edges: int) -> int | None:
    """How many sources betweenness is estimated from: None for exact (all of them)."""
    if vertices <= EXACT_UP_TO:
        return None
    return min(SAMPLED_SOURCES, vertices, max(FEWEST_SOURCES, SEARCH_BUDGET // max(edges, 1)))


def positions(graph: ig.Graph, seed: int = 1) -> tuple[Positions, bool]:
    """Each vertex's position, and whether betweenness was estimated (sampled)."""
    costs = [1.0 / w for w in graph.es["weight"]]
    sources = sources_for(graph.vcount(), graph.ecount())
    if sources is not None:
        chosen = random.Random(seed).sample(range(graph.vcount()), sources)
        scale = graph.vcount() / sources
        between = [
            b * scale for b in graph.betweenness(weights=costs, sources=chosen, directed=False)
        ]
    else:
        between = graph.betweenness(weights=costs, directed=False)
    if graph.vcount() <= EXACT_UP_TO:
        constraint = np.array(graph.constraint(weights="weight"), dtype=float)
    else:
        constraint = _constraint(graph)
    brokerage = np.where(np.isnan(constraint), 0.0, np.maximum(0.0, 1.0 - constraint))
    return Positions(
        np.array(between, dtype=float),
        np.array(graph.strength(weights="weight"), dtype=float),
        np.array(graph.degree(), dtype=np.int64),
        brokerage,
    ), sources is not None


def _constraint(graph: ig.Graph) -> np.ndarray:
    """Burt's constraint as igraph_constraint works it out for an undirected weighted graph
    (loops left out, parallel edges summed, NaN for a vertex with no edge at all):
    c_i = sum over neighbours j of (p_ij + sum over q, neighbour of both, of p_iq p_qj)^2,
    p_ij = w_ij / s_i. The inner sums come from the triangles, each found once from its
    lowest-ranked vertex (by degree), so a hub's long list of neighbours is never walked."""
    n = graph.vcount()
    ends = np.fromiter(
        itertools.chain.from_iterable(graph.get_edgelist()), np.int64, 2 * graph.ecount()
    ).reshape(-1, 2)
    weight = np.asarray(graph.es["weight"], dtype=float)
    touched = np.bincount(ends.ravel(), minlength=n) > 0  # any edge, a loop too: not NaN
    low, high = np.minimum(ends[:, 0], ends[:, 1]), np.maximum(ends[:, 0], ends[:, 1])
    keys = low * n + high
    if not graph.is_simple():  # loops left out, parallel edges as one
        keys, where = np.unique(keys[low != high], return_inverse=True)
        weight = np.bincount(where, weights=weight[low != high], minlength=len(keys))
    u, v = keys // n, keys % n
    strength = np.bincount(u, weight, n) + np.bincount(v, weight, n)
    # t[e, 0]: the indirect part of p_uv (from u to v); t[e, 1]: of p_vu
    indirect = np.zeros((len(keys), 2))
    degree = np.bincount(u, minlength=n) + np.bincount(v, minlength=n)
    rank = np.empty(n, np.int64)
    rank[np.lexsort((np.arange(n), degree))] = np.arange(n)
    first = np.where(rank[u] < rank[v], u, v)  # each edge from its lower-ranked end
    order = np.argsort(first, kind="stable")
    starts = np.concatenate([[0], np.cumsum(np.bincount(first, minlength=n))])
    other = np.where(first == u, v, u)[order]
    edge = np.arange(len(keys))[order]
    size = np.diff(starts)
    pairs = size * (size - 1) // 2  # wedges at each vertex
    done = 0
    while done < n:  # vertices in runs of at most _WEDGES_AT_ONCE wedges
        upto = int(np.searchsorted(np.cumsum(pairs[done:]), _WEDGES_AT_ONCE, "right"))
        upto = done + max(upto, 1)
        _triangles(
            starts, size, done, min(upto, n), other, edge, keys, u, weight, strength, indirect
        )
        done = upto
    direct = weight[:, None] / np.column_stack([strength[u], strength[v]])
    share = (direct + indirect) ** 2
    result = np.bincount(u, share[:, 0], n) + np.bincount(v, share[:, 1], n)
    return np.where(touched, result, np.nan)


def _triangles(
    starts: np.ndarray,
    size: np.ndarray,
    begin: int,
    end: int,
    other: np.ndarray,
    edge: np.ndarray,
    keys: np.ndarray,
    u: np.ndarray,
    weight: np.ndarray,
    strength: np.ndarray,
    indirect: np.ndarray,
) -> None:
    """Add the triangles at vertices begin..end-1 (their lowest-ranked corner) to
    `indirect`: each pair of a vertex's forward edges closed by an edge between their ends."""
    n = len(size)
    count = size[begin:end]
    each = count * (count - 1) // 2
    if not each.sum():
        return
    # for each forward edge at position i of its vertex's run, its partners i+1 .. end
    slots = np.arange(starts[begin], starts[end])
    after = np.repeat(starts[begin + 1 : end + 1], count) - slots - 1
    left = np.repeat(slots, after)
    offset = np.arange(len(left)) - np.repeat(np.cumsum(after) - after, after)
    right = left + 1 + offset
    y, z = other[left], other[right]
    key = pa.array(np.minimum(y, z) * n + np.maximum(y, z))
    # a hash lookup: numpy's searchsorted of unsorted keys misses the cache (6x slower here)
    found = pc.index_in(key, value_set=pa.array(keys)).fill_null(-1).to_numpy()
    closed = found >= 0
    exy, exz, eyz = edge[left[closed]], edge[right[closed]], found[closed]
    y, z = y[closed], z[closed]
    x = np.where(u[exy] == y, keys[exy] - u[exy] * n, u[exy])
    a, b, c = weight[exy], weight[exz], weight[eyz]
    sx, sy, sz = strength[x], strength[y], strength[z]
    parts = (
        (exy, x, b / sx * c / sz),  # x -> y through z
        (exy, y, c / sy * b / sz),  # y -> x through z
        (exz, x, a / sx * c / sy),  # x -> z through y
        (exz, z, c / sz * a / sy),  # z -> x through y
        (eyz, y, a / sy * b / sx),  # y -> z through x
        (eyz, z, b / sz * a / sx),  # z -> y through x
    )
    slot = np.concatenate([e * 2 + (u[e] != source) for e, source, _ in parts])  # odd: from v
    value = np.concatenate([value for _, _, value in parts])
    indirect += np.bincount(slot, weights=value, minlength=indirect.size).reshape(-1, 2)
