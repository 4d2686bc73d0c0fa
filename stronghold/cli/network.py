"""`stronghold network` and `stronghold key-players`: the groups in the workspace's network
and the people and phones that matter in them."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from stronghold.cli.failures import refusing
from stronghold.cli.options import WorkspaceOption, settings_for
from stronghold.cli.terminal import output_console
from stronghold.workspace import Workspace

if TYPE_CHECKING:
    from stronghold.network.run import NetworkReport

__all__ = ["key_players", "network"]

ExpandOption = Annotated[
    bool,
    typer.Option(help="Keep each customer as a node instead of one customer base per line."),
]


def network(workspace: WorkspaceOption = None, expand_customers: ExpandOption = False) -> None:
    """Build the network, find its groups (Leiden) and write groups.csv and key_players.csv."""
    report = _ranked(workspace, expand_customers)
    graph = report.network.graph
    console = output_console()
    table = Table(title="Groups (Leiden communities)", title_justify="left")
    for heading in ("group", "members", "people", "phones", "lines", "hub", "county towns"):
        table.add_column(
            heading, justify="right" if heading in ("members", "people", "phones") else "left"
        )
    for group in report.groups:
        if group.reported:
            table.add_row(
                group.group_id,
                f"{len(group.members):,}",
                f"{group.people:,}",
                f"{group.phones:,}",
                " ".join(group.lines),
                group.hub,
                " ".join(group.county_towns),
            )
    console.print(table)
    kinds = Counter(k for ks in graph.es["kinds"] for k in ks.split(";")) if graph.ecount() else {}
    console.print(
        "Edges by kind: " + ", ".join(f"{kind} {count:,}" for kind, count in sorted(kinds.items()))
    )
    console.print(
        f"{graph.vcount():,} nodes and {graph.ecount():,} edges in the network"
        f"{' of the lines' if report.network.roles.roles else ''}, in {report.seconds:.1f} s"
        f"{'; betweenness estimated from a sample' if report.sampled else ''}. Written: "
        + ", ".join(p.name for p in report.written)
    )


def key_players(
    workspace: WorkspaceOption = None,
    expand_customers: ExpandOption = False,
    top: Annotated[int, typer.Option(help="Key players to show per group.")] = 10,
) -> None:
    """Rank the people and phones in each group, with the reasons; write key_players.csv."""
    report = _ranked(workspace, expand_customers)
    console = output_console()
    table = Table(title="Key players", title_justify="left")
    for heading in ("group", "rank", "entity", "kind", "score", "evidence"):
        table.add_column(heading, justify="right" if heading in ("rank", "score") else "left")
    for row in report.key_players:
        if row["rank"] <= top:
            table.add_row(
                row["ocg_id"],
                str(row["rank"]),
                row["entity_id"],
                row["kind"],
                f"{row['score']:.3f}",
                row["evidence"],
            )
    console.print(table)
    console.print(f"Written: {', '.join(str(p) for p in report.written)}")


def _ranked(workspace: WorkspaceOption, expand_customers: bool) -> NetworkReport:
    from stronghold.network.run import rank_network

    settings = settings_for(workspace)
    with refusing("Cannot build the network:", ValueError):
        return rank_network(Workspace.open(settings.workspace), settings, expand_customers)
