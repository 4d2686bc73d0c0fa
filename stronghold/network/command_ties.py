"""What ties lines into one crime group, and who directs them: from the roles the analyses
found and the network's contacts.

Two lines share command when one person or phone is the holder, a controller or a runner of
both, or when someone outside both lines is in touch with the command (holder or controllers)
of each: the leader above two holders, or a go-between. Each tie is kept with its words,
"SL003 and SL006 share controller X", so a group shows why its lines are one. Services never
tie anything: they are not in the network (analysis/services.py).

A vertex *directs* a line when it holds it, or when, with no part in any line's running (not a
holder, controller or runner of any line, nor a customer base), it is in touch with the
line's holder or controllers `MIN_EVENTS` times or more (a controller's own threshold; an
acquaintance rings once or twice). A holder in touch with the controllers its line shares
with the group's other lines is their colleague, not their leader. Leaders are told from
holders by directing the command of two or more lines through two or more of its people: a
holder's mother knows one holder; a leader above two holders knows both.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from stronghold.network.graph import Network

__all__ = ["Command", "Tie", "directors", "line_command"]

SHARED = ("holder", "controller", "runner")
MIN_EVENTS = 20  # calls and texts with a line's command: directing it, as a controller's rule
MIN_EACH = 5  # ... with one of its people, to count as in touch with them


@dataclass(frozen=True)
class Tie:
    first: str  # line ids, first < second
    second: str
    entity: str  # the vertex's name
    how: str  # "holder", "controller", "runner", "directs" or "directs controllers"

    def words(self) -> str:
        if self.how == "directs":
            return f"{self.first} and {self.second} are both directed by {self.entity}"
        if self.how == "directs controllers":
            return (
                f"{self.entity} is in touch with the controllers of {self.first} and {self.second}"
            )
        return f"{self.first} and {self.second} share {self.how} {self.entity}"


@dataclass
class Command:
    ties: list[Tie] = field(default_factory=list)
    directs: dict[int, set[str]] = field(default_factory=dict)  # vertex -> lines it directs
    above: dict[int, set[int]] = field(default_factory=dict)  # leader -> command it talks to
    over_holder: dict[int, set[str]] = field(default_factory=dict)  # lines held, or whose
    # holder it is in touch with


def line_command(network: Network) -> Command:
    """The ties between lines and who directs which, over the network's vertices."""
    graph, roles = network.graph, network.roles.roles
    names, kinds = graph.vs["name"], graph.vs["kind"]
    vertex = {name: v for v, name in enumerate(names)}
    part: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for entity, held in roles.items():
        if entity in vertex:
            for role, line in held:
                part[line][role].add(vertex[entity])
    command = Command()
    volume = "events" if "events" in graph.es.attributes() else "weight"
    lines_of: dict[tuple[int, str], set[str]] = defaultdict(set)
    for line, members in part.items():
        for role in SHARED:
            for v in members[role]:
                lines_of[(v, role)].add(line)
    for (v, role), lines in lines_of.items():
        command.ties += _pairs(lines, names[v], role)
    # a line's holder, controller or runner directs no other line: leaders are found above
    # the lines, among those with no part in running any
    working = {v for members in part.values() for vs in members.values() for v in vs}
    for line, members in part.items():
        inside = set().union(*members.values()) | working
        for v in members["holder"]:
            command.directs.setdefault(v, set()).add(line)
            command.over_holder.setdefault(v, set()).add(line)
        talks: dict[int, float] = defaultdict(float)  # outsider -> calls and texts with the chiefs
        for chief in members["holder"] | members["controller"]:
            for edge in graph.es[graph.incident(chief)]:
                u = edge.target if edge.source == chief else edge.source
                if u in inside or kinds[u] not in ("person", "phone"):
                    continue
                talks[u] += edge[volume] or 0
                if (edge[volume] or 0) >= MIN_EACH:
                    command.above.setdefault(u, set()).add(chief)
                    if chief in members["holder"]:
                        command.over_holder.setdefault(u, set()).add(line)
        for u, events in talks.items():
            if events >= MIN_EVENTS:
                command.directs.setdefault(u, set()).add(line)
    for v, lines in directors(command).items():
        via_holder = command.over_holder.get(v, set()) & lines
        command.ties += _pairs(via_holder, names[v], "directs")
        for a, b in ((a, b) for a in sorted(lines) for b in sorted(lines) if a < b):
            if not {a, b} <= via_holder:  # through controllers alone: a weaker tie
                command.ties.append(Tie(a, b, names[v], "directs controllers"))
    return command


def directors(command: Command) -> dict[int, set[str]]:
    """The vertices that direct the command of two or more lines through two or more of its
    people, with no part in their running: leaders above the holders."""
    return {
        v: lines
        for v, lines in command.directs.items()
        if len(lines) >= 2 and len(command.above.get(v, ())) >= 2
    }


def _pairs(lines: set[str], entity: str, how: str) -> list[Tie]:
    """Every pair of `lines`: a weak tie is judged pair by pair (command.py)."""
    ordered = sorted(lines)
    return [Tie(a, b, entity, how) for i, a in enumerate(ordered) for b in ordered[i + 1 :]]
