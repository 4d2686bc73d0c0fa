"""SQL text written safely, for every engine: quoted identifiers and string literals."""

from __future__ import annotations

__all__ = ["quote", "text"]


def quote(name: str) -> str:
    """A SQL identifier for any column name."""
    return '"' + name.replace('"', '""') + '"'


def text(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"
