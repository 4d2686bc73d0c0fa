"""What ties lines into one crime group, and who directs them: from the roles the analyses
found and the network's contacts.

Two lines share command when one person or phone is the holder, a controller or a runner of
both, or when someone outside both lines is in touch with the command (holder or controllers)
of each: the leader above two holders, or a go-between. Each tie is kept with its words,
"SL003 and SL006 share controller X", so a group shows why its lines are one. Services never
tie anything: they are not in the network (analysis/services.py).

A vertex *directs* a line when it holds it, or when, with no part in any line's running (not
a holder, controller or runner of any line, nor a customer base), it is in touch with the
line's holder or controllers `MIN_EVENTS` times or more (a controller's own threshold; an
acquaintance rings once or twice), among them its holder or most of its controllers (one
controller lent by another group puts that group's line within reach, not under direction),
and half as often as with the command of the line it is most in touch with (a leader who
also rings a controller his group lent to another's line). A holder in touch with the
controllers its line shares with the group's other lines is their colleague, not their
leader. Leaders are told from holders by directing the command of two or more lines through
two or more of its people: a holder's mother knows one holder; a leader above two holders
knows both. A leader who talks only to the one controller of two or more lines directs them
too, when in touch with him at least as often as his runners usually are (the median of his
contacts with them) and not living at his recorded address. Intelligence that ties a person
to a line, with their calls to its command or its director, names a leader the calls alone
cannot (named_leaders.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from stronghold.network.edges import MIN_EVENTS, volume_of
from stronghold.network.go_between_bosses import go_between_bosses, same_home
from stronghold.network.graph import Network
from stronghold.network.named_leaders import named_above

__all__ = ["MIN_EVENTS", "Command", "Tie", "directors", "line_command"]

SHARED = ("holder", "controller", "runner")
MIN_EACH = 5  # ... with one of its people, to count as in touch with them
STRONGEST_SHARE = 0.5  # ... and half as often as with the line it is most in touch with


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
    above: dict[int, dict[int, float]] = field(default_factory=dict)  # leader -> the command it
    # directs and its calls and texts with each
    named: dict[int, set[str]] = field(default_factory=dict)  # leader -> lines intelligence
    # ties it to whose command it is in touch with (named_leaders.py)
    household: set[tuple[int, int]] = field(default_factory=set)  # (outsider, chief) who
    # live at one recorded address
    busy: dict[int, float] = field(default_factory=dict)  # a chief -> its usual (median) calls
    # and texts with the people who work its lines
    over_holder: dict[int, set[str]] = field(default_factory=dict)  # lines held, or whose
    # holder it is in touch with
    bosses: dict[int, dict[int, float]] = field(default_factory=dict)  # boss -> the
    # go-betweens it is above and its calls and texts with each (go_between_bosses.py)


def line_command(network: Network, homes: Mapping[str, str] | None = None) -> Command:
    """The ties between lines and who directs which, over the network's vertices (`homes`:
    person -> recorded address, where records give one: who lives with a controller is his
    household, not his leader)."""
    graph, roles = network.graph, network.roles.roles
    names = graph.vs["name"]
    vertex = {name: v for v, name in enumerate(names)}
    part: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for entity, held in roles.items():
        if entity in vertex:
            for role, line in held:
                part[line][role].add(vertex[entity])
    command = Command()
    volume = volume_of(graph)
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
    # outsider -> line -> (calls and texts with its command, with each chief, via its holder)
    reach: dict[int, dict[str, tuple[float, dict[int, float], bool]]] = defaultdict(dict)
    for line, members in part.items():
        for v in members["holder"]:
            command.directs.setdefault(v, set()).add(line)
            command.over_holder.setdefault(v, set()).add(line)
        inside = set().union(*members.values()) | working
        for u, touched in _outsiders(graph, members, inside, volume).items():
            holders = touched.keys() & members["holder"]
            controllers = touched.keys() & members["controller"]
            # the line's own command: its holder, or most of its controllers (one controller
            # lent by another group puts a line within reach, not under direction)
            if sum(touched.values()) < MIN_EVENTS or not (
                holders or 2 * len(controllers) > len(members["controller"])
            ):
                continue
            reach[u][line] = (sum(touched.values()), touched, bool(holders))
    for u, reached in reach.items():
        strongest = max(events for events, _, _ in reached.values())
        for line, (events, touched, through_holder) in reached.items():
            if events < STRONGEST_SHARE * strongest:  # a line reached through a lent chief
                continue
            command.directs.setdefault(u, set()).add(line)
            for chief, each in touched.items():
                if each >= MIN_EACH:
                    command.above.setdefault(u, {})[chief] = each
            if through_holder:
                command.over_holder.setdefault(u, set()).add(line)
    runners = {v for members in part.values() for v in members["runner"]}
    command.busy = _busiest(graph, command, runners, volume)
    command.household = {
        (u, chief)
        for u, chiefs in command.above.items()
        for chief in chiefs
        if same_home(homes, names[u], names[chief])
    }
    _name_from_intelligence(graph, command, part, runners)
    _bosses_of_go_betweens(graph, command, working, homes)
    for v, lines in directors(command).items():
        if v in command.bosses:  # its go-between already ties its lines
            continue
        via_holder = command.over_holder.get(v, set()) & lines
        command.ties += _pairs(via_holder, names[v], "directs")
        for a, b in ((a, b) for a in sorted(lines) for b in sorted(lines) if a < b):
            if not {a, b} <= via_holder:  # through controllers alone: a weaker tie
                command.ties.append(Tie(a, b, names[v], "directs controllers"))
    return command


def directors(command: Command) -> dict[int, set[str]]:
    """The vertices that direct the command of two or more lines with no part in their
    running: through two or more of its people (a leader above the holders), or through the
    one controller those lines share when in touch with him as much as his runners usually
    are (a leader who talks to no one else; a controller's mother or friend is not in his
    business as often as his runners, nor one who lives with him). And those intelligence
    names with a line whose command or director they are in touch with (named_leaders.py)."""
    return {
        v: lines
        for v, lines in command.directs.items()
        if v in command.named
        or v in command.bosses
        or (
            len(lines) >= 2
            and (
                len(command.above.get(v, {})) >= 2
                or any(
                    events >= max(command.busy.get(chief, 0.0), MIN_EVENTS)
                    for chief, events in command.above.get(v, {}).items()
                    if chief in command.busy and (v, chief) not in command.household
                )
            )
        )
    }


def _name_from_intelligence(
    graph: Any, command: Command, part: dict[str, dict[str, set[int]]], runners: set[int]
) -> None:
    """Add the leaders intelligence names and the comms confirm (named_leaders.py) to
    `command`: above the chiefs and directors of the lines they are named with."""
    chiefs = {line: members["holder"] | members["controller"] for line, members in part.items()}
    holders = {line: members["holder"] for line, members in part.items()}
    named = named_above(graph, chiefs, holders, directors(command), runners, MIN_EVENTS)
    for u, lines in named.items():
        for line, touched in lines.items():
            command.directs.setdefault(u, set()).add(line)
            command.named.setdefault(u, set()).add(line)
            for other, each in touched.items():
                command.above.setdefault(u, {})[other] = each
            if touched.keys() & part[line]["holder"]:
                command.over_holder.setdefault(u, set()).add(line)


def _bosses_of_go_betweens(
    graph: Any, command: Command, working: set[int], homes: Mapping[str, str] | None
) -> None:
    """Add to `command` whom each go-between (a director that runs no line and whom no report
    names) answers to (go_between_bosses.py): above him, directing his lines."""
    go_betweens = {
        d: command.above.get(d, {})
        for d in directors(command)
        if d not in working and d not in command.named
    }
    for u, over in go_between_bosses(
        graph, go_betweens, working, set(command.named), homes
    ).items():
        command.bosses[u] = over
        for d, events in over.items():
            command.directs.setdefault(u, set()).update(command.directs.get(d, set()))
            command.above.setdefault(u, {})[d] = events


def _outsiders(
    graph: Any, members: dict[str, set[int]], inside: set[int], volume: str
) -> dict[int, dict[int, float]]:
    """Those outside every line's running in touch with this line's holder or controllers:
    outsider -> chief -> calls and texts."""
    kinds = graph.vs["kind"]
    touched: dict[int, dict[int, float]] = defaultdict(dict)
    for chief in members["holder"] | members["controller"]:
        for edge in graph.es[graph.incident(chief)]:
            u = edge.target if edge.source == chief else edge.source
            if u not in inside and kinds[u] in ("person", "phone"):
                touched[u][chief] = touched[u].get(chief, 0.0) + (edge[volume] or 0)
    return touched


def _busiest(graph: Any, command: Command, runners: set[int], volume: str) -> dict[int, float]:
    """The controllers that are the one chief some outsider directs through -> the median of
    their calls and texts with the runners they manage (a controller's business)."""
    lone = {next(iter(chiefs)) for chiefs in command.above.values() if len(chiefs) == 1}
    controllers = lone - set(command.over_holder)  # a holder's family is not measured so
    busy = {}
    for chief in controllers:
        volumes = sorted(
            edge[volume] or 0
            for edge in graph.es[graph.incident(chief)]
            if (edge.target if edge.source == chief else edge.source) in runners
        )
        if volumes:
            busy[chief] = float(volumes[len(volumes) // 2])
    return busy


def _pairs(lines: set[str], entity: str, how: str) -> list[Tie]:
    """Every pair of `lines`: a weak tie is judged pair by pair (command.py)."""
    ordered = sorted(lines)
    return [Tie(a, b, entity, how) for i, a in enumerate(ordered) for b in ordered[i + 1 :]]
