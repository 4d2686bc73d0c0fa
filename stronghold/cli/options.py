"""What several commands share: options and the settings they make."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from stronghold.settings import Settings

__all__ = ["WorkspaceOption", "settings_for"]

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
