"""Results files: CSV written beside and moved into place, so a reader never sees half;
and read back as rows (none when the file is not there: that analysis has not run)."""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any

__all__ = ["read_results_csv", "write_results_csv"]


def write_results_csv(path: Path, columns: tuple[str, ...], rows: list[dict[str, Any]]) -> Path:
    """Write `rows` (keys beyond `columns` are an error) to `path`, replacing it whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".csv.partial")
    with partial.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    os.replace(partial, path)
    return path


def read_results_csv(path: Path) -> list[dict[str, str]]:
    """The rows of the results file at `path`; none when it does not exist."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
