"""FollowTheMoney entities (the data model of OCCRP's Aleph and OpenSanctions), one JSON
object a line as the `ftm` tools read and write them, made with the followthemoney
library's own model so every value is cleaned by its property type.

Nodes: a person is a Person; an address an Address (its label as the full address); a
vehicle a Vehicle (its VRM as registration number); a line, a customer base and a phone
nobody is known to hold are each a LegalEntity, the schema FtM gives to any party to calls
(callsMade, phone). Numbers go into `phone` where FtM's phone type accepts them; every
number, accepted or not (the synthetic world's numbers lie in Ofcom's drama ranges, which
no phone plan validates), is also written in the description, so none is lost.

Links: one entity per network link. Two people are an Associate; any other pair an
UnknownLink (subject, object), FtM's link between any two things, its role the link's kinds.
Not a Call: a Call is one call with a caller, a receiver and one date, where a network link
counts calls and texts both ways, and records, between its first and last dates (its
startDate and endDate). The provenance is the description; weight and grading the summary.

Groups: each reported group is an Organization described as what it is, a community of the
contact network, not a finding that anyone belongs to a crime group; its members belong by a
Membership (an UnknownLink for an address or a vehicle, which FtM does not let be members),
carrying the key-player rank and score as summary and the ranking's reasons as description.

IDs are hashes of natural keys (make_id), so exporting the same network twice gives the
same entities."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from followthemoney import EntityProxy, model, registry

from stronghold.network.exports.chart import Chart, ChartLink, ChartNode

__all__ = ["ftm_entities", "write_ftm"]

SCHEMATA = {"person": "Person", "address": "Address", "vehicle": "Vehicle"}
OTHER_SCHEMA = "LegalEntity"  # lines, customer bases, phones
MEMBER_ROLE = "member of a community of the contact network"


def write_ftm(chart: Chart, path: Path) -> int:
    """Write the chart's entities to `path`, one JSON object a line; the count written."""
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for entity in ftm_entities(chart):
            handle.write(json.dumps(entity.to_dict(), ensure_ascii=False, sort_keys=True))
            handle.write("\n")
            count += 1
    return count


def ftm_entities(chart: Chart) -> list[EntityProxy]:
    """The nodes, then the links, then the groups and their memberships."""
    nodes = {node.id: _node(node) for node in chart.nodes}
    entities = list(nodes.values())
    seen: dict[tuple[str, str], int] = {}
    for link in chart.links:
        pair = (link.source, link.target)
        seen[pair] = seen.get(pair, 0) + 1
        entities.append(_link(link, nodes[link.source], nodes[link.target], seen[pair]))
    groups = {}
    for group_id, described in chart.groups.items():
        group = model.make_entity("Organization")
        group.make_id("stronghold", "group", group_id)
        group.add("name", f"Group {group_id}")
        group.add(
            "description",
            f"Group {group_id} found by Stronghold: a community of the contact network "
            f"(Leiden), not a finding that its members belong to a crime group; {described}",
        )
        groups[group_id] = group
    entities.extend(groups.values())
    for node in chart.nodes:
        if node.group in groups:
            entities.append(_membership(node, nodes[node.id], groups[node.group]))
    return entities


def _node(node: ChartNode) -> EntityProxy:
    schema = SCHEMATA.get(node.kind, OTHER_SCHEMA)
    entity = model.make_entity(schema)
    entity.make_id("stronghold", node.kind, node.id)
    if schema == "Address":
        entity.add("full", node.label)
    else:
        entity.add("name", node.label)
    if schema == "Vehicle":
        entity.add("registrationNumber", node.id)
    if entity.schema.is_a("LegalEntity"):
        entity.add("phone", [n for n in node.numbers if registry.phone.validate(n)])
    said = [f"Stronghold {node.kind} {node.id}"]
    if node.numbers:
        said.append("numbers " + ", ".join(node.numbers))
    if node.group:
        said.append(f"group {node.group}")
    entity.add("description", "; ".join(said))
    return entity


def _link(link: ChartLink, source: EntityProxy, target: EntityProxy, nth: int) -> EntityProxy:
    people = source.schema.is_a("Person") and target.schema.is_a("Person")
    entity = model.make_entity("Associate" if people else "UnknownLink")
    entity.make_id("stronghold", "link", source.id, target.id, nth)
    entity.add("person" if people else "subject", source.id)
    entity.add("associate" if people else "object", target.id)
    entity.add("relationship" if people else "role", ", ".join(link.kinds))
    entity.add("startDate", _utc(link.first))
    entity.add("endDate", _utc(link.last))
    summary = f"weight {link.weight:g} (calls and texts, and records counting one each)"
    if link.events is not None:
        summary += f"; {link.events} calls and texts"
    if link.grading:
        summary += f"; graded {link.grading}"
    entity.add("summary", summary)
    entity.add("description", link.provenance)
    return entity


def _membership(node: ChartNode, member: EntityProxy, group: EntityProxy) -> EntityProxy:
    joins = member.schema.is_a("LegalEntity")
    entity = model.make_entity("Membership" if joins else "UnknownLink")
    entity.make_id("stronghold", "member", member.id, group.id)
    entity.add("member" if joins else "subject", member.id)
    entity.add("organization" if joins else "object", group.id)
    entity.add("role", MEMBER_ROLE)
    if node.rank is not None and node.score is not None:
        entity.add("summary", f"key player {node.rank} of {node.group} (score {node.score:.4f})")
        entity.add("description", node.evidence)
    return entity


def _utc(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="seconds")
