"""Fixtures and helpers for the hostile-user regression tests (issue 13).

The `store` fixture (tests/conftest.py) gives a fresh workspace's Settings on SQLite and on
PostgreSQL.
`run_cli` runs the real command line (`python -m stronghold`) on the code under test: the
repository these tests sit in is put first on the path, so a worktree tests its own code.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from stronghold.settings import Settings
from stronghold.store.models import ImportLog, Person

ROOT = Path(__file__).resolve().parents[2]  # the checkout (or worktree) under test

COMMS_HEADER = "start_time,a_number,b_number,kind,duration_s"
PEOPLE_HEADER = "person_id,forename,surname,date_of_birth"


def comms_csv(n: int = 0, rows: int = 3) -> str:
    """`rows` good comms rows, unique to `n` (so no two bundles share an event or a hash)."""
    lines = [
        f"2026-07-01T12:{minute:02d}:00Z,07700 9{n:05d},07700 8{n:05d},"
        f"{'call' if minute % 2 == 0 else 'sms'},{minute + 1}"
        for minute in range(rows)
    ]
    return "\n".join([COMMS_HEADER, *lines]) + "\n"


def people_csv(n: int = 0) -> str:
    return f"{PEOPLE_HEADER}\nP{n}-1,Ann,Smith,1990-01-02\nP{n}-2,Bob,Jones,1985-05-06\n"


def addresses_xlsx(n: int = 0) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["address_id", "line1", "town"])
    sheet.append([f"A{n}-1", "1 High Street", "Leeds"])
    sheet.append([f"A{n}-2", "2 Low Road", "York"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def contract_bundle(folder: Path, n: int = 0) -> Path:
    """The small contract bundle: comms (3 rows), people (2), addresses as Excel (2)."""
    return write_bundle(
        folder,
        {
            "comms.csv": comms_csv(n),
            "people.csv": people_csv(n),
            "addresses.xlsx": addresses_xlsx(n),
        },
    )


EXPECTED = {
    "comms.csv": ("comms", 3),
    "people.csv": ("people", 2),
    "addresses.xlsx": ("addresses", 2),
}


def write_bundle(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    return folder


def settings_like(store: Settings, **changes: Any) -> Settings:
    """Settings on the same store as `store`, with `changes` (validated)."""
    return Settings(**{"workspace": store.workspace, "database_url": store.database_url, **changes})


def open_store(settings: Settings) -> Engine:
    """The workspace's operational store, opened the way the commands open it."""
    from stronghold.ingest.importer import open_stores
    from stronghold.workspace import Workspace

    engine, _, _ = open_stores(Workspace.open(settings.workspace), settings)
    return engine


def imported_counts(settings: Settings) -> dict[str, int]:
    """Rows loaded per file name, from the import log."""
    engine = open_store(settings)
    with engine.connect() as connection:
        rows = connection.execute(select(ImportLog.file_name, ImportLog.rows_loaded)).all()
    engine.dispose()
    return {name: loaded for name, loaded in rows}


def people_count(settings: Settings) -> int:
    engine = open_store(settings)
    with engine.connect() as connection:
        count = connection.scalar(select(func.count()).select_from(Person))
    engine.dispose()
    return int(count or 0)


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def out(self) -> str:
        return self.stdout + self.stderr

    @property
    def flat(self) -> str:
        """The output with line breaks and runs of spaces made single spaces (Rich wraps)."""
        return " ".join(self.out.split())


def cli_env(database: str | None = None, **more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STRONGHOLD_")}
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        env.pop(name, None)
    env.update(PYTHONPATH=str(ROOT), COLUMNS="400", PYTHONDONTWRITEBYTECODE="1", NO_COLOR="1")
    if database:
        env["STRONGHOLD_DATABASE_URL"] = database
    env.update(more)
    return env


def run_cli(
    args: Sequence[str | Path],
    *,
    database: str | None = None,
    timeout: float = 180,
    prefix: Sequence[str] = (),
    preexec: Any = None,
    env: dict[str, str] | None = None,
) -> CliResult:
    """`stronghold ARGS` in a new process on the code under test."""
    import time

    began = time.perf_counter()
    done = subprocess.run(
        [*prefix, sys.executable, "-m", "stronghold", *map(str, args)],
        cwd=ROOT,
        env=env if env is not None else cli_env(database),
        capture_output=True,
        text=True,
        errors="replace",
        timeout=timeout,
        preexec_fn=preexec,
        check=False,
    )
    return CliResult(done.returncode, done.stdout, done.stderr, time.perf_counter() - began)


def assert_clear_refusal(result: CliResult, *named: str) -> None:
    """Exit 2, no traceback, a short message naming each of `named`."""
    assert "Traceback" not in result.out, result.out[-3000:]
    assert result.code == 2, (result.code, result.out[-3000:])
    for name in named:
        assert name in result.flat, (name, result.out[-3000:])
    assert len(result.out) < 2000, result.out[-3000:]


def files_under(folder: Path, *, outside: Path | None = None) -> set[Path]:
    """Every path under `folder`, but those under `outside`."""
    found = set()
    for path in folder.rglob("*"):
        if outside is not None and (path == outside or outside in path.parents):
            continue
        found.add(path)
    return found
