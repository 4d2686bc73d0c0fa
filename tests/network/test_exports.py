"""The network's exports, read back by real clients: GraphML and GEXF by networkx, the
FollowTheMoney entities by the followthemoney library (and its `ftm validate`), the i2 ANX
chart against the element names and nesting of Analyst's Notebook's published schema."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from followthemoney import model
from typer.testing import CliRunner

from stronghold.cli import app
from stronghold.network.exports import format_for, write_chart
from stronghold.network.exports.chart import chart_of
from stronghold.network.run import rank_network
from tests.network.export_fixtures import (
    GROUPS,
    KEY_PLAYERS,
    LINE_NUMBERS,
    NAMES,
    PHONE,
    hand_made,
    pairs,
)
from tests.network.test_export_anx import schema_errors
from tests.network.test_export_ftm import ftm_lines
from tests.network.test_network_graph import workspace


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


def test_exporting_a_graph_changes_no_results(tmp_path: Path) -> None:
    space, _ = workspace(tmp_path)
    written = {name: "kept as the analyst left it\n" for name in ("groups.csv", "key_players.csv")}
    for name, text in written.items():
        (space.results / name).write_text(text, encoding="utf-8")
    out = tmp_path / "n.graphml"
    result = CliRunner().invoke(app, ["export", "graph", str(out), "--workspace", str(space.root)])
    assert result.exit_code == 0, result.output
    assert out.exists()
    for name, text in written.items():
        assert (space.results / name).read_text(encoding="utf-8") == text
