"""Finding 9 (workspaces and outputs): tracebacks instead of clear errors.

After the fix a workspace that is a file, a read-only workspace given to `analyse`, and
`export results` into a path that is a file each end with exit code 2 and a short sentence
naming the path, no traceback; `--debug` (a global option) shows the traceback. A read-only
workspace can still be exported from and its quarantine shown."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from stronghold.analysis.run import analyse
from stronghold.ingest.importer import ingest_bundle
from stronghold.settings import Settings
from stronghold.workspace import Workspace
from tests.security.conftest import (
    ROOT,
    CliResult,
    assert_clear_refusal,
    cli_env,
    comms_csv,
    people_csv,
    run_cli,
    write_bundle,
)


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory, tiny_bundle: Path) -> Path:
    """The tiny bundle ingested and analysed (SQLite): a workspace with results."""
    space = Workspace.open(tmp_path_factory.mktemp("analysed") / "ws")
    settings = Settings(workspace=space.root, database_url=None)
    ingest_bundle(tiny_bundle, space, settings)
    analyse(space, settings)
    return space.root


def cases(tmp_path: Path, analysed: Path) -> dict[str, tuple[list[str | Path], str]]:
    """Command lines that must be refused, and the name the refusal must give."""
    bundle = write_bundle(
        tmp_path / "bundle", {"people.csv": people_csv(), "comms.csv": comms_csv()}
    )
    (tmp_path / "a-file").write_text("not a folder\n", encoding="utf-8")
    (tmp_path / "report.txt").write_text("mine\n", encoding="utf-8")
    (tmp_path / "profile-folder.yaml").mkdir()
    return {
        "workspace-is-a-file-ingest": (
            ["ingest", bundle, "--workspace", tmp_path / "a-file"],
            "a-file",
        ),
        "workspace-is-a-file-analyse": (["analyse", "--workspace", tmp_path / "a-file"], "a-file"),
        "export-into-a-file": (
            ["export", "results", tmp_path / "report.txt", "--workspace", analysed],
            "report.txt",
        ),
        "profile-is-a-folder": (
            [
                "ingest",
                bundle,
                "--workspace",
                tmp_path / "ws",
                "--profile",
                tmp_path / "profile-folder.yaml",
            ],
            "profile-folder.yaml",
        ),
    }


CASES = [
    "workspace-is-a-file-ingest",
    "workspace-is-a-file-analyse",
    "export-into-a-file",
    "profile-is-a-folder",
]


@pytest.mark.parametrize("case", CASES)
def test_finding_09_refused_clearly(tmp_path: Path, analysed: Path, case: str) -> None:
    args, named = cases(tmp_path, analysed)[case]
    assert_clear_refusal(run_cli(args), named)
    assert (tmp_path / "report.txt").read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize(
    "case", ["workspace-is-a-file-ingest", "workspace-is-a-file-analyse", "profile-is-a-folder"]
)
def test_finding_09_debug_shows_the_traceback(tmp_path: Path, analysed: Path, case: str) -> None:
    args, _ = cases(tmp_path, analysed)[case]
    quiet = run_cli(args)
    loud = run_cli(["--debug", *args])
    assert "Traceback" not in quiet.out, quiet.out[-3000:]
    assert "Traceback" in loud.out, loud.out[-3000:]
    assert loud.code != 0


def _nobody() -> None:
    os.setgroups([])
    os.setgid(65534)
    os.setuid(65534)


NO_CAPABILITIES = (
    "import stronghold, sys; status = open('/proc/self/status').read(); "
    "sys.exit(int(status.split('CapEff:')[1].split()[0], 16) != 0)"
)


def unprivileged() -> tuple[list[str], Callable[[], None] | None]:
    """How to run a command that file permissions stop: as ourselves when not root; as user
    nobody when root and nobody can run this Python; else as root without the capabilities
    that override permissions (setpriv); else skip."""
    if os.geteuid() != 0:
        return [], None
    probe = [sys.executable, "-c", "import stronghold"]
    env = cli_env()
    try:
        done = subprocess.run(probe, preexec_fn=_nobody, env=env, cwd="/", capture_output=True)
        if done.returncode == 0:
            return [], _nobody
    except OSError:  # nobody cannot reach this Python (e.g. it lives under /root)
        pass
    setpriv = shutil.which("setpriv")
    if setpriv:
        prefix = [setpriv, "--inh-caps=-all", "--bounding-set=-all", "--"]
        check = [*prefix, sys.executable, "-c", NO_CAPABILITIES]
        if subprocess.run(check, env=env, cwd=ROOT, capture_output=True).returncode == 0:
            return prefix, None
    pytest.skip("cannot run a command that file permissions stop (not nobody, no setpriv)")


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder anyone may read (pytest's tmp_path may not be), removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="stronghold-readonly-"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(folder)


def test_finding_09_read_only_workspace(
    store: Settings, tiny_bundle: Path, shared_folder: Path
) -> None:
    prefix, preexec = unprivileged()
    settings = Settings(workspace=shared_folder / "ws", database_url=store.database_url)
    space = Workspace.open(settings.workspace)
    ingest_bundle(tiny_bundle, space, settings)
    analyse(space, settings)
    for path in [space.root, *space.root.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    out = shared_folder / "out"
    out.mkdir(mode=0o777)
    out.chmod(0o777)

    def run(*args: str | Path) -> CliResult:
        return run_cli(
            [*args, "--workspace", space.root],
            database=store.database_url,
            prefix=prefix,
            preexec=preexec,
        )

    refused = run("analyse")
    assert_clear_refusal(refused)
    assert "read-only" in refused.flat.lower() or "read only" in refused.flat.lower()
    exported = run("export", "results", out)
    assert (exported.code, "Traceback" in exported.out) == (0, False), exported.out[-3000:]
    assert (out / "lines.csv").read_bytes() == (space.results / "lines.csv").read_bytes()
    shown = run("ingest", "--show-quarantine")
    assert (shown.code, "Traceback" in shown.out) == (0, False), shown.out[-3000:]
