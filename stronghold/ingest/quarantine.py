"""The rows imports refused, for people to read: newest import first, with counts by reason.
Values are as the import read them (the files hold them made safe for spreadsheets)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import Engine, select

from stronghold.results_files import read_results_csv
from stronghold.store.models import ImportLog
from stronghold.workspace import Workspace

__all__ = ["QuarantineView", "read_quarantine"]


@dataclass
class QuarantineView:
    rows: list[dict[str, str]] = field(default_factory=list)  # file, line, column, value, reason
    total: int = 0
    by_reason: Counter[str] = field(default_factory=Counter)
    files: list[str] = field(default_factory=list)  # the CSV files holding them


def read_quarantine(workspace: Workspace, engine: Engine, limit: int = 50) -> QuarantineView:
    """Up to `limit` quarantined rows of the committed imports, and the counts of all."""
    with engine.connect() as connection:
        imports = connection.execute(
            select(ImportLog.import_id).order_by(ImportLog.imported_at.desc())
        ).scalars()
        view = QuarantineView()
        for import_id in imports:
            path = workspace.quarantine / f"{import_id}.csv"
            rows = read_results_csv(path)  # none when the import refused no row
            if rows:
                view.files.append(str(path))
            view.total += len(rows)
            view.by_reason.update(_reason_kind(r["reason"]) for r in rows)
            view.rows += rows[: max(0, limit - len(view.rows))]
    return view


def _reason_kind(reason: str) -> str:
    """A reason without its particulars (line numbers), for counting."""
    return reason.split(" line ")[0].split(" as line ")[0]
