"""Key players: the people and phones whose removal would hurt a group most, ranked per
group with the reasons in words.

score = 0.3 x position + 0.5 x role + 0.2 x lines, each in [0, 1]:
- position: the mean of betweenness, weighted degree and degree, and brokerage at half
  weight, each divided by the network's largest among people and phones (measured on the
  CAVIAR network: these put its three documented leaders first; brokerage at full weight
  lifted a go-between above the lieutenant);
- role: what the analyses found it to be for a line: holder 1, controller 0.5, runner 0.2
  (role outweighs position: a controller talks to every runner and so sits more central
  than the holder who directs him; the bigger fish is the holder);
- lines: the lines it holds or controls, against the most any one entity holds or controls.
With comms alone (no lines found) role and lines are 0 for everyone and position decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from stronghold.network.graph import Network
from stronghold.network.groups import Group
from stronghold.network.position import Position

__all__ = ["KEY_PLAYER_COLUMNS", "ROLE_WEIGHT", "key_players"]

KEY_PLAYER_COLUMNS = ("entity_id", "kind", "ocg_id", "score", "rank", "evidence")
ROLE_WEIGHT = {"holder": 1.0, "controller": 0.5, "runner": 0.2}
WEIGHTS = (0.3, 0.5, 0.2)  # position, role, lines
RANKED = ("person", "phone")


@dataclass(frozen=True)
class _Scored:
    vertex: int
    score: float
    position: float
    evidence: str


def key_players(
    network: Network, groups: list[Group], places: list[Position], per_group: int = 25
) -> list[dict[str, Any]]:
    """key_players.csv rows: per group (those holding a line, or all when none does), its
    best `per_group` people and phones, best first."""
    graph, roles = network.graph, network.roles.roles
    ranked = [v for v in range(graph.vcount()) if graph.vs[v]["kind"] in RANKED]
    most = {
        name: max([getattr(places[v], name) for v in ranked] or [0]) or 1.0
        for name in ("betweenness", "calls", "contacts", "brokerage")
    }
    commands = {v: _commanded(roles.get(graph.vs[v]["name"], [])) for v in ranked}
    most_lines = max([len(c) for c in commands.values()] or [0]) or 1
    with_lines = [g for g in groups if g.lines]
    rows = []
    for group in with_lines or groups:
        scored = []
        for v in (m for m in group.members if graph.vs[m]["kind"] in RANKED):
            p = places[v]
            position = (
                p.betweenness / most["betweenness"]
                + p.calls / most["calls"]
                + p.contacts / most["contacts"]
                + 0.5 * p.brokerage / most["brokerage"]
            ) / 3.5
            held = roles.get(graph.vs[v]["name"], [])
            role = max([ROLE_WEIGHT.get(r, 0.0) for r, _ in held] or [0.0])
            lines = len(commands[v]) / most_lines
            score = WEIGHTS[0] * position + WEIGHTS[1] * role + WEIGHTS[2] * lines
            scored.append(_Scored(v, score, position, _evidence(graph, v, p, held, most)))
        scored.sort(key=lambda s: (-s.score, graph.vs[s.vertex]["name"]))
        for rank, s in enumerate(scored[:per_group], 1):
            rows.append(
                {
                    "entity_id": graph.vs[s.vertex]["name"],
                    "kind": graph.vs[s.vertex]["kind"],
                    "ocg_id": group.group_id,
                    "score": round(s.score, 4),
                    "rank": rank,
                    "evidence": s.evidence,
                }
            )
    return rows


def _commanded(held: list[tuple[str, str]]) -> set[str]:
    return {line for role, line in held if role in ("holder", "controller")}


def _evidence(
    graph: Any, v: int, p: Position, held: list[tuple[str, str]], most: dict[str, float]
) -> str:
    parts = []
    for role in ("holder", "controller", "runner"):
        lines = sorted({line for r, line in held if r == role})
        if lines:
            parts.append(f"{role} of {', '.join(lines)} (the analyses)")
    parts.append(
        f"in contact with {p.contacts} node(s), {p.calls:,.0f} calls and texts; "
        f"betweenness {p.betweenness / most['betweenness']:.2f} of the network's highest; "
        f"brokerage {p.brokerage:.2f} (1 - Burt's constraint)"
    )
    if graph.vs[v]["kind"] == "person":
        parts.append(f"numbers: {graph.vs[v]['numbers'].replace(';', ', ')}")
    return "; ".join(parts)
