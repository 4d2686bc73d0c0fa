"""The workspace: one folder per investigation, the only place Stronghold writes.

stronghold.db   the operational store, when it is SQLite (the default)
events/         comms, ANPR reads and cells as Parquet, one part per imported file
quarantine/     the rows each import refused, as CSV (file, line, column, value, reason)
staging/        work in progress of an import; never read as data, emptied at start
.lock           held by the process writing to the workspace (one import at a time)
.migrate.lock   held while the SQLite store's schema is checked and brought up to date
bundles/        case bundles made or copied in (e.g. by the demo)
reports/        summaries and reports for people to read
results/        the latest analysis's findings, as the contract's results CSV files
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from stronghold.errors import StrongholdError

__all__ = ["Workspace", "WorkspaceBusy", "WorkspaceError"]


class WorkspaceError(StrongholdError):
    """A workspace that cannot be used as asked: not a folder, or read-only for a writer."""


class WorkspaceBusy(WorkspaceError):
    """Another process is writing to the workspace."""


@dataclass(frozen=True)
class Workspace:
    """A folder holding one investigation."""

    root: Path

    @classmethod
    def open(cls, root: Path | str) -> Workspace:
        """Open the workspace at `root`, creating it and its folders if needed. A workspace
        someone else owns and this user may only read opens as it is, for reading."""
        workspace = cls(Path(root).resolve())
        if workspace.root.exists() and not workspace.root.is_dir():
            raise WorkspaceError(
                f"the workspace {workspace.root} is a file, not a folder: "
                "give --workspace a folder (it is made if it does not exist)"
            )
        try:
            workspace.root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise WorkspaceError(
                f"cannot make the workspace {workspace.root}: {error.strerror or error}"
            ) from error
        if workspace.writable:
            for folder in workspace.folders:
                folder.mkdir(exist_ok=True)
        return workspace

    @property
    def folders(self) -> tuple[Path, ...]:
        return (
            self.bundles,
            self.reports,
            self.results,
            self.events,
            self.quarantine,
            self.staging,
        )

    @property
    def writable(self) -> bool:
        """Whether this process may write here (a read-only workspace can still be read)."""
        return os.access(self.root, os.W_OK | os.X_OK)

    def require_writable(self, purpose: str) -> None:
        """Raise WorkspaceError, saying `purpose`, when the workspace is read-only."""
        if not self.writable:
            raise WorkspaceError(
                f"the workspace {self.root} is read-only for this user, and {purpose}: "
                "run as its owner, or copy it to a folder you can write to"
            )

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
        self.require_writable("importing writes to it")
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
