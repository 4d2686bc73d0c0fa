"""Service numbers never become people: the access point of data sessions, the voicemail
platform, a bank's text service and a premium line are in touch with every phone of a case,
so an analysis that takes them for subscribers names them controller of every line and ties
every group into one (../shared/CONTRACT.md: only calls and messages between subscribers are
contacts).

On the hand-made bundle (tests/hand_made_bundle.py) the commands an analyst runs must find
the same lines, runners, holders and groups with the service traffic as without it, and name
no service anywhere. Each bundle is built and analysed once, through the CLI, in-process.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from stronghold.cli import app
from stronghold.ingest.normalise.phones import normalise_number
from stronghold.results_files import read_results_csv
from tests.hand_made_bundle import APN, IP_APN, Line, build_bundle, service_values

# results file -> the columns that name a number or an entity
NAMING = {
    "deal_lines.csv": ("number",),
    "lines.csv": ("numbers",),
    "runners.csv": ("number",),
    "holders.csv": ("number", "also_considered"),
    "key_players.csv": ("entity_id",),
}


@dataclass(frozen=True)
class Analysed:
    """A hand-made bundle after ingest, analyse, network and both exports."""

    lines: tuple[Line, ...]
    results: Path  # `stronghold export results`
    graph: nx.Graph  # `stronghold export graph --format graphml`, read back
    services: dict[str, set[str]]  # each service -> its written and normalised forms
    refused: list[dict[str, str]]  # the rows the import quarantined

    def rows(self, name: str) -> list[dict[str, str]]:
        return read_results_csv(self.results / name)

    def line_id(self, line: Line) -> str:
        """Stronghold's id of the line whose deal-line number is `line`'s."""
        ids = [r["line_id"] for r in self.rows("deal_lines.csv") if r["number"] == line.number]
        assert ids, f"line {line.name} ({line.number}) is not in deal_lines.csv"
        return ids[0]


def _analysed(root: Path, services: bool = True, apn: str = APN) -> Analysed:
    """Build the bundle under `root` and run the commands an analyst runs over it."""
    lines = build_bundle(root / "bundle", services, apn)
    workspace = ["--workspace", str(root / "ws")]
    commands = (
        ["ingest", str(root / "bundle")],
        ["analyse"],
        ["network"],
        ["export", "results", str(root / "results")],
        ["export", "graph", str(root / "network.graphml"), "--format", "graphml"],
    )
    for command in commands:
        result = CliRunner().invoke(app, [*command, *workspace], env={"COLUMNS": "160"})
        assert result.exit_code == 0, (
            f"stronghold {command[0]} failed: {result.output}\n{result.exception!r}"
        )
    forms = {  # as written, and as the import reads it (203.0.113.5 is +4420301135)
        label: {value, normalised.value} if (normalised := normalise_number(value)) else {value}
        for label, value in service_values(apn).items()
    }
    graph = nx.read_graphml(root / "network.graphml")
    refused = [r for p in (root / "ws" / "quarantine").glob("*.csv") for r in read_results_csv(p)]
    return Analysed(lines, root / "results", graph, forms, refused)


@pytest.fixture(scope="module")
def quiet(tmp_path_factory: pytest.TempPathFactory) -> Analysed:
    """The bundle without service traffic: what the analyses must find in the first place."""
    return _analysed(tmp_path_factory.mktemp("quiet"), services=False)


@pytest.fixture(scope="module", params=[APN, IP_APN], ids=["apn-name", "apn-address"])
def serviced(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Analysed:
    """The bundle with the service traffic; its access point a name or an IP-like address
    (which the import reads as a London number)."""
    return _analysed(tmp_path_factory.mktemp("serviced"), apn=request.param)


def _found(case: Analysed) -> list[str]:
    """What is wrong with the lines, runners, holders and groups found, in words."""
    wrong, placed = [], {}
    runners, holders = case.rows("runners.csv"), case.rows("holders.csv")
    groups = {
        line: r["ocg_id"] for r in case.rows("groups.csv") for line in r["lines"].split(";") if line
    }
    for line in case.lines:
        if line.number not in {r["number"] for r in case.rows("deal_lines.csv")}:
            wrong.append(f"line {line.name}: its number {line.number} is not in deal_lines.csv")
            continue
        line_id = case.line_id(line)
        found = {r["number"] for r in runners if r["line_id"] == line_id}
        if missed := {r.number for r in line.runners} - found:
            wrong.append(f"line {line.name} ({line_id}): runners {sorted(missed)} not found")
        held = [r for r in holders if r["line_id"] == line_id and r["role"] == "holder"]
        named = [f"{r['number']} ({r['person_id'] or 'no person'})" for r in held]
        if [(r["number"], r["person_id"]) for r in held] != [
            (line.holder.number, line.holder.person_id)
        ]:
            several = f"{len(held)} holder rows (at most one per line); " if len(held) > 1 else ""
            wrong.append(
                f"line {line.name} ({line_id}): holders.csv has {several}{named or 'no holder'}; "
                f"the holder is {line.holder.person_id} ({line.holder.number})"
            )
        if line_id in groups:
            placed[f"line {line.name} ({line_id})"] = groups[line_id]
        else:
            wrong.append(f"line {line.name} ({line_id}) is in no group of groups.csv")
    if len(set(placed.values())) < len(placed):
        wrong.append(
            "two lines sharing only an access point stay in two groups, but groups.csv has "
            f"{placed}; its rows: {case.rows('groups.csv')}"
        )
    return wrong


def test_without_services_the_commands_find_both_lines_their_people_and_two_groups(
    quiet: Analysed,
) -> None:
    """The bundle is right for the detectors: without services everything is found, so a
    failure with services is the services' doing."""
    assert not quiet.refused, f"the import refused {len(quiet.refused)} rows: {quiet.refused[:3]}"
    wrong = _found(quiet)
    assert not wrong, "without the service traffic:\n" + "\n".join(wrong)
    controllers = {
        (r["line_id"], r["number"]) for r in quiet.rows("holders.csv") if r["role"] == "controller"
    }
    for line in quiet.lines:
        expected = {(quiet.line_id(line), c.number) for c in line.controllers}
        assert expected <= controllers, f"line {line.name}: missed {expected - controllers}"


