"""The network of the lines: what an analyst charts around the lines the analyses found.

The lines, their customer bases, the people and phones the analyses name, and:
- anyone in contact with two or more of those (a go-between is kept; a holder's mother is
  not);
- anyone intelligence ties to a line who is in contact with one of those kept so, or whose
  unlisted phone that sleeps where they live is (a leader behind a go-between,
  named_leaders.py; sleeping.py), with that phone;
- with `close`, anyone in contact with a line's controller `close` times or more (a leader
  who talks to no one else of the lines, command_ties.py).
"""

from __future__ import annotations

from typing import Any

from stronghold.network.edges import nights_of, tied_by_intelligence, volume_of
from stronghold.network.roles import Roles

__all__ = ["focused_vertices"]


def focused_vertices(graph: Any, roles: Roles, close: float = 0.0) -> list[int] | None:
    """The vertices of the network of the lines, sorted; None with nothing named (comms
    alone: all of it is the network)."""
    held = roles.roles
    named = [
        v
        for v, (kind, name) in enumerate(zip(graph.vs["kind"], graph.vs["name"], strict=True))
        if kind in ("line", "customers") or name in held
    ]
    if not named:
        return None
    touched: dict[int, int] = {}  # named neighbours, counted from the named side: a
    for u in named:  # few thousand neighbour lists rather than every vertex's
        for v in set(graph.neighbors(u)):
            touched[v] = touched.get(v, 0) + 1
    between = {v for v, count in touched.items() if count >= 2}
    if close > 0:
        between |= _close_to_controllers(graph, roles, close)
    between |= _tied_to_a_line_and_between(graph, named, between)
    return sorted(set(named) | between)


def _tied_to_a_line_and_between(graph: Any, named: list[int], between: set[int]) -> set[int]:
    """Those tied to a line in contact with a kept vertex, themselves or through a phone
    that sleeps where they live (kept with them)."""
    lines = [v for v in named if graph.vs[v]["kind"] == "line"]
    tied = {u for v in lines for u in tied_by_intelligence(graph, v)} - set(named) - between
    kept: set[int] = set()
    for u in tied:
        through = [x for x in [u, *nights_of(graph, u)] if between.intersection(graph.neighbors(x))]
        kept |= {u, *through} if through else set()
    return kept


def _close_to_controllers(graph: Any, roles: Roles, close: float) -> set[int]:
    volume = volume_of(graph)
    controllers = [
        v
        for v, name in enumerate(graph.vs["name"])
        if any(role == "controller" for role, _ in roles.roles.get(name, ()))
    ]
    return {
        edge.target if edge.source == v else edge.source
        for v in controllers
        for edge in graph.es[graph.incident(v)]
        if (edge[volume] or 0) >= close
    }
