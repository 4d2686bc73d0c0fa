"""The workspace: one folder per investigation, the only place Stronghold writes.

Its layout grows with the features that write into it: `bundles/` (case bundles made or
copied in, e.g. by the demo) and `reports/` (summaries and reports for people to read).
"""

from __future__ import annotations

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
        for folder in (workspace.bundles, workspace.reports):
            folder.mkdir(parents=True, exist_ok=True)
        return workspace

    @property
    def bundles(self) -> Path:
        return self.root / "bundles"

    @property
    def reports(self) -> Path:
        return self.root / "reports"
