"""The network of the lines: what an analyst charts around the lines the analyses found.

The lines, their customer bases, the people and phones the analyses name, and:
- anyone in contact with two or more of those (a go-between is kept; a holder's mother is
  not);
- anyone intelligence ties to a line who is in contact with one of those kept so, or whose
  unlisted phone that sleeps where they live is (a leader behind a go-between,
  named_leaders.py; sleeping.py), with that phone;
- with `close`, anyone in contact with a line's controller `close` times or more (a leader
  who talks to no one else of the lines, command_ties.py), and anyone in contact with one
  of those kept (not named) `close` times or more who is the one they are most in touch
  with (a go-between's boss, go_between_bosses.py).
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
    if close > 0:
        between |= _most_in_touch_with(graph, between - set(named), close)
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


def _most_in_touch_with(graph: Any, kept: set[int], close: float) -> set[int]:
    """Those in contact `close` times or more with one of `kept`, who is the one they are
    most in touch with (a go-between's boss, go_between_bosses.py)."""
    volume = volume_of(graph)
    found: set[int] = set()
    for b in kept:
        for edge in graph.es[graph.incident(b)]:
            u = edge.target if edge.source == b else edge.source
            if u in kept or u in found or (edge[volume] or 0) < close:
                continue
            heaviest = max(graph.es[graph.incident(u)], key=lambda e: e[volume] or 0)
            if b in (heaviest.source, heaviest.target):
                found.add(u)
    return found


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
