"""`stronghold disrupt`: what taking people or phones out of the network would do, against
what each strategy would take out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from stronghold.cli.failures import refusing
from stronghold.cli.network import ExpandOption
from stronghold.cli.options import WorkspaceOption, settings_for
from stronghold.cli.terminal import DataConsole, output_console, styled
from stronghold.workspace import Workspace

if TYPE_CHECKING:
    from stronghold.network.disruption import DisruptionReport, Outcome

__all__ = ["disrupt"]

# strategies.STRATEGIES, named here so the command line starts without loading igraph
STRATEGY_NAMES = ("betweenness", "degree", "key-players", "holders", "random")


def disrupt(
    workspace: WorkspaceOption = None,
    remove: Annotated[
        list[str] | None,
        typer.Option(help="A person, phone or line to take out (id or number); repeat for more."),
    ] = None,
    top_share: Annotated[
        float, typer.Option(help="Share of the network's nodes each strategy removes.")
    ] = 0.05,
    top: Annotated[
        int | None, typer.Option(help="Number each strategy removes (instead of --top-share).")
    ] = None,
    strategy: Annotated[
        list[str] | None,
        typer.Option(help="all, or betweenness, degree, key-players, holders, random; repeat."),
    ] = None,
    one_shot: Annotated[
        bool, typer.Option(help="Rank once and take the top, instead of after each removal.")
    ] = False,
    draws: Annotated[int, typer.Option(help="Seeded draws averaged for random removal.")] = 20,
    expand_customers: ExpandOption = False,
) -> None:
    """Compare disruption strategies; for --remove, the lines left and who could step in."""
    from stronghold.network.disruption import disrupt as run

    chosen = [s for s in strategy or ["all"] if s != "all"] or list(STRATEGY_NAMES)
    console = output_console()
    problems = [f"unknown strategy {name}" for name in chosen if name not in STRATEGY_NAMES]
    problems += ["--top-share must be above 0 and at most 1"] if not 0 < top_share <= 1 else []
    problems += ["--top must be at least 1"] if top is not None and top < 1 else []
    problems += ["--draws must be at least 1"] if draws < 1 else []
    if problems:
        console.print(styled(("Cannot disrupt:", "bold red"), " ", "; ".join(problems)))
        raise typer.Exit(2)
    settings = settings_for(workspace)
    with refusing("Cannot disrupt:", ValueError):
        report = run(
            Workspace.open(settings.workspace),
            settings,
            remove or [],
            top_share,
            top,
            chosen,
            not one_shot,
            draws,
            expand_customers,
        )
    _strategies(console, report)
    if remove:
        _lines(console, report)
        _successors(console, report)
    before = report.before
    sampled = "; estimated from a sample" if before.estimated else ""
    console.print(
        f"Before: {before.nodes:,} nodes, largest component {before.largest:,}, efficiency "
        f"{before.efficiency:.3f} (unweighted{sampled}). Efficiency can rise when nodes go: "
        "a change above 0 is the network left tighter, as the literature warns. "
        f"In {report.seconds:.1f} s. Written: " + ", ".join(p.name for p in report.written)
    )


def _strategies(console: DataConsole, report: DisruptionReport) -> None:
    how = "recomputed after each removal" if report.sequential else "ranked once"
    table = Table(
        title=f"Removing {report.count:,} of {report.before.nodes:,} nodes ({how})",
        title_justify="left",
    )
    for heading in ("strategy", "removed", "largest component lost", "efficiency change"):
        table.add_column(heading, justify="left" if heading == "strategy" else "right")
    table.add_column("lines without holder", justify="right")
    table.add_column("lines without runners", justify="right")
    table.add_column("taken out, in order")
    for o in report.outcomes:
        table.add_row(
            o.strategy,
            f"{len(o.removed):,}",
            _share(o.largest_lost, o.largest_lost_sd, o),
            _share(o.efficiency_change, o.efficiency_change_sd, o, signed=True),
            f"{o.without_holder:.1f}" if o.draws > 1 else f"{o.without_holder:.0f}",
            f"{o.without_runners:.1f}" if o.draws > 1 else f"{o.without_runners:.0f}",
            f"mean of {o.draws} draws" if o.draws > 1 else _names(o.removed),
        )
    console.print(table)


def _share(value: float, spread: float, o: Outcome, signed: bool = False) -> str:
    text = f"{value:+.1%}" if signed else f"{value:.1%}"
    return f"{text} ± {spread:.1%}" if o.draws > 1 else text


def _names(names: tuple[str, ...], most: int = 6) -> str:
    return ", ".join(names[:most]) + (f" and {len(names) - most} more" if len(names) > most else "")


def _lines(console: DataConsole, report: DisruptionReport) -> None:
    table = Table(title="Lines touched by the removal", title_justify="left")
    for heading in ("line", "holders taken", "controllers taken", "runners taken", "left"):
        table.add_column(heading, justify="left" if heading in ("line", "left") else "right")
    for line in report.outcomes[0].lines:
        left = [
            text
            for text, flag in (
                ("its numbers cut off", line.closed),
                ("without a holder", line.without_holder),
                ("without runners", line.without_runners),
            )
            if flag
        ]
        crews = (line.holders, line.controllers, line.runners)
        table.add_row(
            line.line_id,
            *(f"{taken} of {known}" for taken, known in crews),
            ", ".join(left) or "still held and run",
        )
    console.print(table if table.rows else "No line lost a holder, controller or runner.")


def _successors(console: DataConsole, report: DisruptionReport) -> None:
    table = Table(title="Who could step in", title_justify="left")
    for heading in ("removed", "candidate", "kind", "score", "why"):
        table.add_column(heading, justify="right" if heading == "score" else "left")
    for s in report.successors:
        table.add_row(s.removed, s.candidate, s.kind, f"{s.score:.2f}", s.reason)
    console.print(table if table.rows else "Nobody left in the circle of those removed.")
