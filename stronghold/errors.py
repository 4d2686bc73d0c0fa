"""Expected failures: things a person can put right (a bad file, path, profile or setting, a
busy or read-only workspace), each said in one sentence that names what is wrong and what to
do. The command line prints the sentence and exits 2, without a traceback (`--debug` shows
it); anything else is a fault in Stronghold itself."""

from __future__ import annotations

__all__ = ["StrongholdError"]


class StrongholdError(Exception):
    """A failure the user can put right, with the sentence that says how."""
