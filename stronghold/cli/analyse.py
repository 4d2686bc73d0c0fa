"""`stronghold analyse`, `stronghold export results` and `stronghold evaluate`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from stronghold.cli.failures import refusing
from stronghold.cli.findings import print_findings
from stronghold.cli.options import WorkspaceOption, settings_for
from stronghold.cli.terminal import output_console, styled
from stronghold.workspace import Workspace

__all__ = ["analyse", "evaluate", "export_app"]

export_app = typer.Typer(help="Write findings for other tools and people.", no_args_is_help=True)


def analyse(
    workspace: WorkspaceOption = None,
    engine: Annotated[
        str, typer.Option(help="Analytics engine: duckdb (default) or spark.")
    ] = "duckdb",
    master: Annotated[
        str | None,
        typer.Option(help="Spark master URL (default local mode), e.g. spark://host:7077."),
    ] = None,
) -> None:
    """Run every analysis on the workspace and write its results files."""
    from stronghold.analysis.run import analyse as run_analyses
    from stronghold.engine.base import EngineError

    settings = settings_for(workspace)
    console = output_console()
    with refusing("Cannot analyse:", EngineError, ValueError):
        report = run_analyses(Workspace.open(settings.workspace), settings, engine, master)
    table = Table(title=f"Lines ({report.engine})", title_justify="left")
    for heading in ("line", "numbers", "customers", "orders a day", "confirmed", "first seen"):
        table.add_column(heading, justify="left" if heading == "numbers" else "right")
    for line in report.lines:
        table.add_row(
            line["line_id"],
            line["numbers"].replace(";", " -> "),
            f"{line['customers']:,}",
            f"{line['orders_per_day']:.1f}",
            f"{line['confirmed_transactions']:,}",
            line["first_seen"][:10],
        )
    console.print(table)
    console.print(
        f"{len(report.lines)} line(s): {len(report.deal_lines)} deal-line number(s) and "
        f"{len(report.handovers)} handover(s) among {report.events:,} events, in "
        f"{report.seconds:.1f} s. 'confirmed': orders called back within minutes by the "
        f"line or a runner (a floor; the rule is in lines.csv)."
    )
    print_findings(console, report.written)


@export_app.command("results")
def export_results(
    out_dir: Annotated[
        Path, typer.Argument(help="Folder to write the results files into.", file_okay=False)
    ],
    workspace: WorkspaceOption = None,
) -> None:
    """Copy the latest analysis's results files (CSV, as the contract describes)."""
    space = Workspace.open(settings_for(workspace).workspace)
    console = output_console()
    files = sorted(space.results.glob("*.csv"))
    if not files:
        console.print(styled(("No results yet:", "bold red"), " run `stronghold analyse` first."))
        raise typer.Exit(1)
    out_dir.mkdir(parents=True, exist_ok=True)
    for path in files:
        shutil.copy2(path, out_dir / path.name)
    console.print(f"Wrote {', '.join(p.name for p in files)} to {out_dir}")


def evaluate(
    truth: Annotated[Path, typer.Option(help="The world's truth.json.", exists=True)],
    results: Annotated[Path, typer.Option(help="Folder of results files.", exists=True)],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Precision, recall and F1 of each results file against the ground truth."""
    from stronghold.evaluation.measures import measures
    from stronghold.evaluation.scores import evaluate as score

    scores = score(truth, results)
    measured = measures(truth, results, scores)
    if as_json:
        rows = [*(s.as_dict() for s in scores), *(m.as_dict() for m in measured)]
        typer.echo(json.dumps(rows, indent=2))
        return
    table = Table(title="Against the ground truth", title_justify="left")
    headings = ("file", "flagged", "right", "positives", "precision", "recall", "F1")
    for heading in (*headings, "confounders flagged"):
        table.add_column(heading, justify="left" if heading == "file" else "right")
    for s in scores:
        table.add_row(
            s.results_file,
            str(s.flagged),
            str(s.true_positives),
            str(s.positives),
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
            str(s.confounders_flagged),
        )
    shown = Table(title="Roles, groups and homes", title_justify="left")
    for heading in ("measure", "value", "right / found", "of", "detail"):
        shown.add_column(heading, justify="right" if heading in ("value", "of") else "left")
    for m in measured:
        count, of = ("" if n is None else str(n) for n in (m.count, m.of))
        shown.add_row(m.measure, m.shown(), count, of, m.detail)
    output_console().print(table, shown)
