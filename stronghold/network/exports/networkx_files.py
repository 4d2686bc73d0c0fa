"""GraphML and GEXF, written by networkx's own writers (GraphML for yEd, Cytoscape and
networkx itself; GEXF for Gephi).

Both formats hold scalar attributes only, so a node carries kind, label, numbers
(";"-joined), group and, where it was ranked, score and rank; a link carries weight,
events (calls and texts), kinds (";"-joined), provenance, grading and its first and last
dates as ISO 8601 text. An attribute a node or link does not have (a score, a date) is
left out rather than written empty, so each attribute keeps one type. The network is
undirected; where two nodes have more than one link, a multigraph keeps every one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from stronghold.network.exports.chart import Chart, iso

__all__ = ["to_networkx", "write_gexf", "write_graphml"]


def to_networkx(chart: Chart) -> nx.Graph:
    """The chart as a networkx graph (a MultiGraph where a pair has several links)."""
    pairs = [frozenset((link.source, link.target)) for link in chart.links]
    graph: nx.Graph = nx.MultiGraph() if len(set(pairs)) < len(pairs) else nx.Graph()
    for node in chart.nodes:
        attributes: dict[str, Any] = {
            "kind": node.kind,
            "label": node.label,
            "numbers": ";".join(node.numbers),
            "group": node.group,
        }
        if node.score is not None and node.rank is not None:
            attributes["score"] = node.score
            attributes["rank"] = node.rank
        graph.add_node(node.id, **attributes)
    for link in chart.links:
        attributes = {
            "weight": link.weight,
            **({} if link.events is None else {"events": link.events}),
            "kinds": ";".join(link.kinds),
            "provenance": link.provenance,
            "grading": link.grading,
        }
        for name, moment in (("first", link.first), ("last", link.last)):
            if moment is not None:
                attributes[name] = iso(moment)
        graph.add_edge(link.source, link.target, **attributes)
    return graph


def write_graphml(chart: Chart, path: Path) -> None:
    nx.write_graphml(to_networkx(chart), path, encoding="utf-8")


def write_gexf(chart: Chart, path: Path) -> None:
    nx.write_gexf(to_networkx(chart), path, encoding="utf-8")
