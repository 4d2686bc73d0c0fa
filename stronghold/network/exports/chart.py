"""The network as it is charted for another tool: each node with its label, numbers, group
and key-player score and rank; each link with its weight, kinds, provenance, grading and
first and last dates. Every writer (GraphML, GEXF, i2 ANX, FollowTheMoney) reads this one
shape, so what the graph holds is read, and defaulted, in one place.

The graph is igraph's, as stronghold/network/graph.py builds it. `label`, `kinds`,
`provenance` and `grading` are read only where the graph has them (older graphs do not):
a label falls back to the node's name, kinds to "comms", provenance and grading to "".
Groups are those `groups.csv` lists (the ones holding a line, or more than a pair)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import igraph as ig

from stronghold.network.groups import Group

__all__ = ["Chart", "ChartLink", "ChartNode", "chart_of", "iso"]


@dataclass(frozen=True)
class ChartNode:
    id: str  # the graph's name: a line id, a person_id, an E.164 number, "SL001 customers"...
    kind: str  # line, customers, person, phone, address, vehicle
    label: str
    numbers: tuple[str, ...]
    group: str = ""  # G01 ..., or "" outside the reported groups
    score: float | None = None  # key-player score and rank within its group, where ranked
    rank: int | None = None
    evidence: str = ""  # the key-player ranking's reasons, where ranked


@dataclass(frozen=True)
class ChartLink:
    source: str  # node ids
    target: str
    weight: float  # calls and texts between the two, and their records (each counts one)
    events: int | None  # calls and texts alone, where the graph counts them apart
    kinds: tuple[str, ...]  # comms, residence, keeper, premises, co-location, intelligence...
    provenance: str  # where the link came from, in words
    grading: str  # the UK 3x5x2 grading of its intelligence (e.g. "1A P"), or ""
    first: datetime | None
    last: datetime | None


@dataclass(frozen=True)
class Chart:
    nodes: list[ChartNode]
    links: list[ChartLink]
    groups: dict[str, str]  # group id -> a line describing it

    def kinds(self) -> list[str]:
        """The kinds of node on the chart, in order of first appearance."""
        return list(dict.fromkeys(n.kind for n in self.nodes))


def chart_of(
    graph: ig.Graph, groups: Iterable[Group], key_players: Iterable[Mapping[str, Any]] = ()
) -> Chart:
    """The chart of `graph`, its groups (stronghold/network/groups.py) and its key
    players (key_players.csv rows: entity_id, ocg_id, score, rank, evidence)."""
    names: list[str] = graph.vs["name"] if graph.vcount() else []
    group_of: dict[int, str] = {}
    described = {}
    for group in groups:
        if group.reported:
            group_of.update(dict.fromkeys(group.members, group.group_id))
            described[group.group_id] = _described(group)
    ranked = {str(row["entity_id"]): row for row in key_players}
    nodes = []
    for vertex, name in enumerate(names):
        row = ranked.get(name)
        nodes.append(
            ChartNode(
                id=name,
                kind=_vertex(graph, vertex, "kind", "phone"),
                label=_vertex(graph, vertex, "label", "") or name,
                numbers=_split(_vertex(graph, vertex, "numbers", "")),
                group=group_of.get(vertex, ""),
                score=float(row["score"]) if row else None,
                rank=int(row["rank"]) if row else None,
                evidence=str(row.get("evidence") or "") if row else "",
            )
        )
    has = set(graph.es.attributes())
    links = [
        ChartLink(
            source=names[edge.source],
            target=names[edge.target],
            weight=edge["weight"] if "weight" in has else 1,
            events=edge["events"] if "events" in has else None,
            kinds=_split(edge["kinds"] if "kinds" in has else "") or ("comms",),
            provenance=(edge["provenance"] if "provenance" in has else "") or "",
            grading=(edge["grading"] if "grading" in has else "") or "",
            first=link_time(edge["first"]) if "first" in has else None,
            last=link_time(edge["last"]) if "last" in has else None,
        )
        for edge in graph.es
    ]
    return Chart(nodes, links, described)


def link_time(value: datetime | int | None) -> datetime | None:
    """A link's date from the graph: build_network keeps microseconds since 1970 (UTC)."""
    if isinstance(value, int):
        return datetime.fromtimestamp(value / 1_000_000, UTC)
    return value


def iso(moment: datetime | None) -> str:
    """A link's date as ISO 8601 to the second, or "" when it has none."""
    return moment.isoformat(timespec="seconds") if moment is not None else ""


def _vertex(graph: ig.Graph, vertex: int, attribute: str, default: str) -> str:
    if attribute not in graph.vs.attributes():
        return default
    value = graph.vs[vertex][attribute]
    return default if value is None else str(value)


def _split(joined: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (joined or "").split(";") if part.strip())


def _described(group: Group) -> str:
    parts = [f"{len(group.members)} members"]
    if group.lines:
        parts.append("lines " + ", ".join(group.lines))
    if group.hub:
        parts.append(f"hub {group.hub}")
    if group.county_towns:
        parts.append("county towns " + ", ".join(group.county_towns))
    return "; ".join(parts)
