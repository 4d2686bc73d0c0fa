"""The headline findings in the terminal: what was found, and where the files are."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table

from stronghold.cli.terminal import DataConsole, styled
from stronghold.report.html_report import headline_counts, read_results

__all__ = ["print_findings"]


def print_findings(console: DataConsole, written: list[Path]) -> None:
    """A headline table from the results files just written, then their paths (the HTML
    report last)."""
    results = [p for p in written if p.suffix == ".csv"]
    counts = headline_counts(read_results(results[0].parent)) if results else {}
    table = Table(title="Findings", title_justify="left")
    table.add_column("found")
    table.add_column("count", justify="right")
    for name, count in counts.items():
        table.add_row(name, f"{count:,}")
    console.print(table)
    if results:
        console.print(f"Results: {', '.join(p.name for p in results)} in {results[0].parent}")
    for report in (p for p in written if p.suffix == ".html"):
        console.print(styled(("Report:", "bold"), " ", str(report)))
