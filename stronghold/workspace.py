"""The workspace: one folder per investigation, the only place Stronghold writes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["Workspace"]

SUBFOLDERS = ("bundles", "events", "results", "reports", "quarantine", "logs")


@dataclass(frozen=True)
class Workspace:
    """A folder holding one investigation: its stores, results, reports and logs."""

    root: Path

    @classmethod
    def open(cls, root: Path | str) -> Workspace:
        """Open (creating if needed) the workspace at `root`."""
        workspace = cls(Path(root).resolve())
        workspace.root.mkdir(parents=True, exist_ok=True)
        for name in SUBFOLDERS:
            (workspace.root / name).mkdir(exist_ok=True)
        return workspace

    @property
    def bundles(self) -> Path:
        """Case bundles made or copied into this workspace (e.g. by the demo)."""
        return self.root / "bundles"

    @property
    def results(self) -> Path:
        return self.root / "results"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def logs(self) -> Path:
        return self.root / "logs"
