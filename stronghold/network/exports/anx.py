"""i2 Analyst's Notebook's XML chart format (ANX), written with ElementTree.

The element names, their nesting and order, and the attributes used are those of i2's
published schema for the format, "Analyst's Notebook 7.xsd" (installed with the product
under "i2 Shared/XML/Schema"), as read from the classes generateDS made of it in the
pyanx project (github.com/pcbje/pyanx, pyanx/anx.py; its writer, pyanx/pyanx.py, was tested
against i2 Chart Reader 8). The parts used:

    Chart (IdReferenceLinking)
      AttributeClassCollection / AttributeClass (Name, Type, DecimalPlaces)
      EntityTypeCollection / EntityType (Name)
      LinkTypeCollection / LinkType (Name)
      ChartItemCollection / ChartItem (Label, Description)
        End (X, Y) / Entity (EntityId, Identity, LabelIsIdentity) / Icon / IconStyle (Type)
        or Link (End1Id, End2Id) / LinkStyle (Type)
        then AttributeCollection / Attribute (AttributeClass, Value)

Chart's children come in that order in the schema's sequence, as do ChartItem's (End or
Link, then AttributeCollection). With IdReferenceLinking false, links name their ends by
the entities' EntityId and attributes their class by name (no ID/IDREF bookkeeping);
identities are the network's node ids, unique as the schema's Rigorous default requires.
Attribute class types are values of the schema's AttributeTypeEnum: AttText, AttNumber and
AttTime, with AttTime values as YYYY-MM-DDTHH:MM:SS in UTC (the enumeration's values and that
form as the anxwritter project, github.com/gustavo-gkmi/anxwritter, writes them for ANB 9).

Each node is an icon entity of its kind (entity types Line, Customers, Person, Phone,
Address, Vehicle: they show ANB's default icon until a type is restyled), placed on a grid
group by group; each link is labelled with its kinds and weight, with its provenance as
the description and its grading, weight and dates as attributes."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

from stronghold.network.exports.chart import Chart, ChartLink, ChartNode

__all__ = ["ATTRIBUTE_CLASSES", "anx_tree", "write_anx"]

SPACING = 160  # world coordinates between neighbouring entities on the grid

# name -> (schema type, decimal places for numbers)
ATTRIBUTE_CLASSES: dict[str, tuple[str, int | None]] = {
    "Numbers": ("AttText", None),
    "Group": ("AttText", None),
    "Key player score": ("AttNumber", 4),
    "Key player rank": ("AttNumber", 0),
    "Kinds": ("AttText", None),
    "Weight": ("AttNumber", 2),
    "Calls and texts": ("AttNumber", 0),
    "Grading": ("AttText", None),
    "First": ("AttTime", None),
    "Last": ("AttTime", None),
}


def write_anx(chart: Chart, path: Path) -> None:
    tree = anx_tree(chart)
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)


def anx_tree(chart: Chart) -> ET.ElementTree:
    """The chart as an ANX document."""
    root = ET.Element("Chart", IdReferenceLinking="false")
    classes = ET.SubElement(root, "AttributeClassCollection")
    for name, (kind, places) in ATTRIBUTE_CLASSES.items():
        extra = {} if places is None else {"DecimalPlaces": str(places)}
        ET.SubElement(classes, "AttributeClass", {"Name": name, "Type": kind, **extra})
    entity_types = ET.SubElement(root, "EntityTypeCollection")
    for kind in chart.kinds():
        ET.SubElement(entity_types, "EntityType", Name=_type_name(kind))
    link_types = ET.SubElement(root, "LinkTypeCollection")
    for name in dict.fromkeys(_link_type(link) for link in chart.links):
        ET.SubElement(link_types, "LinkType", Name=name)
    items = ET.SubElement(root, "ChartItemCollection")
    columns = max(1, math.ceil(math.sqrt(len(chart.nodes))))
    placed = sorted(chart.nodes, key=lambda n: (n.group == "", n.group, n.kind, n.id))
    for place, node in enumerate(placed):
        x, y = (place % columns) * SPACING, (place // columns) * SPACING
        _entity(items, node, x, y)
    for link in chart.links:
        _link(items, link)
    return ET.ElementTree(root)


def _entity(items: ET.Element, node: ChartNode, x: int, y: int) -> None:
    item = ET.SubElement(items, "ChartItem", Label=node.label, Description=_described(node))
    end = ET.SubElement(item, "End", X=str(x), Y=str(y))
    entity = ET.SubElement(
        end, "Entity", EntityId=node.id, Identity=node.id, LabelIsIdentity="false"
    )
    icon = ET.SubElement(entity, "Icon")
    ET.SubElement(icon, "IconStyle", Type=_type_name(node.kind))
    values: dict[str, str] = {"Numbers": "; ".join(node.numbers), "Group": node.group}
    if node.score is not None and node.rank is not None:
        values["Key player score"] = f"{node.score:.4f}"
        values["Key player rank"] = str(node.rank)
    _attributes(item, values)


def _link(items: ET.Element, link: ChartLink) -> None:
    label = f"{', '.join(link.kinds)} ({link.weight:g})"
    item = ET.SubElement(items, "ChartItem", Label=label, Description=link.provenance)
    element = ET.SubElement(item, "Link", End1Id=link.source, End2Id=link.target)
    ET.SubElement(element, "LinkStyle", Type=_link_type(link))
    _attributes(
        item,
        {
            "Kinds": "; ".join(link.kinds),
            "Weight": f"{link.weight:g}",
            "Calls and texts": "" if link.events is None else str(link.events),
            "Grading": link.grading,
            "First": _utc(link.first),
            "Last": _utc(link.last),
        },
    )


def _attributes(item: ET.Element, values: dict[str, str]) -> None:
    given = {name: value for name, value in values.items() if value}
    if given:
        collection = ET.SubElement(item, "AttributeCollection")
        for name, value in given.items():
            ET.SubElement(collection, "Attribute", AttributeClass=name, Value=value)


def _described(node: ChartNode) -> str:
    parts = [f"{node.kind} {node.id}"]
    if node.numbers:
        parts.append("numbers " + ", ".join(node.numbers))
    if node.group:
        parts.append(f"group {node.group}")
    if node.rank is not None and node.score is not None:
        parts.append(f"key player {node.rank} of its group (score {node.score:.3f})")
    if node.evidence:
        parts.append(node.evidence)
    return "; ".join(parts)


def _type_name(kind: str) -> str:
    return kind.replace("-", " ").capitalize()


def _link_type(link: ChartLink) -> str:
    return " + ".join(link.kinds).capitalize()


def _utc(moment: datetime | None) -> str:
    if moment is None:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%dT%H:%M:%S")
