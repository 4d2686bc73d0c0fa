"""The disruption what-if: take people or phones out of the workspace's network and see what
is left of it: connectivity lost (`connectivity.py`), the lines left without a holder or
without runners, and who could step in (`successors.py`); and compare that with what each
strategy (`strategies.py`) would take out, the same number of nodes for all.

Taking people out does not always weaken a network: Duijn, Kashirin and Sloot (2014) found
that criminal networks recover from it and can come out more efficient. The figures here
are the network as the data shows it the moment after the removal, before any recovery.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stronghold.ingest.normalise.phones import normalise_number
from stronghold.network.connectivity import Connectivity, connectivity
from stronghold.network.graph import Network
from stronghold.network.key_players import RANKED
from stronghold.network.strategies import STRATEGIES, crews, random_draws, removal_order
from stronghold.network.successors import Successor, who_could_step_in
from stronghold.results_files import write_results_csv
from stronghold.settings import Settings
from stronghold.workspace import Workspace

__all__ = [
    "DISRUPTION_COLUMNS",
    "DisruptionReport",
    "LineLeft",
    "Outcome",
    "compare",
    "disrupt",
    "lines_left",
    "outcome",
    "resolve",
]

CHOSEN = "as given"  # the strategy name of an explicit --remove set
DISRUPTION_COLUMNS = (
    "strategy", "removed", "draws", "largest_before", "largest_after", "largest_lost",
    "largest_lost_sd", "efficiency_before", "efficiency_after", "efficiency_change",
    "efficiency_change_sd", "lines_without_holder", "lines_without_runners", "evidence",
)  # fmt: skip
SUCCESSOR_COLUMNS = ("removed", "candidate", "kind", "score", "rank", "evidence")


@dataclass(frozen=True)
class LineLeft:
    """A line with a holder, controller or runner taken out (or its own number closed)."""

    line_id: str
    closed: bool  # the line's node itself removed (its numbers cut off)
    holders: tuple[int, int]  # (taken out, in the network)
    controllers: tuple[int, int]
    runners: tuple[int, int]

    @property
    def without_holder(self) -> bool:
        return self.holders[1] > 0 and self.holders[0] == self.holders[1]

    @property
    def without_runners(self) -> bool:
        return self.runners[1] > 0 and self.runners[0] == self.runners[1]


@dataclass(frozen=True)
class Outcome:
    """What removing `removed` does; for random removal, the mean over `draws` draws."""

    strategy: str
    removed: tuple[str, ...]  # in order taken out (the first draw's, for random)
    before: Connectivity
    largest_after: float
    efficiency_after: float
    without_holder: float  # lines left without a holder (mean count over draws)
    without_runners: float
    lines: tuple[LineLeft, ...] = ()  # lines touched (not for random)
    draws: int = 1
    largest_lost_sd: float = 0.0  # spread over the random draws (standard deviation)
    efficiency_change_sd: float = 0.0

    @property
    def largest_lost(self) -> float:
        return 1.0 - self.largest_after / self.before.largest if self.before.largest else 0.0

    @property
    def efficiency_change(self) -> float:
        if not self.before.efficiency:
            return 0.0
        return self.efficiency_after / self.before.efficiency - 1.0


@dataclass
class DisruptionReport:
    network: Network
    before: Connectivity
    count: int  # nodes each strategy removes
    sequential: bool
    outcomes: list[Outcome]  # the set given first, when one was
    successors: list[Successor] = field(default_factory=list)
    seconds: float = 0.0
    written: list[Path] = field(default_factory=list)


def lines_left(network: Network, removed: set[str]) -> list[LineLeft]:
    """Each line that lost its own node or a holder, controller or runner, by line."""
    working = crews(network)
    found = []
    for line in sorted(network.roles.line_ids | set(working)):
        holders, controllers, runners = (
            _taken(working.get(line, {}).get(role, set()), removed)
            for role in ("holder", "controller", "runner")
        )
        if line in removed or holders[0] or controllers[0] or runners[0]:
            found.append(LineLeft(line, line in removed, holders, controllers, runners))
    return found


def _taken(crew: set[str], removed: set[str]) -> tuple[int, int]:
    return len(crew & removed), len(crew)


def outcome(network: Network, before: Connectivity, strategy: str, removed: list[str]) -> Outcome:
    """What taking the nodes named in `removed` out of the network does."""
    gone = set(removed)
    after = connectivity(network.graph, [v.index for v in network.graph.vs if v["name"] in gone])
    lines = lines_left(network, gone)
    return Outcome(
        strategy,
        tuple(removed),
        before,
        after.largest,
        after.efficiency,
        sum(line.without_holder for line in lines),
        sum(line.without_runners for line in lines),
        tuple(lines),
    )


def compare(
    network: Network,
    count: int,
    strategies: Sequence[str] = STRATEGIES,
    sequential: bool = True,
    draws: int = 20,
    before: Connectivity | None = None,
) -> list[Outcome]:
    """Each strategy's outcome removing `count` people and phones (random: mean of `draws`);
    `before`: the network's connectivity, when already measured."""
    before = before or connectivity(network.graph)
    found = []
    for strategy in strategies:
        if strategy == "random":
            each = [
                outcome(network, before, strategy, d) for d in random_draws(network, count, draws)
            ]
            found.append(_averaged(each))
        else:
            order = removal_order(network, strategy, count, sequential)
            found.append(outcome(network, before, strategy, order))
    return found


