"""The workspace: one folder per investigation, the only place Stronghold writes.

stronghold.db   the operational store, when it is SQLite (the default)
events/         comms, ANPR reads and cells as Parquet, one part per imported file
quarantine/     the rows each import refused, as CSV (file, line, column, value, reason)
staging/        work in progress of an import; never read as data, emptied at start
bundles/        case bundles made or copied in (e.g. by the demo)
reports/        summaries and reports for people to read
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Workspace"]


@dataclass(frozen=True)
class Workspace:
    """A folder holding one investigation."""

    root: Path

    @classmethod
    def open(cls, root: Path | str) -> Workspace:
        """Open the workspace at `root`, creating it and its folders if needed."""
        workspace = cls(Path(root).resolve())
        for folder in (
            workspace.bundles,
            workspace.reports,
            workspace.events,
            workspace.quarantine,
            workspace.staging,
        ):
            folder.mkdir(parents=True, exist_ok=True)
        return workspace

    @property
    def bundles(self) -> Path:
        return self.root / "bundles"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def events(self) -> Path:
        return self.root / "events"

    @property
    def quarantine(self) -> Path:
        return self.root / "quarantine"

    @property
    def staging(self) -> Path:
        return self.root / "staging"

    def clear_staging(self) -> None:
        """Remove whatever an interrupted import left in staging."""
        shutil.rmtree(self.staging, ignore_errors=True)
        self.staging.mkdir(parents=True, exist_ok=True)
