"""Loading staged files into the operational store, inside the caller's transaction.

Records are keyed by their natural key (person_id, ref ...): a later import of the same key
replaces the record (the newest return wins) and the row names the import that brought it.
"""

from __future__ import annotations

import getpass
import hashlib
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert
from sqlalchemy.dialects import postgresql, sqlite

from stronghold import __version__
from stronghold.contract import CONTRACT
from stronghold.ingest.normalise.phones import normalise_number
from stronghold.ingest.staging import StagedFile
from stronghold.store.models import OPERATIONAL_MODELS, ImportLog, PersonPhone

__all__ = ["load_records", "log_import"]

BATCH = 5_000


def log_import(connection: Connection, staged: StagedFile, profile: str) -> None:
    """The file's entry in the append-only import log."""
    connection.execute(
        insert(ImportLog),
        [
            {
                "import_id": staged.import_id,
                "file_name": staged.path.name,
                "table_name": staged.table,
                "profile": profile,
                "imported_at": datetime.now(UTC),
                "imported_by": getpass.getuser(),
                "rows_read": staged.rows_read,
                "rows_loaded": staged.loaded,
                "rows_quarantined": staged.quarantined,
                "rows_already_known": staged.already_known,
                "details": staged.details,
                "stronghold_version": __version__,
            }
        ],
    )


def load_records(connection: Connection, staged: StagedFile) -> None:
    """Upsert the staged records of an operational table, a batch at a time (a file of
    millions of rows never becomes millions of Python objects at once)."""
    if staged.records is None or staged.records.num_rows == 0:
        return
    for batch in staged.records.to_batches(max_chunksize=BATCH):
        _load_batch(connection, staged, batch.to_pylist())


def _load_batch(connection: Connection, staged: StagedFile, records: list[dict[str, Any]]) -> None:
    model = OPERATIONAL_MODELS[staged.table]
    columns = {c.name for c in model.__table__.columns}
    rows: list[dict[str, Any]] = []
    phones: list[dict[str, Any]] = []
    for record in records:
        row = {k: v for k, v in record.items() if k in columns}
        extra = {
            k.removeprefix("extra:"): v
            for k, v in record.items()
            if k.startswith("extra:") and v not in (None, "")
        }
        row.update(import_id=staged.import_id, source_line=record["_line"], extra=extra or None)
        if staged.table == "stop_search":  # the same search in two files: one record
            key = "|".join(str(record.get(c.name)) for c in CONTRACT["stop_search"].columns)
            row["stop_id"] = hashlib.sha256(key.encode()).hexdigest()
        if staged.table == "people":
            for written in record.get("phone_numbers") or []:
                number = normalise_number(written)
                if number is not None:
                    phones.append(
                        {
                            "person_id": record["person_id"],
                            "number": number.value,
                            "number_kind": number.kind,
                            "import_id": staged.import_id,
                        }
                    )
        rows.append(row)
    _upsert(connection, model, rows)
    if phones:
        _upsert(connection, PersonPhone, _unique(phones, ("person_id", "number")))


def _unique(rows: list[dict[str, Any]], key: tuple[str, ...]) -> list[dict[str, Any]]:
    seen: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        seen[tuple(row[k] for k in key)] = row
    return list(seen.values())


def _upsert(connection: Connection, model: Any, rows: list[dict[str, Any]]) -> None:
    table = model.__table__
    keys = [c.name for c in table.primary_key.columns]
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    for first in range(0, len(rows), BATCH):
        batch = rows[first : first + BATCH]
        statement = dialect.insert(table)
        updates = {c.name: statement.excluded[c.name] for c in table.columns if c.name not in keys}
        connection.execute(
            statement.on_conflict_do_update(index_elements=keys, set_=updates), batch
        )