def _averaged(each: list[Outcome]) -> Outcome:
    def spread(values: list[float]) -> float:
        return statistics.pstdev(values) if len(values) > 1 else 0.0

    return Outcome(
        "random",
        each[0].removed,
        each[0].before,
        statistics.fmean(o.largest_after for o in each),
        statistics.fmean(o.efficiency_after for o in each),
        statistics.fmean(o.without_holder for o in each),
        statistics.fmean(o.without_runners for o in each),
        draws=len(each),
        largest_lost_sd=spread([o.largest_lost for o in each]),
        efficiency_change_sd=spread([o.efficiency_change for o in each]),
    )


def resolve(network: Network, entities: Sequence[str]) -> list[str]:
    """The node each entity given names: a node's own name (person id, line id, number of a
    phone) or any number the node stands for, in any written form. A customer base cannot
    be removed (it is every customer of a line); an entity not in the network is an error."""
    graph = network.graph
    by_number: dict[str, int] = {}
    for v in graph.vs:
        for number in (v["numbers"] or "").split(";"):
            by_number.setdefault(number, v.index)
    names = {name: v for v, name in enumerate(graph.vs["name"])}
    found: list[str] = []
    for entity in entities:
        normal = normalise_number(entity)
        vertex = names.get(entity, by_number.get(normal.value if normal else entity))
        if vertex is None:
            raise ValueError(f"{entity} is not in the network")
        if graph.vs[vertex]["kind"] not in (*RANKED, "line"):
            raise ValueError(
                f"{entity} is a {graph.vs[vertex]['kind']} node, not a person, phone or line"
            )
        if graph.vs[vertex]["name"] not in found:
            found.append(graph.vs[vertex]["name"])
    return found


def disrupt(
    workspace: Workspace,
    settings: Settings,
    remove: Sequence[str] = (),
    top_share: float = 0.05,
    top: int | None = None,
    strategies: Sequence[str] = STRATEGIES,
    sequential: bool = True,
    draws: int = 20,
    expand_customers: bool = False,
) -> DisruptionReport:
    """Build the workspace's network (as `stronghold network` does) and compare the
    strategies removing `top` people and phones (default: `top_share` of the network's
    nodes, at least one) or as many as `remove` names; for `remove`, also the lines it leaves
    without a holder or runners and who could step in. Writes disruption.csv (and
    disruption_successors.csv for `remove`) into the workspace's results."""
    from stronghold.network.run import rank_network

    began = time.perf_counter()
    network = rank_network(workspace, settings, expand_customers, write=False).network
    chosen = resolve(network, remove)
    count = len(chosen) or top or max(1, round(top_share * network.graph.vcount()))
    before = connectivity(network.graph)
    outcomes = compare(network, count, strategies, sequential, draws, before)
    successors = []
    if chosen:
        outcomes.insert(0, outcome(network, before, CHOSEN, chosen))
        successors = who_could_step_in(network, chosen)
    report = DisruptionReport(network, before, count, sequential, outcomes, successors)
    report.written.append(
        write_results_csv(
            workspace.results / "disruption.csv",
            DISRUPTION_COLUMNS,
            [_row(o) for o in outcomes],
        )
    )
    if chosen:
        rows = [_successor_row(s, successors) for s in successors]
        report.written.append(
            write_results_csv(
                workspace.results / "disruption_successors.csv", SUCCESSOR_COLUMNS, rows
            )
        )
    report.seconds = time.perf_counter() - began
    return report


def _row(o: Outcome) -> dict[str, Any]:
    closed = [line.line_id for line in o.lines if line.without_holder or line.without_runners]
    evidence = (
        f"mean of {o.draws} seeded draws of {len(o.removed)}"
        if o.draws > 1
        else "removed in order: " + ";".join(o.removed)
    )
    if closed:
        evidence += "; lines left without holder or runners: " + ";".join(closed)
    return {
        "strategy": o.strategy,
        "removed": len(o.removed),
        "draws": o.draws,
        "largest_before": o.before.largest,
        "largest_after": round(o.largest_after, 2),
        "largest_lost": round(o.largest_lost, 4),
        "largest_lost_sd": round(o.largest_lost_sd, 4),
        "efficiency_before": round(o.before.efficiency, 4),
        "efficiency_after": round(o.efficiency_after, 4),
        "efficiency_change": round(o.efficiency_change, 4),
        "efficiency_change_sd": round(o.efficiency_change_sd, 4),
        "lines_without_holder": round(o.without_holder, 2),
        "lines_without_runners": round(o.without_runners, 2),
        "evidence": evidence,
    }


def _successor_row(s: Successor, every: list[Successor]) -> dict[str, Any]:
    rank = [x for x in every if x.removed == s.removed].index(s) + 1
    return {
        "removed": s.removed,
        "candidate": s.candidate,
        "kind": s.kind,
        "score": round(s.score, 4),
        "rank": rank,
        "evidence": s.reason,
    }
