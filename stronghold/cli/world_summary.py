"""Rendering a synthetic world's summary as Rich tables."""

from __future__ import annotations

from statistics import mean, median

from rich.table import Table

from stronghold.cli.terminal import DataConsole
from stronghold.synthetic.summary import WorldSummary

__all__ = ["print_world_summary"]


def print_world_summary(console: DataConsole, summary: WorldSummary) -> None:
    """The files, the lines, and the people and places behind them."""
    files = Table(title="Events per file", title_justify="left")
    files.add_column("file")
    files.add_column("rows", justify="right")
    for name, count in summary.rows.items():
        files.add_row(name, f"{count:,}")
    console.print(files)

    lines = Table(
        title="County lines (from the ground truth; broadcasts measured in comms)",
        title_justify="left",
    )
    for heading in (
        "line",
        "brand",
        "hub -> county",
        "numbers",
        "customers",
        "broadcasts/day",
        "runners",
        "of them children",
    ):
        lines.add_column(
            heading, justify="left" if heading in ("line", "brand", "hub -> county") else "right"
        )
    for line in summary.lines:
        lines.add_row(
            line.line_id,
            line.name,
            line.route,
            str(line.numbers),
            f"{line.customers:,}",
            f"{line.broadcasts_per_day:.1f}",
            str(line.runners),
            str(line.child_runners),
        )
    console.print(lines)

    customers = [line.customers for line in summary.lines] or [0]
    ages = summary.runner_ages or [0]
    world = Table(title="The world", title_justify="left", show_header=False)
    world.add_column("measure")
    world.add_column("value", justify="right")
    for measure, value in (
        ("crime groups (local to one force)", f"{summary.groups} ({summary.local_groups})"),
        ("lines", str(len(summary.lines))),
        (
            "customers per line: median (range)",
            f"{median(customers):,.0f} ({min(customers):,}-{max(customers):,})",
        ),
        ("customers buying from two lines", f"{summary.customers_buying_from_two_lines:,}"),
        (
            "broadcasts per line per day: mean",
            f"{mean(line.broadcasts_per_day for line in summary.lines):.1f}"
            if summary.lines
            else "-",
        ),
        ("handovers (number changes)", str(summary.handovers)),
        ("runners (children aged 14-17)", f"{summary.runners} ({summary.child_runners})"),
        ("runner ages", f"{min(ages)}-{max(ages)}, median {median(ages):.0f}"),
        ("cuckooed homes", str(summary.cuckooed_homes)),
        ("people exploited", str(summary.exploited_people)),
    ):
        world.add_row(measure, value)
    console.print(world)

    confounders = Table(
        title="Confounders: lawful numbers that look like lines to a naive rule",
        title_justify="left",
    )
    confounders.add_column("kind")
    confounders.add_column("numbers", justify="right")
    for kind, count in summary.confounders.items():
        confounders.add_row(kind.replace("_", " "), str(count))
    console.print(confounders)
