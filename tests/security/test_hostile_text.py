"""Arbitrary text (quotes, semicolons, %41, ?, #, NUL, control characters, very long strings,
crafted SQL) in every profile field that reaches SQL or a file name, in the workspace path,
and in the settings. Each example ends in a clear error (ProfileError, ValidationError,
IngestError, or the command line's exit 2 with no traceback) or a correct result (the small
contract bundle loads with its row counts), and no file appears outside the folder the
example was given (the test's tmp folder, the current directory, /tmp's top level).

Shrinking is off so that a failing run stays short; the example printed is as drawn."""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from stronghold.ingest.errors import IngestError
from stronghold.ingest.importer import IngestReport, ingest_bundle
from stronghold.ingest.profiles import ProfileError
from stronghold.settings import Settings
from stronghold.workspace import Workspace
from tests.security.conftest import (
    EXPECTED,
    contract_bundle,
    files_under,
    imported_counts,
    settings_like,
)

NASTY = [
    "'",
    '"',
    "';",
    "%41",
    "?x=1",
    "#",
    "\x00",
    "\n",
    "\r\n",
    "\t",
    "\\",
    "*",
    "[",
    "%",
    "%Q",
    "..",
    "a" * 3000,
    "Sheet",
    ",",
    "1GB",
    "0",
    "base64",
    "undefined",
    "utf-16",
    "idna",
    "latin-1",
    "%Y-%m-%dT%H:%M:%S%z",
    "\u202e",
    "\x1b[31m",
    "$(touch pwned)",
    "`touch pwned`",
    ",'); copy (select 42) to 'pwned.csv'; select '",
    "1GB'; copy (select 1) to 'pwned.csv'; --",
    "x' || (select 42) || '",
    "'; attach 'pwned.db' as p; --",
    "%Y'); copy (select 1) to 'pwned.csv'; --",
]
HOSTILE = st.one_of(
    st.text(max_size=40),
    st.sampled_from(NASTY),
    st.builds(
        lambda a, b, c: a + b + c, st.text(max_size=8), st.sampled_from(NASTY), st.text(max_size=8)
    ),
    st.text(min_size=260, max_size=1200),
)
QUICK = settings(
    max_examples=30,
    deadline=None,
    database=None,  # nothing written beside the tests (nor into the watched directory)
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
COUNTER = itertools.count()

# field -> (table, the layout holding the value, must a loaded file load every row?)
FIELDS = {
    "delimiter": ("comms", lambda v: {"delimiter": v}, False),
    "encoding": ("people", lambda v: {"encoding": v}, False),
    "sheet": ("addresses", lambda v: {"sheet": v}, True),
    "files": ("people", lambda v: {"files": [v]}, True),
    "columns": ("people", lambda v: {"columns": {"forename": v}}, True),
    "values": ("comms", lambda v: {"values": {"kind": {v: "call"}}}, True),
    "time_formats": ("comms", lambda v: {"time_formats": [v]}, False),
    "date_formats": ("people", lambda v: {"date_formats": [v]}, False),
    "header_row": ("comms", lambda v: {"header_row": v}, False),
}
HEADER_ROWS = st.one_of(st.integers(min_value=-3, max_value=10**12), HOSTILE)


@pytest.fixture
def watched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The current directory, moved into tmp_path: a relative COPY TO lands where we look."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    return tmp_path


class Escapes:
    """Files that appear outside `allowed` under the tmp folder, or at /tmp's top level with
    a name the hostile value spells."""

    def __init__(self, tmp_path: Path, allowed: Path, value: object) -> None:
        self.tmp_path, self.allowed, self.value = tmp_path, allowed, str(value)
        self.files = files_under(tmp_path, outside=allowed)
        self.tmp = set(os.listdir("/tmp"))

    def check(self) -> None:
        new = files_under(self.tmp_path, outside=self.allowed) - self.files
        assert new == set(), f"written outside the example's folder: {sorted(map(str, new))}"
        spelt = {n for n in set(os.listdir("/tmp")) - self.tmp if n in self.value}
        assert spelt == set(), f"written to /tmp: {spelt}"


def check_report(report: IngestReport, field: str, table: str, strict: bool) -> None:
    for outcome in report.files:
        own, rows = EXPECTED[outcome.path.name]
        if outcome.status == "refused":
            assert outcome.message.strip(), outcome
            continue
        assert outcome.status == "loaded" and outcome.table == own, outcome
        staged = outcome.staged
        assert staged is not None and staged.rows_read == rows, (outcome.path.name, staged)
        assert staged.loaded + staged.quarantined == rows
        if strict or own != table:  # a table the hostile value does not touch loads whole
            assert staged.loaded == rows, (outcome.path.name, staged.loaded)
    for ignored in report.ignored:
        assert (field, ignored.name) == ("files", "people.csv"), ignored


@QUICK
@given(field=st.sampled_from(sorted(FIELDS)), data=st.data())
def test_hostile_profile_fields(
    store: Settings, watched: Path, field: str, data: st.DataObject
) -> None:
    value = data.draw(HEADER_ROWS if field == "header_row" else HOSTILE, label="value")
    table, layout, strict = FIELDS[field]
    work = watched / "work"
    folder = work / f"ex{next(COUNTER)}"
    bundle = contract_bundle(folder / "bundle", int(folder.name[2:]))
    profile = {"name": "hostile", "description": "drawn", "tables": {table: layout(value)}}
    dumped = yaml.safe_dump(profile, allow_unicode=True)
    assume(yaml.safe_load(dumped) == profile)  # what YAML itself cannot carry is not tested
    path = folder / "profile.yaml"
    path.write_text(dumped, encoding="utf-8")
    escapes = Escapes(watched, work, value)
    shared = settings_like(store, workspace=work / "ws")  # one workspace for every example
    try:
        report = ingest_bundle(bundle, Workspace.open(shared.workspace), shared, str(path))
    except (ProfileError, IngestError) as error:
        assert str(error).strip()
    else:
        check_report(report, field, table, strict)
    finally:
        escapes.check()


def run_main(
    args: list[str], env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    """The command line in this process: its exit code and output. An exception escaping
    it (what would print a traceback) fails the example."""
    from stronghold.cli import main

    capsys.readouterr()
    with mock.patch.dict(os.environ, env), mock.patch.object(sys, "argv", ["stronghold", *args]):
        try:
            main()
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else int(done.code is not None)
    captured = capsys.readouterr()
    out = captured.out + captured.err
    assert "Traceback" not in out, out[-3000:]
    return code, out


def loads_whole(settings_: Settings) -> None:
    counts = imported_counts(settings_)
    assert counts == {name: rows for name, (_, rows) in EXPECTED.items()}, counts


@QUICK
@given(name=HOSTILE)
def test_hostile_workspace_path(
    store: Settings, watched: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    assume(not name.startswith("/") and ".." not in name.split("/"))
    folder = watched / "ex" / str(next(COUNTER))
    bundle = contract_bundle(folder / "bundle", int(folder.name))
    workspace = folder / "w" / name
    env = {"STRONGHOLD_DATABASE_URL": store.database_url} if store.database_url else {}
    escapes = Escapes(watched, folder, name)
    try:
        code, out = run_main(["ingest", str(bundle), "--workspace", str(workspace)], env, capsys)
        assert code in (0, 2), (code, out[-3000:])
        if code == 2:
            assert out.strip(), "exit 2 without a word"
            return
        loads_whole(Settings(workspace=workspace, database_url=store.database_url))
        code, out = run_main(["analyse", "--workspace", str(workspace)], env, capsys)
        assert code == 0, out[-3000:]
        assert (workspace / "results" / "lines.csv").is_file()
    finally:
        escapes.check()


@QUICK
@given(
    field=st.sampled_from(["duckdb_memory_limit", "unpacked_limit", "database_url"]), value=HOSTILE
)
def test_hostile_settings(
    store: Settings,
    watched: Path,
    capsys: pytest.CaptureFixture[str],
    field: str,
    value: str,
) -> None:
    assume("\x00" not in value)  # an environment variable cannot hold NUL
    folder = watched / "ex" / str(next(COUNTER))
    bundle = contract_bundle(folder / "bundle", int(folder.name))
    workspace = folder / "ws"
    env = {"STRONGHOLD_DATABASE_URL": store.database_url} if store.database_url else {}
    env[f"STRONGHOLD_{field.upper()}"] = value
    escapes = Escapes(watched, folder, value)
    try:
        code, out = run_main(["ingest", str(bundle), "--workspace", str(workspace)], env, capsys)
        if code == 2 or (code == 1 and field == "unpacked_limit"):  # refused, or every file
            assert out.strip(), "an error without a word"
            return
        assert code == 0, (code, out[-3000:])
        with mock.patch.dict(os.environ, env):
            used = Settings(workspace=workspace)
        if field == "unpacked_limit":  # a small limit may refuse files: the rest load whole
            counts = imported_counts(used)
            assert all(EXPECTED[n][1] == rows for n, rows in counts.items()), counts
        else:
            loads_whole(used)
    finally:
        escapes.check()
