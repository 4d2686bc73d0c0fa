"""`stronghold export graph`: the network for Gephi, yEd, i2 Analyst's Notebook or Aleph."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from stronghold.cli.failures import refusing
from stronghold.cli.network import ExpandOption
from stronghold.cli.options import WorkspaceOption, settings_for
from stronghold.cli.terminal import output_console
from stronghold.workspace import Workspace

__all__ = ["export_graph"]


def export_graph(
    out_file: Annotated[
        Path,
        typer.Argument(help="File to write (.graphml, .gexf, .anx or .ftm.json).", dir_okay=False),
    ],
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="graphml, gexf, anx (i2 Analyst's Notebook) or ftm (FollowTheMoney); "
            "default from the file's suffix.",
        ),
    ] = None,
    workspace: WorkspaceOption = None,
    expand_customers: ExpandOption = False,
) -> None:
    """Write the network (nodes with their group and key-player rank, links with their
    kinds, provenance, grading and dates) as GraphML, GEXF, i2 ANX or FollowTheMoney."""
    from stronghold.network.exports import export_graph as export

    settings = settings_for(workspace)
    console = output_console()
    with refusing("Cannot export the network:", ValueError, RuntimeError):
        written = export(
            Workspace.open(settings.workspace), settings, out_file, format, expand_customers
        )
    entities = f" as {written.entities:,} entities" if written.format == "ftm" else ""
    replaced = (
        f"; {written.replaced:,} character(s) not allowed in XML replaced with U+FFFD"
        if written.replaced
        else ""
    )
    console.print(
        f"Wrote {written.nodes:,} nodes and {written.links:,} links{entities} "
        f"({written.format}) to {written.path}{replaced}"
    )
