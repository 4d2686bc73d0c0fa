"""The one a go-between answers to, from the comms alone.

A go-between directs two or more lines through their holders or controllers and runs none
of them himself (command_ties.py). Whoever he answers to talks to him, and often to no one
else of the lines: a boss behind him. His family ring him too. What tells them apart in the
calls is how much: a boss is in the go-between's business as often as the go-between is
with each chief he directs (the median of those contacts), and the go-between is the
person the boss is most in touch with; family mostly ring less than the business
(measured on leaders-via-go-between 1: one boss 225 calls and texts, the holders 199-237,
the next three callers 49-110; in another group of that world a phone that slept where
the go-between sleeps rang him 486 times). One who lives at the go-between's recorded
address, or whose phone spends its nights with his (households.py), is his household,
never his boss. A phone that sleeps where someone intelligence names lives speaks for them
(named_leaders.py), not for itself. The finding is a lead for an analyst, shown with its
numbers: "most in touch with its go-between X 225 calls and texts, as often as X is with
the chiefs it directs (median 214)".
"""

from __future__ import annotations

from collections.abc import Mapping
from statistics import median
from typing import Any

from stronghold.network.edges import (
    MIN_EVENTS,
    contacts_of,
    household_of,
    nights_of,
    volume_of,
)

__all__ = ["go_between_bosses", "same_home"]


def go_between_bosses(
    graph: Any,
    go_betweens: Mapping[int, Mapping[int, float]],
    working: set[int],
    named: set[int],
    homes: Mapping[str, str] | None = None,
) -> dict[int, dict[int, float]]:
    """boss -> {go-between: calls and texts}, for each go-between (`go_betweens`: vertex ->
    the chiefs it directs and its calls and texts with each); `working`: the vertices with a
    part in some line's running, never a boss; `named`: those intelligence names above a
    line (named_leaders.py), for whom a phone that sleeps where they live speaks."""
    names, kinds = graph.vs["name"], graph.vs["kind"]
    volume = volume_of(graph)
    bosses: dict[int, dict[int, float]] = {}
    for d, chiefs in go_betweens.items():
        if len(chiefs) < 2:
            continue
        usual = max(median(chiefs.values()), MIN_EVENTS)
        household = set(household_of(graph, d))
        for u, events in contacts_of(graph, d, volume).items():
            if (
                u in working
                or u in go_betweens
                or u in household
                or named.intersection(nights_of(graph, u))  # it speaks for them
                or kinds[u] not in ("person", "phone")
                or events < usual
                or same_home(homes, names[u], names[d])
            ):
                continue
            theirs = contacts_of(graph, u, volume)
            if max(theirs, key=lambda w: (theirs[w], w == d)) == d:
                bosses.setdefault(u, {})[d] = events
    return bosses


def same_home(homes: Mapping[str, str] | None, a: str, b: str) -> bool:
    """Whether the records give `a` and `b` one address (`homes`: name -> address)."""
    return bool(homes and homes.get(a) and homes.get(a) == homes.get(b))
