"""The event store: comms, ANPR reads and cells as Parquet parts inside the workspace, one
part per imported file, named by the file's hash, for the analytics engine (DuckDB).

A part counts only once the import log (the operational store) records its import: parts
are written to staging, moved into place just before the import's transaction commits, and
anything in place that the log does not know (a crash between the two) is removed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import duckdb

__all__ = ["EventStore"]

BULK_TABLES = ("comms", "anpr", "cells")


class EventStore:
    """Parquet parts under `root/<table>/<import id>.parquet`."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def part(self, table: str, import_id: str) -> Path:
        return self.root / table / f"{import_id}.parquet"

    def parts(self, table: str, committed: Iterable[str]) -> list[Path]:
        """The parts of `table` whose imports are committed, in a stable order."""
        known = set(committed)
        folder = self.root / table
        if not folder.exists():
            return []
        return sorted(p for p in folder.glob("*.parquet") if p.stem in known)

    def publish(self, staged: Path, table: str, import_id: str) -> Path:
        """Move a staged part into place (an atomic rename on one filesystem)."""
        target = self.part(table, import_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged, target)
        return target

    def remove_orphans(self, committed: Iterable[str]) -> list[Path]:
        """Delete parts no committed import owns (left by a crash); returns them."""
        known = set(committed)
        removed = []
        for table in BULK_TABLES:
            folder = self.root / table
            for part in sorted(folder.glob("*.parquet")) if folder.exists() else []:
                if part.stem not in known:
                    part.unlink()
                    removed.append(part)
        return removed

    def register(self, con: duckdb.DuckDBPyConnection, committed: Iterable[str]) -> dict[str, int]:
        """Views `comms`, `anpr` and `cells` over the committed parts (given in the order
        they were imported); their part counts. A cell imported again with new details
        (re-sited, renamed) keeps every version in `cell_versions`; `cells` shows the
        latest: from the latest import, and within a file its last line."""
        known = list(committed)
        counts = {}
        for table in BULK_TABLES:
            parts = self.parts(table, known)
            counts[table] = len(parts)
            if not parts:
                continue
            listed = ", ".join(_literal(str(p)) for p in parts)
            source = f"read_parquet([{listed}], union_by_name = true, filename = true)"
            names = con.sql(f"select * from {source} limit 0").columns
            hidden = [c for c in ("_problems", "_text_hash") if c in names]  # empty in a part
            hide = ", ".join([*hidden, "filename"])
            rows = (
                f"select * exclude ({hide}), regexp_extract(filename, "
                f"'([0-9a-f]{{64}})\\.parquet$', 1) as import_id from {source}"
            )
            if table != "cells":
                con.execute(f"create or replace view {table} as {rows}")
                continue
            con.execute(f"create or replace view cell_versions as {rows}")
            order = ", ".join(_literal(i) for i in known)
            line = ", source_line desc nulls last" if "source_line" in names else ""
            con.execute(
                f"create or replace view cells as select * from cell_versions qualify "
                f"row_number() over (partition by cell_id order by "
                f"list_position([{order}], import_id) desc{line}) = 1"
            )
        return counts


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
