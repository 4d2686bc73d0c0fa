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

from stronghold.analysis.services import CONTACT, service_steps
from stronghold.engine import Engine
from stronghold.engine.pipeline import Pipeline
from stronghold.network.colocation import cell_colocation
from stronghold.network.edges import MIN_EVENTS
from stronghold.network.focus import focused_vertices
from stronghold.network.households import nights_together
from stronghold.network.intelligence_links import Link
from stronghold.network.record_links import RecordLinks
from stronghold.network.roles import Roles
from stronghold.network.sleeping import business_phones, night_links

__all__ = ["Network", "build_network"]

# calls and messages between subscribers (services.py): a data session, a voicemail row or
# a service's text ties no one to anyone; worked out once a network, as `contact_pairs`
_CONTACT_PAIRS = (
    "select least(a_number, b_number) as a, greatest(a_number, b_number) as b, "
    "count(*) as events, min(start_time) as first_at, max(start_time) as last_at "
    f"from comms_rows where {CONTACT} group by 1, 2"
)
PAIRS = "select a, b, events, first_at, last_at from contact_pairs"


@dataclass
class Network:
    # vertices: name, kind, numbers, label; edges: weight (calls, texts and records), events
    # (calls and texts), first and last (microseconds since 1970, UTC, or None), kinds,
    # provenance, grading
    graph: ig.Graph
    roles: Roles

    def focused(self, close: float = 0.0) -> Network:
        """The network of the lines (focus.py), or all of it with nothing named."""
        kept = focused_vertices(self.graph, self.roles, close)
        return self if kept is None else Network(self.graph.induced_subgraph(kept), self.roles)


def build_network(
    engine: Engine,
    roles: Roles,
    people_known: bool,
    expand_customers: bool = False,
    records: RecordLinks | None = None,
) -> Network:
    """The network of the comms on `engine` (`person_phones` registered if `people_known`),
    with the links of `records` and co-location of the named phones where given."""
    Pipeline(service_steps()).run(engine)
    engine.materialise("contact_pairs", _CONTACT_PAIRS)
    tied = _tied_to_lines(records, roles)
    node_map = _node_map(engine, roles, people_known, expand_customers, tied)
    engine.register_arrow("node_map", node_map)
    links = list(records.links) if records else []
    if records is not None:
        links += cell_colocation(engine, _watched(node_map, roles))
        links += _nights(engine, records, roles, tied, node_map)
    if links:
        engine.register_arrow("record_links", _links_table(links))
    edges = engine.arrow(_EDGES_WITH_LINKS if links else _EDGES)
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
    described = records.nodes if records else {}
    kinds, numbers, labels = [], [], []
    for name in graph.vs["name"]:
        kind, number = mapped.get(name, (described.get(name, ("phone",))[0], ""))
        kinds.append(kind)
        numbers.append(number if kind != "phone" else name)
        labels.append(described[name][1] if name in described else name)
    graph.vs["kind"], graph.vs["numbers"], graph.vs["label"] = kinds, numbers, labels
    graph.es["weight"] = edges["weight"].to_pylist()
    graph.es["events"] = edges["events"].to_pylist()
    # microseconds since 1970 (UTC): 5M Python datetimes took 32 s of a 1M-node build
    graph.es["first"] = _micros(edges["first_at"])
    graph.es["last"] = _micros(edges["last_at"])
    for name, alone in (("kinds", "comms"), ("provenance", ""), ("grading", "")):
        graph.es[name] = edges[name].to_pylist() if links else alone
    return Network(graph, roles)


