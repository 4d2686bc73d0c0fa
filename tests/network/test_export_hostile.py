"""The XML exports with text XML does not allow in every attribute of the chart: each file
parses with ElementTree and lxml, the characters are replaced by U+FFFD and counted, and ids
that differed only in them stay apart."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import igraph as ig
import networkx as nx
import pytest
from followthemoney import model
from lxml import etree

from stronghold.network.exports import XML_FORMATS, write_chart
from stronghold.network.exports.chart import Chart, chart_of
from stronghold.network.exports.xml_safe import NOT_IN_XML, xml_safe
from stronghold.network.groups import Group
from tests.network.export_fixtures import AT, hand_made
from tests.network.test_export_anx import schema_errors
from tests.network.test_export_ftm import ftm_lines

BAD = "\x01\x1b[2J\ufffe\x00"  # 4 characters XML does not allow: all but "[2J"
LONE = "\ud800"  # a lone surrogate: not in XML, and not even UTF-8 (JSON cannot write it)
# Two ids that differ only in characters XML does not allow, and the id both would become.
TWINS = ("P\x01", "P\x02", "P\ufffd")


def hostile_graph(bad: str) -> ig.Graph:
    """The hand-made network with `bad` in every text, and three ids that clean to one."""
    graph = hand_made()
    for attribute in ("name", "kind", "label", "numbers"):
        graph.vs[attribute] = [f"{value}{bad}" if value else value for value in graph.vs[attribute]]
    for attribute in ("kinds", "provenance", "grading"):
        graph.es[attribute] = [f"{bad}{value}" for value in graph.es[attribute]]
    start = graph.vcount()
    graph.add_vertices(3, {"name": list(TWINS), "kind": ["person"] * 3, "label": list(TWINS)})
    graph.add_edges([(0, start), (0, start + 1), (start + 1, start + 2)])
    graph.es[-3:]["weight"] = [1.0, 2.0, 3.0]
    graph.es[-3:]["first"] = graph.es[-3:]["last"] = [AT, AT, AT]
    return graph


def hostile_chart(bad: str = BAD + LONE) -> Chart:
    graph = hostile_graph(bad)
    members = [0, 1, 2, 3, 5, 6]
    groups = [Group(f"G{bad}01", members, [f"SL{bad}"], hub=f"hub{bad}", county_towns=[bad])]
    player = {"entity_id": graph.vs[1]["name"], "score": 0.5, "rank": 1, "evidence": bad}
    return chart_of(graph, groups, [player])


def test_every_text_is_cleaned_and_counted() -> None:
    chart = hostile_chart()
    safe = xml_safe(chart)
    texts = [
        *(t for n in safe.chart.nodes for t in (n.id, n.kind, n.label, n.group, n.evidence)),
        *(number for n in safe.chart.nodes for number in n.numbers),
        *(t for link in safe.chart.links for t in (link.provenance, link.grading, *link.kinds)),
        *(t for group in safe.chart.groups.items() for t in group),
    ]
    assert texts and not [t for t in texts if NOT_IN_XML.search(t)]
    before = sum(
        len(NOT_IN_XML.findall(t))
        for t in [
            *(t for n in chart.nodes for t in (n.id, n.kind, n.label, n.group, n.evidence)),
            *(number for n in chart.nodes for number in n.numbers),
            *(t for link in chart.links for t in (link.provenance, link.grading, *link.kinds)),
            *(t for group in chart.groups.items() for t in group),
        ]
    )
    assert safe.replaced == before > 0
    assert "\x1b" not in safe.chart.nodes[0].id and "\ufffd[2J" in safe.chart.nodes[0].id


def test_ids_that_clean_to_one_stay_apart() -> None:
    safe = xml_safe(hostile_chart()).chart
    ids = [node.id for node in safe.nodes]
    assert len(set(ids)) == len(ids)
    assert ids[-3:] == ["P\ufffd (2)", "P\ufffd (3)", "P\ufffd"]  # the legal one keeps its id
    ends = [(link.source, link.target) for link in safe.links[-3:]]
    assert ends == [(ids[0], "P\ufffd (2)"), (ids[0], "P\ufffd (3)"), ("P\ufffd (3)", "P\ufffd")]


@pytest.mark.parametrize("format", XML_FORMATS)
def test_every_xml_export_parses_with_both_parsers(tmp_path: Path, format: str) -> None:
    chart = hostile_chart()
    written = write_chart(chart, tmp_path / f"n.{format}", format)
    assert written.replaced == xml_safe(chart).replaced > 0
    tree = ET.parse(written.path)
    strict = etree.parse(str(written.path), etree.XMLParser(recover=False))
    assert strict.getroot().tag.endswith(tree.getroot().tag.split("}")[-1])
    text = written.path.read_text(encoding="utf-8")
    assert "\ufffd" in text and not NOT_IN_XML.search(text)
    if format == "anx":
        assert schema_errors(tree.getroot()) == []
        assert len(tree.findall("ChartItemCollection/ChartItem/End/Entity")) == len(chart.nodes)
    else:
        back = (nx.read_graphml if format == "graphml" else nx.read_gexf)(written.path)
        assert back.number_of_nodes() == len(chart.nodes)
        assert back.number_of_edges() == len(chart.links)


def test_followthemoney_needs_no_cleaning_and_stays_valid(tmp_path: Path) -> None:
    chart = hostile_chart(BAD)  # text read from a bundle is UTF-8: no lone surrogates
    written = write_chart(chart, tmp_path / "n.ftm.json", "ftm")
    assert written.replaced == 0
    entities = ftm_lines(written.path)  # one JSON object a line, each parsed
    assert len(entities) == written.entities > len(chart.nodes)
    for entity in entities:
        schema = model.get(entity["schema"])
        assert schema is not None and schema.validate(entity) is None  # type: ignore[arg-type]
