"""Results files: CSV written beside and moved into place, so a reader never sees half;
and read back as rows (none when the file is not there: that analysis has not run).

Every cell is written by the spreadsheet rule (stronghold/spreadsheet.py): one a spreadsheet
would run as a formula gets a leading apostrophe, and reading the file back here removes it,
so Stronghold's own readers see the values as they were."""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any

from stronghold.spreadsheet import restore_row, safe_cell

__all__ = ["read_results_csv", "write_results_csv"]

csv.field_size_limit(1 << 30)  # evidence, or a quarantined row, can hold a long report


def write_results_csv(path: Path, columns: tuple[str, ...], rows: list[dict[str, Any]]) -> Path:
    """Write `rows` (keys beyond `columns` are an error) to `path`, replacing it whole;
    each value as the csv module writes it (None as empty), made safe for spreadsheets."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".csv.partial")
    with partial.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(
            {name: "" if value is None else safe_cell(str(value)) for name, value in row.items()}
            for row in rows
        )
    os.replace(partial, path)
    return path


def read_results_csv(path: Path) -> list[dict[str, str]]:
    """The rows of the results file at `path`, with the values as they were before they were
    made safe for spreadsheets; none when it does not exist."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [restore_row(row) for row in csv.DictReader(handle)]
