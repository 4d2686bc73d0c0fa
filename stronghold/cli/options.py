"""What several commands share: options, and the console they print to."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from stronghold.settings import Settings

__all__ = ["WorkspaceOption", "output_console", "settings_for"]

LOG_WIDTH = 120  # columns when printing to a file or pipe (Rich would assume 80)

WorkspaceOption = Annotated[
    Path | None,
    typer.Option(
        help="Workspace folder (default ./stronghold-workspace or STRONGHOLD_WORKSPACE).",
        envvar="STRONGHOLD_WORKSPACE",
    ),
]


def settings_for(workspace: Path | None) -> Settings:
    """The settings, with the workspace the command was given (if any)."""
    return Settings() if workspace is None else Settings(workspace=workspace)


def output_console() -> Console:
    """The console: the terminal's width, or LOG_WIDTH columns when the output goes to a
    file or a pipe (a CI log, `make demo | tee`) and COLUMNS does not say otherwise, so
    that tables are not squeezed into 80 columns."""
    if sys.stdout.isatty() or "COLUMNS" in os.environ:
        return Console()
    return Console(width=LOG_WIDTH)
