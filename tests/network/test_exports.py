"""The network's exports, read back by real clients: GraphML and GEXF by networkx, the
FollowTheMoney entities by the followthemoney library (and its `ftm validate`), the i2 ANX
chart against the element names and nesting of Analyst's Notebook's published schema."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import igraph as ig
import networkx as nx
import pytest
from click.testing import CliRunner as ClickRunner
from followthemoney import model, registry
from followthemoney.cli.cli import cli as ftm_cli
from typer.testing import CliRunner

from stronghold.cli import app
from stronghold.network.exports import format_for, write_chart
from stronghold.network.exports.chart import chart_of
from stronghold.network.groups import Group
from stronghold.network.run import rank_network
from tests.network.test_network_graph import workspace

# Numbers: Ofcom's drama ranges, never anyone's. The London and Leeds fixed-line ones are
# numbers phone plans accept; the 07700 900 mobile ones (the synthetic world's) are not.
LINE_NUMBERS = "+447700900001;+447700900002"
PHONE, HOLDER_PHONE = "+442079460001", "+441134960001"
NAMES = ["SL001", "P1", PHONE, "A1", "TE57 VRM", "SL001 customers", "P2"]
KINDS = ["line", "person", "phone", "address", "vehicle", "customers", "person"]
LABELS = ["SL001", "Test Person One", PHONE, "1 Example Street, Testtown", "TE57 VRM", "", "P2"]
NUMBERS = [LINE_NUMBERS, HOLDER_PHONE, PHONE, "", "", "+447700900020", ""]
AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
EDGES = [  # ends, weight, events, kinds, provenance, grading, first, last
    ((0, 5), 30.0, 30, "comms", "", "", AT, AT.replace(hour=18)),
    ((1, 2), 6.0, 5, "comms;intelligence", 'intelligence IR1 "P1 & <phone>"', "1A P", AT, AT),
    ((2, 0), 6.0, 6, "comms", "", "", AT, AT),
    ((1, 3), 1.0, 0, "residence", "people.csv: P1 lives at A1", "", None, None),
    ((1, 4), 1.0, 0, "keeper", "vehicles.csv: P1 keeps TE57 VRM", "", None, None),
    ((1, 6), 2.0, 2, "comms", "", "", AT, AT),
    ((3, 0), 1.0, 0, "premises", "addresses.csv: SL001 likely uses A1 (score 0.81)", "", AT, AT),
]
GROUPS = [Group("G01", [0, 1, 2, 3, 5, 6], ["SL001"]), Group("G02", [4])]  # G02: not reported
KEY_PLAYERS = [
    {"entity_id": "P1", "ocg_id": "G01", "score": 0.8123, "rank": 1, "evidence": "holder"},
    {"entity_id": PHONE, "ocg_id": "G01", "score": 0.4, "rank": 2, "evidence": "runner"},
]


def hand_made(with_new_attributes: bool = True) -> ig.Graph:
    graph = ig.Graph(n=len(NAMES), edges=[e[0] for e in EDGES])
    graph.vs["name"], graph.vs["kind"], graph.vs["numbers"] = NAMES, KINDS, NUMBERS
    columns = list(zip(*EDGES, strict=True))
    graph.es["weight"], graph.es["first"], graph.es["last"] = columns[1], columns[6], columns[7]
    if with_new_attributes:
        graph.vs["label"] = LABELS
        graph.es["events"], graph.es["kinds"] = columns[2], columns[3]
        graph.es["provenance"], graph.es["grading"] = columns[4], columns[5]
    return graph


def pairs(graph: ig.Graph) -> Counter[frozenset[str]]:
    return Counter(
        frozenset((graph.vs[e.source]["name"], graph.vs[e.target]["name"])) for e in graph.es
    )


def test_chart_reads_groups_key_players_and_defaults() -> None:
    chart = chart_of(hand_made(), GROUPS, KEY_PLAYERS)
    nodes = {n.id: n for n in chart.nodes}
    assert (nodes["P1"].group, nodes["P1"].rank, nodes["P1"].score) == ("G01", 1, 0.8123)
    assert nodes["TE57 VRM"].group == "" and nodes["TE57 VRM"].rank is None  # G02 unreported
    assert nodes["SL001"].numbers == ("+447700900001", "+447700900002")
    assert nodes["SL001 customers"].label == "SL001 customers"  # no label: its name
    assert chart.links[1].kinds == ("comms", "intelligence") and chart.links[1].grading == "1A P"
    assert list(chart.groups) == ["G01"]
    older = chart_of(hand_made(with_new_attributes=False), GROUPS)
    assert {link.kinds for link in older.links} == {("comms",)}
    assert {n.label for n in older.nodes} == set(NAMES)
    assert {(link.provenance, link.grading, link.events) for link in older.links} == {
        ("", "", None)
    }


@pytest.mark.parametrize(("format", "read"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_networkx_reads_back_the_same_network(tmp_path: Path, format: str, read: Any) -> None:
    graph = hand_made()
    written = write_chart(chart_of(graph, GROUPS, KEY_PLAYERS), tmp_path / f"n.{format}", format)
    back = read(written.path)
    assert set(back.nodes) == set(NAMES)
    assert Counter(frozenset(pair) for pair in back.edges()) == pairs(graph)
    assert back.nodes["P1"]["group"] == "G01" and back.nodes["TE57 VRM"]["group"] == ""
    assert back.nodes["P1"]["rank"] == 1 and back.nodes["P1"]["score"] == pytest.approx(0.8123)
    assert "rank" not in back.nodes["SL001"]  # not ranked: left out, not written empty
    assert back.nodes["SL001"]["numbers"] == LINE_NUMBERS and back.nodes["A1"]["kind"] == "address"
    assert back.nodes["P1"]["label"] == "Test Person One"
    tip = back.edges["P1", PHONE]
    assert tip["kinds"] == "comms;intelligence" and tip["grading"] == "1A P"
    assert tip["provenance"] == 'intelligence IR1 "P1 & <phone>"'
    assert tip["weight"] == 6.0 and tip["events"] == 5
    assert tip["first"] == "2026-03-02T09:30:00+00:00"
    assert "first" not in back.edges["P1", "A1"]  # a record with no date


def test_networkx_keeps_parallel_links(tmp_path: Path) -> None:
    graph = hand_made()
    graph.add_edge(0, 5, weight=1.0, kinds="premises", first=None, last=None)
    written = write_chart(chart_of(graph, GROUPS), tmp_path / "n.graphml", "graphml")
    back = nx.read_graphml(written.path)
    assert Counter(frozenset(pair) for pair in back.edges()) == pairs(graph)


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Analyst's Notebook's published schema for ANX, "Analyst's Notebook 7.xsd" (i2 Shared/XML/
# Schema), as generateDS rendered it into classes in github.com/pcbje/pyanx pyanx/anx.py:
# element -> (its child elements in the schema's sequence order, the attributes it defines).
# Only the elements this exporter may write are listed; any other element fails the test.
ANX_SCHEMA: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {
    "Chart": (
        (
            "ApplicationVersion", "LibraryCatalogue", "PropertyBagCollection",
            "CustomImageCollection", "GradeOne", "GradeTwo", "GradeThree", "SourceHints",
            "StrengthCollection", "AttributeClassCollection", "EntityTypeCollection",
            "LinkTypeCollection", "Font", "DatabaseProxyCollection", "DateTimeFormatCollection",
            "CurrentStyleCollection", "TimeZone", "TimeBar", "PrintSettings", "Summary",
            "ChartItemCollection", "ConnectionCollection", "JunctionCollection",
            "GroupCollection", "PaletteCollection", "PaletteBarCollection", "LegendDefinition",
            "SnapshotCollection",
        ),
        words(
            "GridHeightSize UseDefaultLinkSpacingWhenDragging GridVisibleOnAllViews ShowAllFlag "
            "ShowPages BackColour DefaultLinkSpacing WiringDistanceNear "
            "UseWiringHeightForThemeIcon DefaultTickRate DefaultDateTimeForNewChart "
            "WiringHeight HiddenItemsVisibility GridWidthSize HideMatchingTimeZoneFormat "
            "DefaultDate TimeBarVisible WiringSpacing BlankLinkLabels UseLocalTimeZone "
            "TypeIconDrawingMode WiringDistanceFar IdReferenceLinking IsBackColourFilled "
            "SnapToGrid LabelSumNumericLinks LabelRule Rigorous MsxmlVersion SchemaVersion "
            "CoverSheetShowOnOpen"
        ),
    ),
    "AttributeClassCollection": (("AttributeClass",), frozenset()),
    "AttributeClass": (
        ("Font",),
        words(
            "PasteBehaviour ShowTime ShowSuffix IsUser Type ShowSymbol ShowSeconds "
            "SemanticTypeGuid IconFile ShowValue Name UserCanAdd ShowIfSet ShowClassName "
            "Suffix Visible Prefix UserCanRemove ShowPrefix DecimalPlaces MergeBehaviour Id "
            "ShowDate"
        ),
    ),
    "EntityTypeCollection": (("EntityType",), frozenset()),
    "EntityType": (
        (),
        words("Name Colour SemanticTypeGuid IconFile PreferredRepresentation IconShadingColour Id"),
    ),
    "LinkTypeCollection": (("LinkType",), frozenset()),
    "LinkType": ((), words("Colour SemanticTypeGuid Id Name")),
    "ChartItemCollection": (("ChartItem",), frozenset()),
    "ChartItem": (
        ("End", "Link", "AttributeCollection", "CIStyle", "PropertyBagCollection", "TimeZone"),
        words(
            "LocalDateTimeOffset Shown DateSet GradeOneIndex Description GroupReference "
            "GradeTwoIndex Selected GradeTwoReference GradeThreeReference DateTime "
            "DateTimeDescription SourceReference SourceType GradeThreeIndex TimeSet Ordered "
            "Label XPosition Id GradeOneReference"
        ),
    ),
    "End": (("Entity", "Label"), words("X Y Z")),
    "Entity": (
        (
            "Box", "Circle", "Event", "Icon", "OleItem", "TextBlock", "Theme",
            "DatabaseKeyCollection", "CardCollection",
        ),
        words("EntityId SemanticTypeGuid Identity LabelIsIdentity"),
    ),
    "Icon": (("IconStyle",), words("TextX TextY")),
    "IconStyle": (
        ("FrameStyle", "IconPicture"),
        words("Enlargement IconShadingColour EntityTypeReference Type"),
    ),
    "Link": (
        ("DatabaseKeyCollection", "CardCollection", "CornerCollection", "LinkStyle"),
        words(
            "End1Reference End2Reference SemanticTypeGuid End1Id LabelSegment LabelPos End2Id "
            "Offset ConnectionReference"
        ),
    ),
    "LinkStyle": (
        (),
        words(
            "Strength ArrowStyle LinkTypeReference StrengthReference LineColour MlStyle "
            "FanOut LineWidth Type"
        ),
    ),
    "AttributeCollection": (("Attribute",), frozenset()),
    "Attribute": ((), words("AttributeClassReference Value AttributeClass")),
}  # fmt: skip
# What each element needs when IdReferenceLinking is false (the schema's documentation of
# IdReferenceLinking, EntityId and End1Id/End2Id): names instead of ID/IDREF pairs.
ANX_NEEDED = {
    "AttributeClass": {"Name", "Type"},
    "EntityType": {"Name"},
    "LinkType": {"Name"},
    "Entity": {"EntityId", "Identity"},
    "IconStyle": {"Type"},
    "Link": {"End1Id", "End2Id"},
    "LinkStyle": {"Type"},
    "Attribute": {"AttributeClass", "Value"},
}
# The schema's AttributeTypeEnum, its values as anxwritter (gustavo-gkmi/anxwritter) writes them
ATTRIBUTE_TYPES = {"AttText", "AttNumber", "AttTime", "AttFlag"}


def schema_errors(element: ET.Element) -> list[str]:
    """Where `element` and its descendants break ANX_SCHEMA and ANX_NEEDED."""
    if element.tag not in ANX_SCHEMA:
        return [f"{element.tag}: not an element this exporter may write"]
    children, attributes = ANX_SCHEMA[element.tag]
    errors = [f"{element.tag}.{a}: not in the schema" for a in set(element.attrib) - attributes]
    errors += [
        f"{element.tag}: no {a}" for a in ANX_NEEDED.get(element.tag, set()) - set(element.attrib)
    ]
    order = [children.index(c.tag) if c.tag in children else -1 for c in element]
    errors += [
        f"{element.tag} > {c.tag}: not its child"
        for c, o in zip(element, order, strict=True)
        if o < 0
    ]
    if order != sorted(order):
        errors.append(f"{element.tag}: children out of the schema's order")
    for child in element:
        errors += schema_errors(child)
    return errors


def test_the_schema_check_can_fail() -> None:
    wrong = ET.fromstring(
        '<Chart><ChartItemCollection><ChartItem><AttributeCollection/><End><Entity Identity="x">'
        '<Icon/></Entity></End><Link End1Id="a"/></ChartItem></ChartItemCollection>'
        "<AttributeClassCollection/><Card/></Chart>"
    )
    errors = schema_errors(wrong)
    assert "Chart: children out of the schema's order" in errors
    assert "ChartItem: children out of the schema's order" in errors
    assert "Entity: no EntityId" in errors and "Link: no End2Id" in errors
    assert "Chart > Card: not its child" in errors


def test_anx_follows_analysts_notebooks_schema(tmp_path: Path) -> None:
    graph = hand_made()
    written = write_chart(chart_of(graph, GROUPS, KEY_PLAYERS), tmp_path / "n.anx", "anx")
    root = ET.parse(written.path).getroot()
    assert root.tag == "Chart" and root.get("IdReferenceLinking") == "false"
    assert schema_errors(root) == []
    items = root.findall("ChartItemCollection/ChartItem")
    entities = [i.find("End/Entity") for i in items if i.find("End") is not None]
    links = [i.find("Link") for i in items if i.find("Link") is not None]
    assert len(entities) == graph.vcount() and len(links) == graph.ecount()
    ids = [e.get("EntityId") for e in entities if e is not None]
    assert sorted(ids) == sorted(NAMES)  # identities unique, as Rigorous requires
    ends = Counter(frozenset((k.get("End1Id"), k.get("End2Id"))) for k in links if k is not None)
    assert ends == pairs(graph)  # every link's ends are entities on the chart
    declared = {c.get("Name"): c.get("Type") for c in root.iter("AttributeClass")}
    assert set(declared.values()) <= ATTRIBUTE_TYPES
    assert {a.get("AttributeClass") for a in root.iter("Attribute")} <= set(declared)
    entity_types = {t.get("Name") for t in root.iter("EntityType")}
    assert {s.get("Type") for s in root.iter("IconStyle")} == entity_types
    assert {s.get("Type") for s in root.iter("LinkStyle")} == {
        t.get("Name") for t in root.iter("LinkType")
    }
    tip = next(
        i for i in items if i.find("Link") is not None and "IR1" in (i.get("Description") or "")
    )
    values = {a.get("AttributeClass"): a.get("Value") for a in tip.iter("Attribute")}
    assert values["Grading"] == "1A P" and values["Kinds"] == "comms; intelligence"
    assert values["First"] == "2026-03-02T09:30:00" and declared["First"] == "AttTime"
    holder = next(i for i in items if i.find("End/Entity[@EntityId='P1']") is not None)
    values = {a.get("AttributeClass"): a.get("Value") for a in holder.iter("Attribute")}
    assert values["Group"] == "G01" and values["Key player rank"] == "1"
    assert holder.get("Label") == "Test Person One"


def ftm_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_followthemoney_validates_every_entity(tmp_path: Path) -> None:
    graph = hand_made()
    written = write_chart(chart_of(graph, GROUPS, KEY_PLAYERS), tmp_path / "n.ftm.json", "ftm")
    data = ftm_lines(written.path)
    assert len(data) == written.entities
    ids = {d["id"] for d in data}
    assert len(ids) == len(data)
    for entity in data:
        schema = model.get(entity["schema"])
        assert schema is not None and not schema.abstract
        proxy = model.get_proxy(entity, cleaned=False)  # an unknown property raises
        assert schema.validate(entity) is None  # raises InvalidData on a bad value
        assert set(schema.required) <= set(entity["properties"]), entity
        for prop in proxy.iterprops():
            if prop.type == registry.entity:
                assert set(proxy.get(prop)) <= ids, (entity["schema"], prop.name)
    # the library's own client re-parses and re-cleans them all, and changes nothing
    result = ClickRunner().invoke(ftm_cli, ["validate", "-i", str(written.path)])
    assert result.exit_code == 0, result.output
    again = [json.loads(line) for line in result.output.splitlines()]
    assert [{k: d[k] for k in ("id", "schema", "properties")} for d in again] == data
    assert Counter(d["schema"] for d in data) == {
        "Person": 2, "LegalEntity": 3, "Address": 1, "Vehicle": 1,  # the 7 nodes
        "Associate": 1, "UnknownLink": 6 + 1,  # the 7 links (P1-P2 associates), A1 in G01
        "Organization": 1, "Membership": 5,  # G01 and its other members
    }  # fmt: skip
    captions = {d["id"]: model.get_proxy(d).caption for d in data}
    group = next(d["id"] for d in data if d["schema"] == "Organization")
    ends = Counter(
        frozenset(
            captions[d["properties"][p][0]]
            for p in ("subject", "object", "person", "associate")
            if p in d["properties"]
        )
        for d in data
        if d["schema"] in ("Associate", "UnknownLink")
        and group not in d["properties"].get("object", [])
    )
    labelled = {name: label or name for name, label in zip(NAMES, LABELS, strict=True)}
    assert ends == Counter(frozenset(labelled[n] for n in pair) for pair in pairs(graph).elements())
    named = {d["properties"].get("name", d["properties"].get("full", [""]))[0]: d for d in data}
    assert named["Test Person One"]["properties"]["phone"] == [HOLDER_PHONE]
    line = named["SL001"]["properties"]
    assert "phone" not in line  # drama-range mobiles: refused by FtM's phone type ...
    assert "+447700900001, +447700900002" in line["description"][0]  # ... kept in words
    assert named["TE57 VRM"]["properties"]["registrationNumber"] == ["TE57 VRM"]
    tip = next(d for d in data if "IR1" in " ".join(d["properties"].get("description", [])))
    assert tip["properties"]["role"] == ["comms, intelligence"]
    assert "graded 1A P" in tip["properties"]["summary"][0]
    assert tip["properties"]["startDate"] == ["2026-03-02T09:30:00"]
    ranked = [
        d for d in data if "key player 1 of G01" in " ".join(d["properties"].get("summary", []))
    ]
    assert [d["schema"] for d in ranked] == ["Membership"]


def test_format_from_the_suffix() -> None:
    assert format_for(Path("a.graphml")) == "graphml" and format_for(Path("a.GEXF")) == "gexf"
    assert format_for(Path("a.anx")) == "anx" and format_for(Path("a.ftm.json")) == "ftm"
    assert format_for(Path("a.txt"), "ANX") == "anx"
    with pytest.raises(ValueError, match="cannot tell the format"):
        format_for(Path("a.txt"))
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        format_for(Path("a.graphml"), "pdf")


def test_cli_exports_the_workspace_network(tmp_path: Path) -> None:
    space, settings = workspace(tmp_path)
    graph = rank_network(space, settings).network.graph
    runner = CliRunner()
    for name in ("n.graphml", "n.gexf", "n.anx", "n.ftm.json"):
        out = tmp_path / "out" / name
        result = runner.invoke(app, ["export", "graph", str(out), "--workspace", str(space.root)])
        assert result.exit_code == 0, result.output
        assert f"Wrote {graph.vcount()} nodes and {graph.ecount()} links" in result.output
    back = nx.read_graphml(tmp_path / "out" / "n.graphml")
    assert set(back.nodes) == set(graph.vs["name"])
    assert Counter(frozenset(pair) for pair in back.edges()) == pairs(graph)
    assert back.nodes["P1"]["group"] and back.nodes["P1"]["rank"] >= 1
    assert set(nx.read_gexf(tmp_path / "out" / "n.gexf").nodes) == set(graph.vs["name"])
    root = ET.parse(tmp_path / "out" / "n.anx").getroot()
    assert schema_errors(root) == []
    assert len(root.findall("ChartItemCollection/ChartItem/Link")) == graph.ecount()
    for entity in ftm_lines(tmp_path / "out" / "n.ftm.json"):
        assert model.get(entity["schema"]).validate(entity) is None


def test_cli_refuses_clearly(tmp_path: Path) -> None:
    runner = CliRunner()
    empty = ["--workspace", str(tmp_path / "empty")]
    result = runner.invoke(app, ["export", "graph", str(tmp_path / "n.pdf"), *empty])
    assert result.exit_code == 2 and "cannot tell the format" in result.output
    result = runner.invoke(app, ["export", "graph", str(tmp_path / "n"), "--format", "pdf", *empty])
    assert result.exit_code == 2 and "unknown format 'pdf'" in result.output
    result = runner.invoke(app, ["export", "graph", str(tmp_path / "n.gexf"), *empty])
    assert result.exit_code == 2 and "holds no comms" in result.output
    assert not (tmp_path / "n.gexf").exists()


def test_importing_the_cli_loads_no_export_library() -> None:
    code = (
        "import sys, stronghold.cli; "
        "print([m for m in ('networkx', 'followthemoney') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