# Calls and texts between nodes: each number becomes its node (or stays a plain phone).
_COMMS_EDGES = (
    "select na, nb, cast(sum(events) as bigint) as events, min(first_at) as first_at, "
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
_EDGES = f"select *, cast(events as double) as weight from ({_COMMS_EDGES}) c"
# ... and the record links, their ends mapped the same way, merged edge by edge.
_LINK_EDGES = (
    "select least(x, y) as na, greatest(x, y) as nb, sum(weight) as weight, "
    "min(at_time) as first_at, max(at_time) as last_at, "
    "string_agg(distinct kind, ';' order by kind) as kinds, "
    "string_agg(provenance, ' | ' order by at_time nulls first, provenance) as provenance, "
    "coalesce(min(nullif(grading, '')), '') as grading from (select "
    "coalesce(ma.node, l.a) as x, coalesce(mb.node, l.b) as y, l.* from record_links l "
    "left join node_map ma on ma.number = l.a left join node_map mb on mb.number = l.b) e "
    "where x <> y group by 1, 2"
)
_EDGES_WITH_LINKS = (
    "select coalesce(c.na, l.na) as na, coalesce(c.nb, l.nb) as nb, "
    "coalesce(c.events, 0) as events, "
    "cast(coalesce(c.events, 0) as double) + coalesce(l.weight, 0) as weight, "
    "least(c.first_at, l.first_at) as first_at, greatest(c.last_at, l.last_at) as last_at, "
    "case when l.na is null then 'comms' when c.na is null then l.kinds "
    "else 'comms;' || l.kinds end as kinds, coalesce(l.provenance, '') as provenance, "
    "coalesce(l.grading, '') as grading "
    f"from ({_COMMS_EDGES}) c full outer join ({_LINK_EDGES}) l "
    "on c.na = l.na and c.nb = l.nb"
)


def _micros(column: pa.ChunkedArray) -> list[int | None]:
    return pc.cast(column, pa.int64()).to_pylist()


def _links_table(links: list[Link]) -> pa.Table:
    return pa.table(
        {
            "a": pa.array([k.a for k in links], pa.string()),
            "b": pa.array([k.b for k in links], pa.string()),
            "kind": pa.array([k.kind for k in links], pa.string()),
            "weight": pa.array([k.weight for k in links], pa.float64()),
            "provenance": pa.array([k.provenance for k in links], pa.string()),
            "grading": pa.array([k.grading for k in links], pa.string()),
            "at_time": pa.array([k.at for k in links], pa.timestamp("us", tz="UTC")),
        }
    )


def _watched(node_map: pa.Table, roles: Roles) -> set[str]:
    """The numbers of the lines and of the entities the analyses named."""
    return {
        r["number"]
        for r in node_map.to_pylist()
        if r["kind"] == "line" or r["node"] in roles.roles or r["number"] in roles.roles
    }


def _nights(
    engine: Engine, records: RecordLinks, roles: Roles, tied: set[str], node_map: pa.Table
) -> list[Link]:
    """The unlisted phones that sleep where someone intelligence ties to a line lives
    (sleeping.py), and the phones in the lines' business that spend their nights together
    (households.py)."""
    homes = {
        link.a: link.b
        for link in records.links
        if link.kind == "residence"
        and link.a in tied
        and records.nodes.get(link.a, ("",))[0] == "person"
    }
    # numbers charted as someone (a person, a line, a customer base) rather than as themselves
    listed = {r["number"] for r in node_map.to_pylist() if r["kind"] != "phone"}
    # runners' phones sleep where they deal from: a cuckooed home's resident is no leader
    listed |= {n for n, held in roles.roles.items() if any(r == "runner" for r, _ in held)}
    business = business_phones(engine, roles.commanding, PAIRS, MIN_EVENTS)
    links = night_links(engine, homes, roles.commanding, business, listed)
    return links + nights_together(engine, business | roles.commanding, PAIRS, MIN_EVENTS)


def _tied_to_lines(records: RecordLinks | None, roles: Roles) -> set[str]:
    """The people and numbers intelligence ties to a line (named_leaders.py reads why)."""
    if records is None:
        return set()
    lines = set(roles.line_ids)
    tied: set[str] = set()
    for link in records.links:
        if link.kind == "intelligence":
            tied |= {a for a, b in ((link.a, link.b), (link.b, link.a)) if b in lines}
    return tied


def _node_map(
    engine: Engine, roles: Roles, people_known: bool, expand: bool, tied: set[str]
) -> pa.Table:
    """number -> node and kind, for every number that is not its own plain phone node (the
    numbers of those intelligence ties to a line, `tied`, are kept out of customer bases:
    a leader who also buys from a rival line stays who they are)."""
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
    tied_numbers = [n for n, person in owner.items() if person in tied or n in tied]
    for number in _above_the_command(engine, roles, owner) + tied_numbers:
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


def _above_the_command(engine: Engine, roles: Roles, owner: dict[str, str]) -> list[str]:
    """Numbers in touch with two or more holders or controllers, 20 times or more in all: kept
    out of any customer base, so a leader who also buys from a rival line stays who they are
    (command_ties.py decides whether they direct anything)."""
    chiefs = roles.commanding
    numbers = sorted(
        {e for e in chiefs if e.startswith("+")}
        | {n for n, person in owner.items() if person in chiefs}
    )
    if len(numbers) < 2:
        return []
    engine.register_values("chief_numbers", numbers)
    rows = engine.arrow(
        "select number from (select case when c.number = p.a then p.b else p.a end as number, "
        f"c.number as chief, sum(p.events) as events from ({PAIRS}) p "
        "join chief_numbers c on c.number in (p.a, p.b) group by 1, 2) x "
        "where number not in (select number from chief_numbers) and events >= 5 "
        "group by number having count(*) >= 2 and sum(events) >= 20"
    ).to_pylist()
    return [r["number"] for r in rows if r["number"] not in roles.line_numbers]


def _table(rows: dict[str, tuple[str, str]], only: dict[str, str] | None = None) -> pa.Table:
    keys = [n for n in rows if only is None or n in only]
    return pa.table(
        {
            "number": pa.array(keys, pa.string()),
            "node": pa.array([rows[n][0] for n in keys], pa.string()),
            "kind": pa.array([rows[n][1] for n in keys], pa.string()),
        }
    )
