"""What the operational store cannot keep, as checks on a records file's rows: a NUL in any
value (neither SQLite nor PostgreSQL keeps it as text) and a value longer than its column.
The lengths are read from the store's models, so they are declared once; PostgreSQL refuses
a value too long where SQLite would not notice, so without these checks one long postcode
failed a whole import there."""

from __future__ import annotations

from collections.abc import Callable

from stronghold.contract import CONTRACT, Table
from stronghold.store.models import OPERATIONAL_MODELS, PersonPhone

__all__ = ["NUL_REASON", "store_checks"]

NUL_REASON = "holds a NUL character, which the store cannot keep as text"
Check = tuple[str, str, str, str]  # condition, column, value SQL, reason


def store_checks(
    table: Table, text_of: Callable[[str], str], extras: list[tuple[str, str]]
) -> list[Check]:
    """What SQLite and PostgreSQL cannot keep, as checks over each column's trimmed text
    (`text_of(column)`, SQL) and the extra columns' (SQL, name): NUL in any value, and a
    value longer than its column."""
    checks = [
        (f"contains({ref}, chr(0))", label, ref, NUL_REASON)
        for ref, label in [*((text_of(c.name), c.name) for c in table.columns), *extras]
    ]
    for name, most in _store_lengths(table.name).items():
        ref = text_of(name)
        longest = (
            f"list_max(list_transform(string_split({ref}, ';'), lambda x: length(trim(x))))"
            if table.column(name).kind in ("list", "phones")
            else f"length({ref})"
        )
        checks.append((f"{longest} > {most:d}", name, ref, f"longer than {most} characters"))
    return checks


def _store_lengths(table: str) -> dict[str, int]:
    """The longest value the store keeps, per contract column of `table` that has a limit
    (a person's phone numbers: each, in person_phones)."""
    columns = OPERATIONAL_MODELS[table].__table__.columns
    lengths = {c.name: getattr(c.type, "length", None) for c in columns}
    if table == "people":
        lengths["phone_numbers"] = PersonPhone.__table__.columns["number"].type.length  # type: ignore[attr-defined]
    contract = {c.name for c in CONTRACT[table].columns}
    return {name: int(most) for name, most in lengths.items() if most and name in contract}
