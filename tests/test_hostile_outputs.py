"""Outputs are safe for their readers when the bundle is hostile (tests/hostile_bundle.py):
no CSV cell that Stronghold writes (results, quarantine, `export results`) would run in a
spreadsheet, Stronghold reads its own files back as they were, and every XML export parses,
saying how many characters it replaced."""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from typer.testing import CliRunner

from stronghold.analysis.run import analyse
from stronghold.cli import app
from stronghold.ingest.importer import ingest_bundle, open_stores
from stronghold.ingest.quarantine import read_quarantine
from stronghold.network.disruption import disrupt
from stronghold.network.exports import XML_FORMATS, Exported, export_graph
from stronghold.network.run import rank_network
from stronghold.results_files import read_results_csv
from stronghold.settings import Settings
from stronghold.workspace import Workspace
from tests.conftest import STORES, store_settings
from tests.hostile_bundle import CONTROLLER_IDS, HYPERLINK, hostile_bundle

# Written out here rather than imported, so the test does not take the rule on trust.
FORMULA_FIRST = "=+-@\t\r\n\uff1d\uff0b\uff0d\uff20"
NUMBER = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")


@pytest.fixture(scope="module", params=STORES)
def hostile(
    request: pytest.FixtureRequest, tiny_bundle: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    """The hostile bundle imported, analysed, networked, disrupted and exported once, on
    each store (SQLite, and PostgreSQL where a server is given)."""
    root = tmp_path_factory.mktemp("hostile")
    with store_settings(request.param, root / "ws") as settings:
        yield _worked_through(root, settings, hostile_bundle(tiny_bundle, root / "bundle"))


def _worked_through(root: Path, settings: Settings, bundle: Path) -> dict[str, Any]:
    space = Workspace.open(settings.workspace)
    ingest_bundle(bundle, space, settings)
    analysed = analyse(space, settings)
    rank_network(space, settings)
    disrupt(space, settings, remove=[CONTROLLER_IDS[1]], draws=2)
    exported = {f: export_graph(space, settings, root / f"n.{f}", f) for f in XML_FORMATS}
    exported["ftm"] = export_graph(space, settings, root / "n.ftm.json", "ftm")
    runner = CliRunner(env={"STRONGHOLD_DATABASE_URL": settings.database_url or ""})
    where = ["--workspace", str(space.root)]
    results = runner.invoke(app, ["export", "results", str(root / "exported"), *where])
    assert results.exit_code == 0, results.output
    cli = runner.invoke(app, ["export", "graph", str(root / "cli.anx"), *where])
    return {
        "space": space,
        "settings": settings,
        "lines": analysed.lines,
        "exported": exported,
        "cli": cli,
        "csv": [
            *space.results.glob("*.csv"),
            *space.quarantine.glob("*.csv"),
            *(root / "exported").glob("*.csv"),
        ],
    }


def cells(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [cell for row in csv.reader(handle) for cell in row]


def test_no_csv_cell_would_run_in_a_spreadsheet(hostile: dict[str, Any]) -> None:
    assert len(hostile["lines"]) == 2  # the analyses still found the world's lines
    names = {path.name for path in hostile["csv"]}
    assert {"holders.csv", "runners.csv", "addresses.csv", "safeguarding.csv"} <= names
    assert {"groups.csv", "key_players.csv", "disruption_successors.csv"} <= names
    running = {
        (path.name, cell)
        for path in hostile["csv"]
        for cell in cells(path)
        if cell[:1] in FORMULA_FIRST and cell and not NUMBER.fullmatch(cell)
    }
    assert running == set()


def test_the_hostile_values_reached_the_files_made_safe(hostile: dict[str, Any]) -> None:
    space = hostile["space"]
    written = {cell for path in space.results.glob("*.csv") for cell in cells(path)}
    assert {"'" + person for person in CONTROLLER_IDS} <= written  # holders, key players
    assert any(cell.startswith("'" + HYPERLINK) for cell in written)
    assert any(cell.startswith("''=1") for cell in written)  # marked already: one more mark
    assert any(NUMBER.fullmatch(cell) and cell.startswith("+44") for cell in written)
    refused = {cell for path in space.quarantine.glob("*.csv") for cell in cells(path)}
    assert {"'@SUM(1)", "'" + HYPERLINK, "'-2+3", "'=1+1"} <= refused


def test_stronghold_reads_its_own_files_back_as_they_were(hostile: dict[str, Any]) -> None:
    space = hostile["space"]
    controllers = {
        row["person_id"]
        for row in read_results_csv(space.results / "holders.csv")
        if row["role"] == "controller"
    }
    assert controllers == set(CONTROLLER_IDS)
    engine, _, _ = open_stores(space, hostile["settings"])
    refused = read_quarantine(space, engine, limit=100_000).rows
    engine.dispose()
    assert {"@SUM(1)", HYPERLINK, "-2+3", "=1+1"} <= {row["value"] for row in refused}


def test_every_xml_export_parses_and_says_what_it_replaced(hostile: dict[str, Any]) -> None:
    for format in XML_FORMATS:
        written: Exported = hostile["exported"][format]
        assert written.replaced > 0, format
        ET.parse(written.path)
        etree.parse(str(written.path), etree.XMLParser(recover=False))
    assert hostile["exported"]["ftm"].replaced == 0
    cli = hostile["cli"]
    assert cli.exit_code == 0, cli.output
    said = " ".join(cli.output.split())
    replaced = hostile["exported"]["anx"].replaced
    assert f"; {replaced} character(s) not allowed in XML replaced with U+FFFD" in said
    root = Path(hostile["exported"]["anx"].path).parent
    ET.parse(root / "cli.anx")
    etree.parse(str(root / "cli.anx"), etree.XMLParser(recover=False))
