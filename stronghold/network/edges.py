"""Reading the network's edges, declared once: how many calls and texts an edge holds, and
which vertices a report ties to a vertex."""

from __future__ import annotations

from typing import Any

__all__ = [
    "MIN_EVENTS",
    "contacts_of",
    "household_of",
    "nights_of",
    "tied_by_intelligence",
    "volume_of",
]

MIN_EVENTS = 20  # calls and texts with a line's command: directing it, as a controller's rule


def volume_of(graph: Any) -> str:
    """The edge attribute counting calls and texts: `events`, or `weight` in a graph that
    carries nothing else (comms alone, or one made by hand)."""
    return "events" if "events" in graph.es.attributes() else "weight"


def contacts_of(graph: Any, v: int, volume: str) -> dict[int, float]:
    """Each vertex in contact with `v` -> their calls and texts (`volume`: volume_of)."""
    contacts: dict[int, float] = {}
    for edge in graph.es[graph.incident(v)]:
        other = edge.target if edge.source == v else edge.source
        contacts[other] = contacts.get(other, 0.0) + (edge[volume] or 0)
    return contacts


def tied_by_intelligence(graph: Any, v: int) -> list[int]:
    """The vertices an intelligence report ties to vertex `v` (an edge whose kinds include
    intelligence); none in a graph without record links."""
    return _linked(graph, v, "intelligence")


def nights_of(graph: Any, v: int) -> list[int]:
    """The unlisted phones that sleep where person `v` lives (sleeping.py)."""
    return _linked(graph, v, "nights")


def household_of(graph: Any, v: int) -> list[int]:
    """Those who spend their nights where `v` does (households.py)."""
    return _linked(graph, v, "household")


def _linked(graph: Any, v: int, kind: str) -> list[int]:
    if "kinds" not in graph.es.attributes():
        return []
    return [
        edge.target if edge.source == v else edge.source
        for edge in graph.es[graph.incident(v)]
        if kind in (edge["kinds"] or "").split(";")
    ]
