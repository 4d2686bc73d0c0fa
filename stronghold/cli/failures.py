"""How a command ends when it cannot go on: one line on stderr, never a traceback.

An expected failure (a bad file, path, profile or setting, a busy or read-only workspace, a
full disk, a store that cannot be reached) says what is wrong and what to do, and exits 2.
Anything else is a fault in Stronghold: it says so in one line and exits 1. `stronghold
--debug ...` lets the traceback through instead, for a report.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import typer
from pydantic import ValidationError
from sqlalchemy.exc import ArgumentError, OperationalError
from typer import _click as click

from stronghold.cli.terminal import output_console, styled
from stronghold.errors import StrongholdError, disk_full
from stronghold.shown import excerpt, path_excerpt

__all__ = ["DEBUG", "EXPECTED", "FAULT", "describe", "refusing", "report_failure", "report_usage"]

EXPECTED = 2  # exit code: the user can put it right
FAULT = 1  # exit code: Stronghold itself went wrong
DEBUG = {"on": False}  # `stronghold --debug`: failures show their traceback

OS_ADVICE = {
    errno.ENOSPC: "the disk is full: free some space, or use a workspace on another disk",
    errno.EDQUOT: "the disk quota is used up: free some space, or use another workspace",
    errno.EROFS: "the file system is read-only: use a workspace you can write to",
    errno.EACCES: "permission denied: run as the owner, or use a folder you can write to",
    errno.EPERM: "not permitted: run as the owner, or use a folder you can write to",
    errno.ENOENT: "no such file or folder: check the path",
    errno.EEXIST: "it already exists and is not a folder: give another path",
    errno.ENOTDIR: "a part of the path is a file, not a folder: check the path",
    errno.EISDIR: "it is a folder, not a file: give a file's path",
    errno.ENOMEM: "the machine ran out of memory: close other work or use a bigger machine",
    errno.ENAMETOOLONG: "the path, or a name in it, is too long: give a shorter one",
}


def describe(error: BaseException) -> str | None:
    """The one line for an expected failure; None for a fault in Stronghold."""
    if isinstance(error, StrongholdError):
        return str(error)
    if isinstance(error, ValidationError):
        return "; ".join(_setting(e["loc"], e["msg"]) for e in error.errors())
    if isinstance(error, OSError) and (error.errno in OS_ADVICE or error.filename):
        where = f" ({path_excerpt(error.filename)})" if error.filename else ""
        advice = OS_ADVICE.get(error.errno or 0) or (error.strerror or "cannot use the path")
        return f"{advice}{where}"
    if isinstance(error, OperationalError):
        first = (str(error.orig or error).strip().splitlines() or [""])[0]
        return (
            f"the operational store cannot be used: {excerpt(first, 200)} "
            "(check STRONGHOLD_DATABASE_URL, and that the server is running)"
        )
    if isinstance(error, ArgumentError):
        return f"STRONGHOLD_DATABASE_URL is not a database URL: {excerpt(error, 200)}"
    if isinstance(error, duckdb.OutOfMemoryException | MemoryError):
        return (
            "out of memory: raise STRONGHOLD_DUCKDB_MEMORY_LIMIT if the machine has more, "
            "or use a machine with more memory"
        )
    if disk_full(error):  # DuckDB's, which carries no errno
        return OS_ADVICE[errno.ENOSPC]
    return None


@contextmanager
def refusing(heading: str, *kinds: type[BaseException]) -> Iterator[None]:
    """A command's own refusal: an error of `kinds` inside is printed after `heading`
    ("Nothing imported:") and ends the command with exit 2 (with --debug, raised as is)."""
    try:
        yield
    except kinds as error:
        if DEBUG["on"]:
            raise
        output_console().print(styled((heading, "bold red"), " ", str(error)), soft_wrap=True)
        raise typer.Exit(EXPECTED) from error


def report_failure(error: BaseException) -> int:
    """Print the one line for `error` on stderr; the exit code to end with."""
    console = output_console(stderr=True)
    message = describe(error)
    if message is not None:
        console.print(styled(("Error:", "bold red"), " ", message), soft_wrap=True)
        return EXPECTED
    console.print(
        styled(
            ("Stronghold failed:", "bold red"),
            f" {type(error).__name__}: {excerpt(error, 200)}. This is a fault in Stronghold, "
            "not in your data: run the command again with `stronghold --debug ...` for the "
            "traceback, and report it.",
        ),
        soft_wrap=True,
    )
    return FAULT


def report_usage(error: click.exceptions.ClickException) -> int:
    """Print a usage error (an unknown option, a missing argument) as text; its exit code."""
    console = output_console(stderr=True)
    console.print(styled(("Error:", "bold red"), " ", error.format_message()), soft_wrap=True)
    context = getattr(error, "ctx", None)
    if context is not None:
        console.print(f"Try '{context.command_path} --help' for help.")
    return error.exit_code


def _setting(location: tuple[int | str, ...], message: str) -> str:
    name = str(location[0]) if location else "settings"
    return f"setting STRONGHOLD_{name.upper()}: {message.removeprefix('Value error, ')}"
