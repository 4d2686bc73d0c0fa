"""The case-bundle contract (../shared/CONTRACT.md) as data: its tables and required columns.

Every reader and writer of bundles takes table names and columns from here.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["BUNDLE_TABLES", "EXTENSIONS", "find_table"]

# table -> required columns (all other contract columns are optional)
BUNDLE_TABLES: dict[str, tuple[str, ...]] = {
    "comms": ("start_time", "a_number", "b_number", "kind"),
    "cells": ("cell_id", "latitude", "longitude"),
    "people": ("person_id",),
    "addresses": ("address_id",),
    "vehicles": ("vrm",),
    "anpr": ("read_time", "vrm", "camera_id"),
    "intelligence": ("ref", "reported_at", "text"),
    "incidents": ("incident_id", "reported_at", "category"),
    "missing_episodes": ("person_id", "missing_from"),
    "stop_search": ("searched_at",),
}
EXTENSIONS = (".csv", ".csv.gz", ".parquet")


def find_table(bundle: Path, table: str) -> Path | None:
    """The file holding `table` in a bundle folder (any accepted format), or None."""
    for extension in EXTENSIONS:
        path = bundle / f"{table}{extension}"
        if path.exists():
            return path
    return None
