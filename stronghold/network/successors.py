"""Who could step in: for each person or phone taken out, the people and phones left in its
circle best placed to take over what it did.

Its circle is its contacts, the lines it held or controlled and everyone the analyses found
working for those lines (controllers, runners). Each person or phone left in the circle is
scored, in [0, 1], as 0.5 x standing + 0.3 x reach + 0.2 x position (role outweighs
position, as in key players: a runner sits between many, but the controller who already
runs the line is the one to ask about):

- standing: its own role on those lines (holder 1, controller 0.5, runner 0.2): the
  controller of a line whose holder is gone is the first to ask about;
- reach: the share of the rest of the circle it is in direct contact with: who already
  knows the lines, the runners and the contacts it would have to take over;
- position: its betweenness once the removal is done, against the highest left (weighted
  as in `position.py`); a rise from before says the network now runs through it.

With comms alone (no lines found) standing is 0 and the circle is the contacts.
"""

from __future__ import annotations

from dataclasses import dataclass

from stronghold.network.graph import Network
from stronghold.network.key_players import RANKED, ROLE_WEIGHT
from stronghold.network.position import Position, positions
from stronghold.network.roles import COMMANDING
from stronghold.network.strategies import crews, without

__all__ = ["Successor", "who_could_step_in"]

WEIGHTS = (0.5, 0.3, 0.2)  # standing, reach, position


@dataclass(frozen=True)
class Successor:
    removed: str
    candidate: str
    kind: str
    score: float
    reason: str


def who_could_step_in(
    network: Network, removed: list[str], per_removed: int = 3
) -> list[Successor]:
    """The best `per_removed` candidates to step in for each node in `removed`, best first."""
    graph, roles = network.graph, network.roles.roles
    index = {name: v for v, name in enumerate(graph.vs["name"])}
    gone = set(removed)
    after = without(network, gone).graph
    after_index = {name: v for v, name in enumerate(after.vs["name"])}
    before_between = _shares(graph, positions(graph)[0])
    after_between = _shares(after, positions(after)[0])
    working = crews(network)
    found = []
    for name in removed:
        vertex = index[name]
        lines = sorted({line for role, line in roles.get(name, []) if role in COMMANDING})
        circle = {graph.vs[u]["name"] for u in graph.neighbors(vertex)} | set(lines)
        for line in lines:
            circle |= set().union(*working.get(line, {}).values())
        circle -= gone
        scored = []
        for candidate in circle:
            v = index.get(candidate)
            if v is None or graph.vs[v]["kind"] not in RANKED:
                continue
            others = circle - {candidate}
            ties = others.intersection(graph.vs[u]["name"] for u in graph.neighbors(v))
            held = [(r, line) for r, line in roles.get(candidate, []) if line in lines]
            standing = max([ROLE_WEIGHT.get(r, 0.0) for r, _ in held] or [0.0])
            reach = len(ties) / len(others) if others else 0.0
            position = after_between[after_index[candidate]]
            reason = _reason(network, name, vertex, v, held, ties, others, position,
                             before_between[v])  # fmt: skip
            score = WEIGHTS[0] * standing + WEIGHTS[1] * reach + WEIGHTS[2] * position
            scored.append(Successor(name, candidate, graph.vs[v]["kind"], score, reason))
        scored.sort(key=lambda s: (-s.score, s.candidate))
        found += scored[:per_removed]
    return found


def _shares(graph: object, places: list[Position]) -> list[float]:
    """Each vertex's betweenness against the highest among the people and phones."""
    kinds = graph.vs["kind"]  # type: ignore[attr-defined]
    most = max([p.betweenness for p, k in zip(places, kinds, strict=True) if k in RANKED] or [0])
    return [p.betweenness / most if most else 0.0 for p in places]


def _reason(
    network: Network,
    name: str,
    vertex: int,
    v: int,
    held: list[tuple[str, str]],
    ties: set[str],
    others: set[str],
    after: float,
    before: float,
) -> str:
    graph = network.graph
    parts = [
        f"{role} of {', '.join(sorted(line for r, line in held if r == role))} (the analyses)"
        for role in sorted({r for r, _ in held})
    ]
    shown = ", ".join(sorted(ties)[:5]) + (" ..." if len(ties) > 5 else "")
    if others:
        parts.append(
            f"in contact with {len(ties)} of the {len(others)} others around {name}"
            + (f" ({shown})" if ties else "")
        )
    edge = graph.get_eid(vertex, v, error=False)
    if edge >= 0:
        attributes = graph.es[edge].attributes()
        events = int(attributes.get("events", attributes["weight"]))
        parts.append(
            f"was in contact with {name} ({events:,} calls and texts)"
            if events
            else f"was linked to {name} by records ({attributes.get('kinds', '')})"
        )
    parts.append(f"betweenness {after:.2f} of the highest after the removal (was {before:.2f})")
    return "; ".join(parts)
