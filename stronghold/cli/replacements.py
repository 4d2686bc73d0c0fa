"""`stronghold replacements`: which numbers took over from phones that went quiet."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from stronghold.cli.failures import refusing
from stronghold.cli.options import WorkspaceOption, settings_for
from stronghold.cli.terminal import output_console
from stronghold.workspace import Workspace

__all__ = ["replacements"]


def replacements(
    numbers: Annotated[
        list[str] | None,
        typer.Argument(help="Numbers of interest, as stored (E.164); default: every number."),
    ] = None,
    workspace: WorkspaceOption = None,
    engine: Annotated[str, typer.Option(help="Analytics engine: duckdb or spark.")] = "duckdb",
    evidence: Annotated[bool, typer.Option(help="Print each candidate's evidence.")] = False,
) -> None:
    """Find the phones that carried on the contacts of numbers that went quiet."""
    from stronghold.analysis.replacement_finder import find_replacements
    from stronghold.engine.base import EngineError

    settings = settings_for(workspace)
    console = output_console()
    with refusing("Cannot look for replacements:", EngineError, ValueError):
        found = find_replacements(Workspace.open(settings.workspace), settings, numbers, engine)
    table = Table(title="Replacement phones", title_justify="left")
    for heading in ("quiet number", "rank", "candidate", "shared", "overlap", "handset", "score"):
        table.add_column(heading, justify="left" if "number" in heading else "right")
    for row in found.candidates:
        table.add_row(
            row["old_number"],
            str(row["rank"]),
            row["new_number"],
            f"{row['shared']} of {row['old_contacts']}",
            f"{row['overlap']:.2f}",
            "same" if row["same_handset"] else "-",
            f"{row['score']:.2f}",
        )
    console.print(table)
    if evidence:
        for row in found.candidates:
            console.print(f"- {row['evidence']}")
    strong = {r["old_number"] for r in found.candidates if r["rank"] == 1 and r["score"] >= 0.5}
    console.print(
        f"{found.subjects:,} number(s) looked at; {len(found.quiet):,} went quiet before the "
        f"data ends; {len(strong):,} of them have a replacement that carries on at least half "
        f"of their contacts (score 0.5 or more)."
    )
