"""Importing a bundle into a workspace: all of it or none of it.

Every file is checked and staged first; then one transaction records each file in the import
log, upserts the records, and moves the staged event parts and quarantine files into place
just before it commits. A crash at any point leaves the stores as they were: the transaction
rolls back, staging is emptied at the next start, and a part or quarantine file the log does
not know is removed. A file already in the log (by content hash) is skipped, so re-running
an import changes nothing.
"""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import duckdb
import pyarrow as pa
from sqlalchemy import Engine, select

from stronghold.contract import CONTRACT
from stronghold.errors import disk_full
from stronghold.ingest.discovery import discover, outside
from stronghold.ingest.errors import IngestError
from stronghold.ingest.file_identity import Hashing, fingerprint
from stronghold.ingest.loading import load_records, log_import
from stronghold.ingest.profiles import Profile, load_profile
from stronghold.ingest.staging import StagedFile, stage_file
from stronghold.settings import Settings
from stronghold.shown import excerpt, path_excerpt
from stronghold.store.database import open_workspace_database
from stronghold.store.events import EventStore
from stronghold.store.models import ImportLog
from stronghold.workspace import Workspace

__all__ = ["FileOutcome", "IngestReport", "ingest_bundle", "open_stores"]

Progress = Callable[[str, str, float | None], None]  # file, what is happening, % of the step


@dataclass
class FileOutcome:
    path: Path
    table: str
    status: str  # "loaded", "already imported" or "refused"
    staged: StagedFile | None = None
    message: str = ""


@dataclass
class IngestReport:
    files: list[FileOutcome] = field(default_factory=list)
    ignored: list[Path] = field(default_factory=list)
    recovered: list[Path] = field(default_factory=list)  # left by an interrupted import

    @property
    def usable(self) -> bool:
        """Whether anything was loaded or had been loaded before."""
        return any(f.status in ("loaded", "already imported") for f in self.files)


LINKS_OUT = (
    "links to a file outside the bundle, which Stronghold does not follow: copy the file "
    "into the bundle folder instead"
)
# what reading a file can raise besides IngestError: the file is refused, the rest loads
# (but a full disk or a read-only workspace stops the whole import: see _failure)
FILE_FAILURES = (duckdb.Error, pa.ArrowException, UnicodeError, OSError, EOFError)
WORKSPACE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.ENOMEM})


