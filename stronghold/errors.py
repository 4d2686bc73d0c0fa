"""Expected failures: things a person can put right (a bad file, path, profile or setting, a
busy or read-only workspace), each said in one sentence that names what is wrong and what to
do. The command line prints the sentence and exits 2, without a traceback (`--debug` shows
it); anything else is a fault in Stronghold itself."""

from __future__ import annotations

__all__ = ["StrongholdError", "disk_full"]


class StrongholdError(Exception):
    """A failure the user can put right, with the sentence that says how."""


def disk_full(error: BaseException) -> bool:
    """Whether `error` says the disk or quota is full in words (DuckDB's errors carry no
    errno; an OSError's errno is checked where it is caught)."""
    return any(words in str(error) for words in ("No space left on device", "Disk quota"))
