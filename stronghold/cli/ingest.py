"""`stronghold ingest`: load a case bundle into the workspace; show what was refused."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from stronghold.cli.failures import refusing
from stronghold.cli.options import WorkspaceOption, settings_for
from stronghold.cli.terminal import output_console, visible
from stronghold.ingest.profiles import BUILTIN_PROFILES
from stronghold.workspace import Workspace, WorkspaceBusy

__all__ = ["ingest"]


def ingest(
    bundle_dir: Annotated[
        Path | None, typer.Argument(help="The case bundle folder to load.", show_default=False)
    ] = None,
    workspace: WorkspaceOption = None,
    profile: Annotated[
        str,
        typer.Option(
            help=f"Supplier layout: {', '.join(BUILTIN_PROFILES)}, or a YAML file's path."
        ),
    ] = "contract",
    show_quarantine: Annotated[
        bool, typer.Option("--show-quarantine", help="Show the rows imports refused, and why.")
    ] = False,
    limit: Annotated[int, typer.Option(help="Quarantined rows to show.", min=1)] = 50,
) -> None:
    """Validate and load a bundle; print counts loaded and quarantined. Exit 0 even when rows
    are quarantined, non-zero when nothing usable was found."""
    from stronghold.cli.ingest_report import print_ingest_report, print_quarantine
    from stronghold.ingest.errors import IngestError
    from stronghold.ingest.importer import ingest_bundle, open_stores
    from stronghold.ingest.profiles import ProfileError
    from stronghold.ingest.quarantine import read_quarantine

    settings = settings_for(workspace)
    space = Workspace.open(settings.workspace)
    console = output_console()
    if show_quarantine:
        engine, _, _ = open_stores(space, settings)
        print_quarantine(console, read_quarantine(space, engine, limit))
        engine.dispose()
        if bundle_dir is None:
            return
    if bundle_dir is None:
        raise typer.BadParameter("give a bundle folder (or --show-quarantine)")
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}", markup=False),  # a bundle's or a file's name
        BarColumn(),
        TextColumn("{task.fields[step]}", markup=False),
        TimeElapsedColumn(),
    )
    with (
        refusing("Nothing imported:", IngestError, ProfileError, WorkspaceBusy),
        Progress(*columns, console=console, transient=True) as bar,
    ):
        tasks: dict[str, TaskID] = {}

        def update(name: str, step: str, percent: float | None) -> None:
            if name not in tasks:
                tasks[name] = bar.add_task(visible(name), total=100, step=visible(step))
            bar.update(tasks[name], step=visible(step), completed=percent or 0)

        report = ingest_bundle(bundle_dir, space, settings, profile, update)
    print_ingest_report(console, report, space)
    if not report.usable:
        raise typer.Exit(1)
