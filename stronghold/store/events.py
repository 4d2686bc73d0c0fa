"""The event store: comms, ANPR reads and cells as Parquet parts inside the workspace, one
part per imported file, named by the file's hash, for the analytics engine (DuckDB).

A part counts only once the import log (the operational store) records its import: parts
are written to staging, moved into place just before the import's transaction commits, and
anything in place that the log does not know (a crash between the two) is removed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from stronghold.engine.base import Engine
from stronghold.sql_text import quote, text

__all__ = ["HIDDEN", "EventStore", "part_rows", "stored_flag_sql"]

BULK_TABLES = ("comms", "anpr", "cells")
HIDDEN = ("_problems", "_text_hash")  # staging columns, always empty in a published part
# A flag is stored only where it says something: NULL in a part stands for the usual value
# (a number in E.164 form, a time given exactly), which the views show. Parts are smaller
# and faster to write (ADR 0006). Keyed by the ending of the flag's name.
USUAL_FLAGS = {"_kind": "e164", "_clock": "exact"}


def _usual(name: str) -> tuple[str, str] | None:
    """(the column a flag describes, its usual value) for a flag stored sparsely."""
    for ending, usual in USUAL_FLAGS.items():
        if name.endswith(ending):
            return name.removesuffix(ending), usual
    return None


def stored_flag_sql(value: str, name: str) -> str:
    """SQL storing the flag `value` as the part's column `name`: NULL when usual."""
    sparse = _usual(name)
    return f"nullif({value}, '{sparse[1]}')" if sparse else value


def part_rows(source: str, names: Sequence[str], also: str = "") -> str:
    """The columns of parts read by `source` (with columns `names`) as a reader sees them:
    staging columns hidden, the usual values of sparse flags filled in; then `also`. Plain
    SQL, column by column, so that every engine reads it alike."""
    shown = []
    for name in names:
        if name in (*HIDDEN, "filename"):
            continue
        sparse = _usual(name)
        column = quote(name)
        if sparse and sparse[0] in names:
            shown.append(
                f"case when {quote(sparse[0])} is not null then coalesce({column}, "
                f"'{sparse[1]}') end as {column}"
            )
        else:
            shown.append(column)
    return f"select {', '.join([*shown, *([also] if also else [])])} from {source}"


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

    def register(self, engine: Engine, committed: Iterable[str]) -> dict[str, int]:
        """Views `comms`, `anpr` and `cells` on `engine` over the committed parts (given in
        the order they were imported); their part counts. A cell imported again with new
        details (re-sited, renamed) keeps every version in `cell_versions`; `cells` shows
        the latest: from the latest import, and within a file its last line."""
        known = list(committed)
        counts = {}
        for table in BULK_TABLES:
            parts = self.parts(table, known)
            counts[table] = len(parts)
            if not parts:
                continue
            engine.register_parquet(f"{table}_parts", parts)
            names = engine.arrow(f"select * from {table}_parts limit 0").column_names
            # a part's file name ends with the import id and '.parquet' (72 characters)
            import_id = "left(right(filename, 72), 64) as import_id"
            rows = part_rows(f"{table}_parts", names, import_id)
            if table != "cells":
                engine.view(table, rows)
                continue
            engine.view("cell_versions", rows)
            order = " ".join(f"when {text(i)} then {n}" for n, i in enumerate(known))
            line = ", source_line desc nulls last" if "source_line" in names else ""
            visible = ", ".join(
                [*(quote(n) for n in names if n not in (*HIDDEN, "filename")), "import_id"]
            )
            engine.view(
                "cells",
                f"select {visible} from (select *, row_number() over (partition by "
                f"cell_id order by case import_id {order} end desc{line}) as _latest "
                f"from cell_versions) where _latest = 1",
            )
        return counts
