"""Finding 3: the SQLite URL was made from the workspace path without escaping it, so
`--workspace /x/ws%41b` opened the database of `/x/wsAb`, and `--workspace '/x/ws?x=1'` put
the database outside the workspace.

After the fix the SQLite store is always `<workspace>/stronghold.db`, whatever the folder is
called, and no other file appears outside the workspace. (SQLite only: PostgreSQL's URL is
configured, not made from the path.)"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from stronghold.ingest.importer import ingest_bundle
from stronghold.settings import Settings
from stronghold.workspace import Workspace
from tests.security.conftest import files_under, people_csv, run_cli, write_bundle

NAMES = {
    "percent-41": "ws%41b",  # %41 is 'A': decoded, this is the workspace next door
    "percent-2F": "ws%2Fb",  # %2F is '/'
    "query": "ws?x=1",
    "query-mode": "ws?mode=ro&cache=shared",
    "fragment": "ws#frag",
    "spaces": "my work space",
    "quotes": 'o\'brien "case"',
    "unicode": "enquête-東京-🚓",
    "everything": "a%41?b=1#c d'e",
}


def decoys(tmp_path: Path, name: str) -> None:
    """The folder a percent-decoded URL reaches, made to exist (as the workspace next door
    would), so that a misplaced database can be created there and seen."""
    for decoded in {"ws%41b": ["wsAb"], "ws%2Fb": ["ws/b"]}.get(name, []):
        (tmp_path / decoded).mkdir(parents=True)


@pytest.mark.parametrize("name", NAMES.values(), ids=NAMES.keys())
def test_finding_03_sqlite_store_is_inside_the_workspace(tmp_path: Path, name: str) -> None:
    decoys(tmp_path, name)
    bundle = write_bundle(tmp_path / "bundle", {"people.csv": people_csv()})
    root = tmp_path / name
    before = files_under(tmp_path)
    settings = Settings(workspace=root, database_url=None)
    report = ingest_bundle(bundle, Workspace.open(root), settings)
    assert [(f.status, f.message) for f in report.files] == [("loaded", "")]

    database = root / "stronghold.db"
    assert database.is_file()
    with closing(sqlite3.connect(database)) as connection:
        assert connection.execute("select count(*) from people").fetchone() == (2,)
    stray = {p for p in files_under(tmp_path) - before if not p.is_relative_to(root)}
    assert stray == set(), f"files outside the workspace: {sorted(map(str, stray))}"
    assert sorted(p.name for p in tmp_path.rglob("*.db")) == ["stronghold.db"]


def test_finding_03_cli_workspace_option_keeps_the_database_inside(tmp_path: Path) -> None:
    decoys(tmp_path, "ws%41b")
    bundle = write_bundle(tmp_path / "bundle", {"people.csv": people_csv()})
    root = tmp_path / "ws%41b"
    result = run_cli(["ingest", bundle, "--workspace", root])
    assert result.code == 0, result.out[-3000:]
    assert (root / "stronghold.db").is_file()
    assert not (tmp_path / "wsAb" / "stronghold.db").exists()
    assert [p.relative_to(tmp_path) for p in tmp_path.rglob("*.db")] == [
        Path("ws%41b/stronghold.db")
    ]
