"""Where each node sits in the network: betweenness (on paths whose length is the inverse
of the contact between two ends, so heavy contact makes a short path), weighted degree
(calls and texts), degree (distinct contacts) and brokerage (one minus Burt's constraint:
high for a node whose contacts do not know each other). Exact betweenness on a large
network takes days; past `EXACT_UP_TO` nodes it is estimated from a random sample of
sources and scaled up."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import igraph as ig

__all__ = ["EXACT_UP_TO", "Position", "positions"]

EXACT_UP_TO = 5_000
SAMPLED_SOURCES = 500


@dataclass(frozen=True)
class Position:
    betweenness: float
    calls: float  # weighted degree: calls and texts with its contacts
    contacts: int  # degree
    brokerage: float  # 1 - Burt's constraint, in [0, 1]


def positions(graph: ig.Graph, seed: int = 1) -> tuple[list[Position], bool]:
    """Each vertex's position, and whether betweenness was estimated (sampled)."""
    costs = [1.0 / w for w in graph.es["weight"]]
    sampled = graph.vcount() > EXACT_UP_TO
    if sampled:
        sources = random.Random(seed).sample(range(graph.vcount()), SAMPLED_SOURCES)
        scale = graph.vcount() / SAMPLED_SOURCES
        between = [
            b * scale for b in graph.betweenness(weights=costs, sources=sources, directed=False)
        ]
    else:
        between = graph.betweenness(weights=costs, directed=False)
    calls = graph.strength(weights="weight")
    contacts = graph.degree()
    constraint = graph.constraint(weights="weight")
    return [
        Position(b, c, d, 0.0 if math.isnan(k) else max(0.0, 1.0 - k))
        for b, c, d, k in zip(between, calls, contacts, constraint, strict=True)
    ], sampled
