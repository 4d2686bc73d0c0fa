"""The i2 ANX chart against the element names and nesting of Analyst's Notebook's published
schema."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from stronghold.network.exports import write_chart
from stronghold.network.exports.chart import chart_of
from tests.network.export_fixtures import GROUPS, KEY_PLAYERS, NAMES, hand_made, pairs


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
