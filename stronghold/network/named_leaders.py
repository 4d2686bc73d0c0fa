"""Leaders whom intelligence names and the comms confirm.

A leader who talks only to a go-between, or only to the one holder he stands above, looks in
the comms like that person's family: no rule on calls alone tells them apart (measured in
docs/benchmarks.md, robustness). Intelligence often does: a report that ties its subject to
a line ("X is believed to be behind the 'Snow' line"; intelligence_links.py ties a report's
subjects to the line it names). Neither is enough alone: a report may be wrong or stale, and
a heavy caller may be a mother. Together they are: a person or phone with no part in the
line's running (and running for no line; a holder of another line may stand above this one's
holder), tied by intelligence to the line and in touch `MIN_EVENTS` times or more with its
holder or controllers, or with someone who directs it, is *named* as above it; their calls
include those of an unlisted phone that sleeps where they live, and where one of the line's
own chiefs sleeps there they are that chief or his household, not above him (sleeping.py),
unless it is only a controller their line shares with another line whose holder sleeps
there too: they hold that line (measured: sparse-cells 5, whose leader holds one line and
directs another's holder, and whose hub cell also serves the controller's nights).
The evidence says both, and the report's grading travels with the link.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stronghold.network.edges import contacts_of, nights_of, tied_by_intelligence, volume_of

__all__ = ["named_above"]


def named_above(
    graph: Any,
    chiefs: Mapping[str, set[int]],
    holders: Mapping[str, set[int]],
    directing: Mapping[int, set[str]],
    runners: set[int],
    min_events: float,
) -> dict[int, dict[str, dict[int, float]]]:
    """someone -> line -> the line's chiefs or directors it is in touch with, and how often:
    for each line a report ties them to, where they are none of its chiefs and run for no
    line (`chiefs`: line -> its holders and controllers; `holders`: line -> its holders;
    `directing`: director -> the lines it directs). A holder of one line may stand above
    another line's holder."""
    names, kinds = graph.vs["name"], graph.vs["kind"]
    vertex = {name: v for v, name in enumerate(names)}
    volume = volume_of(graph)
    directors_of: dict[str, set[int]] = {}
    for director, lines in directing.items():
        for line in lines:
            directors_of.setdefault(line, set()).add(director)
    named: dict[int, dict[str, dict[int, float]]] = {}
    for line, command in chiefs.items():
        if line not in vertex:
            continue
        above = command | directors_of.get(line, set())
        for u in tied_by_intelligence(graph, vertex[line]):
            if u in runners or u in above or kinds[u] not in ("person", "phone"):
                continue
            slept = set(nights_of(graph, u))
            others = {k: h for k, h in holders.items() if k != line}
            controllers = command - holders.get(line, set())
            if _chiefs_household(slept & above, controllers, slept, others):
                continue
            touched = _touched(graph, u, above, slept - above, volume)
            if sum(touched.values()) >= min_events:
                named.setdefault(u, {})[line] = touched
    return named


def _chiefs_household(
    there: set[int], controllers: set[int], slept: set[int], holders: Mapping[str, set[int]]
) -> bool:
    """Whether one at whose home a line's chiefs or directors sleep (`there`) is one of them
    or their household: yes, unless only the line's `controllers` sleep there and so does the
    holder of another line (`slept`: the phones sleeping there; `holders`: the holders of
    the other lines). Then they hold that line, and the controller is one their lines share
    (with sparse cells, a colleague's phone can share their nights too)."""
    if not there:
        return False
    if not there <= controllers:
        return True
    return not any(slept & h for h in holders.values())


def _touched(graph: Any, u: int, above: set[int], slept: set[int], volume: str) -> dict[int, float]:
    """`above` vertices -> their calls and texts with `u` or with the unlisted phones that
    sleep where `u` lives (`slept`, sleeping.py; none of them above the line)."""
    touched: dict[int, float] = {}
    for x in [u, *slept]:
        for other, events in contacts_of(graph, x, volume).items():
            if other in above:
                touched[other] = touched.get(other, 0.0) + events
    return touched
