"""The workspace: one folder per investigation, the only place Stronghold writes.

stronghold.db   the operational store, when it is SQLite (the default)
events/         comms, ANPR reads and cells as Parquet, one part per imported file
quarantine/     the rows each import refused, as CSV (file, line, column, value, reason)
staging/        work in progress of an import; never read as data, emptied at start
.lock           held by the process writing to the workspace (one import at a time)
bundles/        case bundles made or copied in (e.g. by the demo)
reports/        summaries and reports for people to read
results/        the latest analysis's findings, as the contract's results CSV files
"""

from __future__ import annotations

import fcntl
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Workspace", "WorkspaceBusy"]


class WorkspaceBusy(RuntimeError):
    """Another process is writing to the workspace."""


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
            workspace.results,
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
    def results(self) -> Path:
        return self.root / "results"

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

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the workspace for writing; raises WorkspaceBusy when another process does.

        The operating system lets go of the lock when its process ends, however it ends."""
        with (self.root / ".lock").open("a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise WorkspaceBusy(
                    f"another Stronghold process is writing to {self.root}; "
                    "wait for it to finish and try again"
                ) from None
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
