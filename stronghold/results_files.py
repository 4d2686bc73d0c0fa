"""Results files: CSV written beside and moved into place, so a reader never sees half."""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any

__all__ = ["write_results_csv"]


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
