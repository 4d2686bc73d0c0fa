"""Reading the network's edges, declared once: how many calls and texts an edge holds, and
which vertices a report ties to a vertex."""

from __future__ import annotations

from typing import Any

__all__ = ["tied_by_intelligence", "volume_of"]


def volume_of(graph: Any) -> str:
    """The edge attribute counting calls and texts: `events`, or `weight` in a graph that
    carries nothing else (comms alone, or one made by hand)."""
    return "events" if "events" in graph.es.attributes() else "weight"


def tied_by_intelligence(graph: Any, v: int) -> list[int]:
    """The vertices an intelligence report ties to vertex `v` (an edge whose kinds include
    intelligence); none in a graph without record links."""
    if "kinds" not in graph.es.attributes():
        return []
    return [
        edge.target if edge.source == v else edge.source
        for edge in graph.es[graph.incident(v)]
        if "intelligence" in (edge["kinds"] or "").split(";")
    ]
