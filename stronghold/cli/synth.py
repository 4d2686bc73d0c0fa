"""`stronghold synth`: write a synthetic case bundle."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from typing import Annotated, cast

import typer
from rich.table import Table

from stronghold.cli.progress import synthesis_progress
from stronghold.cli.terminal import output_console
from stronghold.synthetic import DEFAULT_START, FORMATS, SCALES, VARIANTS, synthesise
from stronghold.synthetic.writer import Format

__all__ = ["synth"]

START = datetime.combine(DEFAULT_START, datetime.min.time())


def _scale(value: str) -> str:
    if value not in SCALES:
        raise typer.BadParameter(f"choose one of {', '.join(SCALES)}")
    return value


def _variant(value: str) -> str:
    if value not in VARIANTS:
        raise typer.BadParameter(f"choose one of {', '.join(VARIANTS)}")
    return value


def _format(value: str) -> str:
    if value not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}")
    return value


def synth(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write the bundle into.")],
    seed: Annotated[
        int, typer.Option(help="Random seed: the same seed gives identical files.")
    ] = 1,
    scale: Annotated[
        str,
        typer.Option(
            help="tiny, small (~1M events), medium (~10M) or large (~100M).", callback=_scale
        ),
    ] = "small",
    days: Annotated[
        int | None, typer.Option(help="Days covered (default: the scale's own).", min=1)
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", help="csv, csv.gz or parquet.", callback=_format)
    ] = "csv",
    start: Annotated[
        datetime, typer.Option(help="First day (local midnight).", formats=["%Y-%m-%d"])
    ] = START,
    variant: Annotated[
        str,
        typer.Option(
            help="baseline (one setting), randomised (every knob drawn from its range) or a "
            "named stress variant: see docs/synthetic-world.md.",
            callback=_variant,
        ),
    ] = "baseline",
) -> None:
    """Write a synthetic county-lines case bundle, with truth.json, to OUT_DIR."""
    console = output_console()
    began = time.perf_counter()
    total_days = days or SCALES[scale].days
    with synthesis_progress(console, total_days) as progress:
        rows = synthesise(
            out_dir, seed, scale, days, cast(Format, fmt), start.date(), progress, variant
        )
    table = Table(title=f"Bundle written to {out_dir}", title_justify="left")
    table.add_column("file")
    table.add_column("rows", justify="right")
    for name, count in rows.items():
        table.add_row(f"{name}.{fmt}", f"{count:,}")
    table.add_row("truth.json", "")
    console.print(table)
    console.print(
        f"{rows['comms']:,} events in {time.perf_counter() - began:.1f} s "
        f"(seed {seed}, scale {scale}, variant {variant}, {total_days} days)"
    )
