"""The communications network at the level analysts chart it.

A line's numbers become the line (one node however often it changed number); a number the
records give to one person becomes that person; a line's customers become one customer-base
node per line, holding only their contact with that line (the hundreds of customers, their
families and the rival lines they also buy from are the "hairball" of a hand-drawn chart),
unless asked to expand them. Every other number stays a phone. Edges are weighted by the
number of calls and texts between the two ends, with the first and last of them.
"""

from __future__ import annotations

from dataclasses import dataclass

import igraph as ig
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from stronghold.engine import Engine
from stronghold.network.roles import Roles

__all__ = ["Network", "build_network"]

PAIRS = (
    "select least(a_number, b_number) as a, greatest(a_number, b_number) as b, "
    "count(*) as events, min(start_time) as first_at, max(start_time) as last_at "
    "from comms where a_number is not null and b_number is not null "
    "and a_number <> b_number group by 1, 2"
)


@dataclass
class Network:
    graph: ig.Graph  # vertices: name, kind, numbers; edges: weight (events), first, last
    roles: Roles

    def focused(self) -> Network:
        """The network of the lines: the lines, their customer bases, the people and phones
        the analyses name, and anyone in contact with two or more of those (a go-between
        is kept; a holder's mother is not). With nothing named (comms alone), all of it."""
        graph = self.graph
        named = {
            v.index
            for v in graph.vs
            if v["kind"] in ("line", "customers") or v["name"] in self.roles.roles
        }
        if not named:
            return self
        between = {
            v for v in range(graph.vcount()) if len(named.intersection(graph.neighbors(v))) >= 2
        }
        return Network(graph.induced_subgraph(sorted(named | between)), self.roles)


def build_network(
    engine: Engine, roles: Roles, people_known: bool, expand_customers: bool = False
) -> Network:
    """The network of the comms on `engine` (`person_phones` registered if `people_known`)."""
    engine.register_arrow("node_map", _node_map(engine, roles, people_known, expand_customers))
    edges = engine.arrow(
        "select na, nb, cast(sum(events) as bigint) as weight, min(first_at) as first_at, "
        "max(last_at) as last_at from (select least(x, y) as na, greatest(x, y) as nb, "
        "events, first_at, last_at from (select coalesce(ma.node, p.a) as x, "
        "coalesce(mb.node, p.b) as y, p.events, p.first_at, p.last_at, "
        "coalesce(ma.kind, 'phone') as ka, coalesce(mb.kind, 'phone') as kb "
        f"from ({PAIRS}) p left join node_map ma on ma.number = p.a "
        "left join node_map mb on mb.number = p.b) e where x <> y "
        # a customer base keeps only its contact with its own line: customers buy from rival
        # lines in the same town, and their calls would tie rival groups together
        "and not (ka = 'customers' and y || ' customers' <> x) "
        "and not (kb = 'customers' and x || ' customers' <> y)) u group by na, nb"
    )
    nodes = engine.arrow(
        "select node, max(kind) as kind, string_agg(number, ';' order by number) as numbers "
        "from node_map group by node"
    )
    names = pc.unique(
        pa.concat_arrays([edges["na"].combine_chunks(), edges["nb"].combine_chunks()])
    )
    ends = np.column_stack(
        [pc.index_in(edges[c], value_set=names).to_numpy() for c in ("na", "nb")]
    )
    graph = ig.Graph(n=len(names), edges=ends.tolist())
    graph.vs["name"] = names.to_pylist()
    mapped = dict(
        zip(
            nodes["node"].to_pylist(),
            zip(nodes["kind"].to_pylist(), nodes["numbers"].to_pylist(), strict=True),
            strict=True,
        )
    )
    graph.vs["kind"] = [mapped.get(n, ("phone", n))[0] for n in graph.vs["name"]]
    graph.vs["numbers"] = [mapped.get(n, ("phone", n))[1] for n in graph.vs["name"]]
    graph.es["weight"] = edges["weight"].to_pylist()
    graph.es["first"] = edges["first_at"].to_pylist()
    graph.es["last"] = edges["last_at"].to_pylist()
    return Network(graph, roles)


def _node_map(engine: Engine, roles: Roles, people_known: bool, expand: bool) -> pa.Table:
    """number -> node and kind, for every number that is not its own plain phone node."""
    owner = dict(roles.person_of)
    if people_known:
        for r in engine.arrow(
            "select number, min(person_id) as person_id from person_phones "
            "group by number having count(distinct person_id) = 1"
        ).to_pylist():
            owner.setdefault(r["number"], r["person_id"])
    rows = {n: (line, "line") for n, line in roles.line_numbers.items()}
    for number in [e for e in roles.roles if e.startswith("+")] + [
        n for n, person in owner.items() if person in roles.roles
    ]:
        person = owner.get(number)
        rows.setdefault(number, (person, "person") if person else (number, "phone"))
    if roles.line_numbers and not expand:
        engine.register_arrow("line_members", _table(rows, roles.line_numbers))
        for r in engine.arrow(
            "select number, arg_max(line_id, events) as line_id from (select case when "
            "l.number = p.a then p.b else p.a end as number, l.node as line_id, "
            f"sum(p.events) as events from ({PAIRS}) p join line_members l "
            "on l.number in (p.a, p.b) group by 1, 2) c group by number"
        ).to_pylist():
            rows.setdefault(r["number"], (f"{r['line_id']} customers", "customers"))
    for number, person in owner.items():
        rows.setdefault(number, (person, "person"))
    return _table(rows)


def _table(rows: dict[str, tuple[str, str]], only: dict[str, str] | None = None) -> pa.Table:
    keys = [n for n in rows if only is None or n in only]
    return pa.table(
        {
            "number": pa.array(keys, pa.string()),
            "node": pa.array([rows[n][0] for n in keys], pa.string()),
            "kind": pa.array([rows[n][1] for n in keys], pa.string()),
        }
    )