def test_with_services_the_same_lines_runners_holders_and_groups_are_found(
    serviced: Analysed,
) -> None:
    """Traffic every phone has cannot tell anyone apart: it must change no finding."""
    wrong = _found(serviced)
    assert not wrong, "with the service traffic:\n" + "\n".join(wrong)


def test_the_service_rows_are_loaded_not_refused(serviced: Analysed) -> None:
    """Data sessions and voicemail rows are contract rows (they place a handset): an import
    that refused them would pass the tests below without the services ever being seen."""
    reasons = sorted({f"{r.get('column')}: {r.get('reason')}" for r in serviced.refused})
    assert not serviced.refused, f"the import refused {len(serviced.refused)} rows: {reasons}"


def test_no_service_is_named_in_the_results(serviced: Analysed) -> None:
    """A service named controller, holder, runner or key player sends officers after a
    voicemail platform or a bank."""
    leaks = []
    for name, columns in NAMING.items():
        for row in serviced.rows(name):
            for column in columns:
                values = {v.strip() for v in (row.get(column) or "").split(";")}
                for label, forms in serviced.services.items():
                    for value in values & forms:
                        where = row.get("role") or row.get("kind") or ""
                        leaks.append(
                            f"the {label} ({value}) is in {name}, column {column}, "
                            f"line {row.get('line_id') or row.get('ocg_id') or '-'} {where}"
                        )
    assert not leaks, "service numbers taken for people:\n" + "\n".join(sorted(leaks))


def test_no_service_is_a_vertex_of_the_exported_network(serviced: Analysed) -> None:
    """On an analyst's chart a service is the hub every group hangs from."""
    graph = serviced.graph
    leaks = [
        f"the {label} ({node}) is a vertex of the network (kind {graph.nodes[node].get('kind')}, "
        f"group {graph.nodes[node].get('group') or '-'}, {graph.degree(node)} links)"
        for label, forms in serviced.services.items()
        for node in sorted(forms & set(graph.nodes))
    ]
    assert not leaks, "\n".join(leaks)


def test_no_service_is_counted_in_a_vertex_of_the_exported_network(serviced: Analysed) -> None:
    """A line's customer base is one vertex holding its customers' numbers: a service that
    every phone reaches, line phones included, must not be folded into one as a customer."""
    leaks = [
        f"the {label} ({value}) is one of the numbers of vertex {node} (kind {data.get('kind')})"
        for node, data in serviced.graph.nodes(data=True)
        for label, forms in serviced.services.items()
        for value in sorted(forms & set(str(data.get("numbers") or "").split(";")))
    ]
    assert not leaks, "\n".join(leaks)
