"""A killed import leaves the workspace as it was, and simply re-running it completes it."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from stronghold.ingest.importer import ingest_bundle
from stronghold.settings import Settings
from stronghold.synthetic import synthesise
from stronghold.workspace import Workspace

TABLES = (
    "import_log",
    "people",
    "person_phones",
    "addresses",
    "vehicles",
    "intelligence",
    "incidents",
    "missing_episodes",
    "stop_search",
)


def snapshot(workspace: Path) -> dict[str, Any]:
    """What the workspace holds as data: the store's rows and the committed files."""
    with sqlite3.connect(workspace / "stronghold.db") as connection:
        rows = {t: connection.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}
        imports = sorted(r[0] for r in connection.execute("select import_id from import_log"))
    files = sorted(
        str(p.relative_to(workspace))
        for folder in ("events", "quarantine")
        for p in (workspace / folder).rglob("*")
        if p.is_file()
    )
    return {"rows": rows, "imports": imports, "files": files}


def ingest_command(bundle: Path, workspace: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "stronghold",
        "ingest",
        str(bundle),
        "--workspace",
        str(workspace),
    ]


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("interrupted")
    synthesise(root / "tiny", seed=9, scale="tiny")
    synthesise(root / "small", seed=9, scale="small")
    return root / "tiny", root / "small"


@pytest.mark.slow
def test_sigkill_mid_file_leaves_the_workspace_unchanged(
    bundles: tuple[Path, Path], tmp_path: Path
) -> None:
    tiny, small = bundles
    workspace = tmp_path / "ws"
    ingest_bundle(tiny, Workspace.open(workspace), Settings(workspace=workspace))
    before = snapshot(workspace)

    reference = tmp_path / "reference"  # how long a whole import takes, and what it gives
    began = time.perf_counter()
    subprocess.run(ingest_command(small, reference), check=True, capture_output=True)
    whole = time.perf_counter() - began

    for fraction in (0.5, 0.35, 0.2):  # aim for the middle of the comms file
        process = subprocess.Popen(
            ingest_command(small, workspace), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(whole * fraction)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            process.wait()
            break
        pytest.fail("the import finished before it could be killed")  # pragma: no cover
    assert process.returncode == -signal.SIGKILL
    assert any((workspace / "staging").iterdir()), "killed before the import began its work"
    assert snapshot(workspace) == before

    subprocess.run(ingest_command(small, workspace), check=True, capture_output=True)
    after = snapshot(workspace)
    expected = snapshot(reference)
    assert set(after["imports"]) == set(before["imports"]) | set(expected["imports"])
    for table, count in expected["rows"].items():
        assert after["rows"][table] >= count
    assert after["rows"]["import_log"] == before["rows"]["import_log"] + len(expected["imports"])
    assert set(expected["files"]) <= set(after["files"])


def test_files_left_by_a_crash_after_publishing_are_cleared(
    tiny_bundle: Path, tmp_path: Path
) -> None:
    """A part and a quarantine file moved into place by an import whose transaction never
    committed are removed by the next import, and never counted."""
    workspace = Workspace.open(tmp_path / "ws")
    settings = Settings(workspace=workspace.root)
    ingest_bundle(tiny_bundle, workspace, settings)
    before = snapshot(workspace.root)
    orphan_part = workspace.events / "comms" / ("f" * 64 + ".parquet")
    orphan_quarantine = workspace.quarantine / ("e" * 64 + ".csv")
    orphan_part.write_bytes(b"not committed")
    orphan_quarantine.write_text("file,line,column,value,reason\n", encoding="utf-8")
    report = ingest_bundle(tiny_bundle, workspace, settings)
    assert set(report.recovered) == {orphan_part, orphan_quarantine}
    assert snapshot(workspace.root) == before
