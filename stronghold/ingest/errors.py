"""What can go wrong in an import: a whole file refused, or one row's problem."""

from __future__ import annotations

from dataclasses import dataclass

from stronghold.errors import StrongholdError

__all__ = ["IngestError", "Problem"]


class IngestError(StrongholdError):
    """A file (or bundle) that cannot be imported at all, with the reason in words."""


@dataclass(frozen=True)
class Problem:
    """Why one row was quarantined: its line, the column at fault (if one), and the value."""

    line: int
    column: str | None
    value: str
    reason: str