def _committed_fingerprints(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return {
            str(details.get("fingerprint"))
            for details in connection.scalars(select(ImportLog.details))
            if details
        }


def open_stores(workspace: Workspace, settings: Settings) -> tuple[Engine, EventStore, list[str]]:
    """The workspace's stores and the committed imports, in the order they were made."""
    engine = open_workspace_database(workspace, settings)
    with engine.connect() as connection:
        committed = list(
            connection.scalars(
                select(ImportLog.import_id).order_by(ImportLog.imported_at, ImportLog.import_id)
            )
        )
    return engine, EventStore(workspace.events), committed


def _analytics(workspace: Workspace, settings: Settings) -> duckdb.DuckDBPyConnection:
    """DuckDB for checking files, configured by value (no setting is written into SQL)."""
    con = duckdb.connect(
        config={
            "memory_limit": settings.duckdb_memory_limit,
            "temp_directory": str(workspace.staging / "duckdb"),
        }
    )
    con.execute("set TimeZone = 'UTC'")
    con.execute("set enable_progress_bar = true")
    con.execute("set enable_progress_bar_print = false")
    return con


def ingest_bundle(
    bundle: Path,
    workspace: Workspace,
    settings: Settings,
    profile_name: str = "contract",
    progress: Progress | None = None,
) -> IngestReport:
    """Check and load every file of `bundle` into `workspace` under a profile; raises
    WorkspaceBusy when another import is writing to the workspace."""
    if not bundle.is_dir():
        raise IngestError(f"{path_excerpt(bundle)} is not a folder: give the bundle's folder")
    profile = load_profile(profile_name)
    pairs, ignored = discover(bundle, profile)
    report = IngestReport(ignored=ignored)
    leading_out = {path for path, _ in pairs if outside(path, bundle)}
    report.files += [
        FileOutcome(p, t, "refused", message=LINKS_OUT) for p, t in pairs if p in leading_out
    ]
    pairs = [(path, table) for path, table in pairs if path not in leading_out]
    with workspace.writing():
        _ingest(bundle.name, pairs, workspace, settings, profile, report, progress)
    return report


def _ingest(
    name: str,
    pairs: list[tuple[Path, str]],
    workspace: Workspace,
    settings: Settings,
    profile: Profile,
    report: IngestReport,
    progress: Progress | None,
) -> None:
    workspace.clear_staging()
    engine, events, ordered = open_stores(workspace, settings)
    committed = set(ordered)
    report.recovered = events.remove_orphans(committed) + _remove_orphan_quarantine(
        workspace, committed
    )
    con = _analytics(workspace, settings)
    fingerprints = _committed_fingerprints(engine)
    staged: list[StagedFile] = []
    seen: set[str] = set()
    for n, (path, table) in enumerate(pairs):
        try:
            print_ = fingerprint(path)
        except OSError as error:  # unreadable (permissions), or gone since it was listed
            report.files.append(FileOutcome(path, table, "refused", message=_failure(error)))
            continue
        hashing = Hashing(path)
        if print_ in fingerprints:  # perhaps imported before: make sure before any work
            hashing.join()
            if hashing.digest in committed:
                report.files.append(FileOutcome(path, table, "already imported"))
                continue
        known = events.parts(table, committed) + [
            s.parquet for s in staged if s.table == table and s.parquet
        ]
        work = partial(
            stage_file,
            con,
            path,
            table,
            profile.layout(table),
            f"{n:04d}{print_[:28]}",
            workspace.staging,
            known,
            int(settings.unpacked_limit),
        )
        try:
            result = _watched(con, progress, path.name, work)
        except IngestError as error:
            report.files.append(FileOutcome(path, table, "refused", message=str(error)))
            continue
        except FILE_FAILURES as error:
            report.files.append(FileOutcome(path, table, "refused", message=_failure(error)))
            continue
        finally:
            hashing.join()
        if hashing.digest in committed or hashing.digest in seen:
            report.files.append(FileOutcome(path, table, "already imported"))
            continue
        result.import_id = hashing.digest
        result.details["fingerprint"] = print_
        seen.add(result.import_id)
        staged.append(result)
        report.files.append(FileOutcome(path, table, "loaded", result))
    if staged:
        if progress:
            progress(name, "committing", None)
        _commit(engine, events, workspace, staged, profile.name)
    con.close()
    engine.dispose()
    workspace.clear_staging()


def _failure(error: BaseException) -> str:
    """A reader's or DuckDB's failure on one file, in one short line; a failure of the
    workspace itself (disk full, read-only) is raised again, for the import to stop."""
    if getattr(error, "errno", None) in WORKSPACE_ERRNOS or disk_full(error):
        raise error
    first = (str(error).strip().splitlines() or [type(error).__name__])[0]
    return f"cannot be read: {excerpt(first, 200)}"


def _watched(
    con: duckdb.DuckDBPyConnection,
    progress: Progress | None,
    name: str,
    work: Callable[..., StagedFile],
) -> StagedFile:
    """Run `work` in a thread, reporting DuckDB's progress through each of its stages."""
    stage = ["starting"]
    outcome: list[StagedFile] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(work(on_stage=lambda now: stage.__setitem__(0, now)))
        except BaseException as error:  # handed back to the caller's thread
            failure.append(error)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    while worker.is_alive():
        if progress:
            percent = con.query_progress()
            progress(name, stage[0], percent if percent >= 0 else None)
        worker.join(0.2)
    if failure:
        raise failure[0]
    return outcome[0]


def _commit(
    engine: Engine, events: EventStore, workspace: Workspace, staged: list[StagedFile], profile: str
) -> None:
    with engine.begin() as connection:
        for item in staged:
            log_import(connection, item, profile)
            if not CONTRACT[item.table].bulk:
                load_records(connection, item)
        for item in staged:  # last: only a committed import's files are ever visible
            if item.parquet is not None:
                events.publish(item.parquet, item.table, item.import_id)
            if item.quarantine is not None:
                os.replace(item.quarantine, workspace.quarantine / f"{item.import_id}.csv")


def _remove_orphan_quarantine(workspace: Workspace, committed: set[str]) -> list[Path]:
    orphans = [p for p in sorted(workspace.quarantine.glob("*.csv")) if p.stem not in committed]
    for orphan in orphans:
        orphan.unlink()
    return orphans
