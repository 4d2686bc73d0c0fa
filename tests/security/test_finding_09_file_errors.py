"""Finding 9 (files and profiles): tracebacks, a bare "Aborted." and whole bundles dropped
instead of clear errors.

After the fix a bad file inside an otherwise good bundle (an .xlsx that is text, a .gz that
is not gzip, a truncated .gz, 4 KB of random bytes, 10,000 columns) is refused on its own
with a one-line reason naming it, the rest loads and the command exits 0; a bad profile
ends the command with exit 2 and a short error naming it. Never a traceback."""

from __future__ import annotations

import gzip
import random
import re
from pathlib import Path

import pytest
import yaml

from stronghold.ingest.importer import ingest_bundle
from stronghold.settings import Settings
from stronghold.workspace import Workspace
from tests.security.conftest import (
    assert_clear_refusal,
    comms_csv,
    imported_counts,
    people_csv,
    run_cli,
    write_bundle,
)

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def truncated_gzip() -> bytes:
    rows = "".join(f"R{n},2026-07-01T12:00:00Z,report number {n}\n" for n in range(3000))
    packed = gzip.compress(("ref,reported_at,text\n" + rows).encode())
    return packed[: len(packed) // 2]


def random_bytes() -> bytes:
    """4 KB of noise with no line break: its "header" is all of it."""
    noise = random.Random(13).randbytes(4096)
    return noise.replace(b"\n", b"\x01").replace(b"\r", b"\x02")


def wide_csv() -> bytes:
    names = ["start_time", "a_number", "b_number", "kind"] + [f"c{n}" for n in range(9_996)]
    row = ["2026-07-01T12:00:00Z", "07700 900123", "07700 900124", "call"] + ["x"] * 9_996
    return ("\n".join([",".join(names), *[",".join(row)] * 3]) + "\n").encode()


BAD_FILES = {
    "xlsx-that-is-text": ("addresses.xlsx", lambda: b"address_id,town\nA1,Leeds\n"),
    "gzip-that-is-not": ("vehicles.csv.gz", lambda: b"vrm,make\nAB12CDE,Ford\n"),
    "gzip-truncated": ("intelligence.csv.gz", truncated_gzip),
    "binary-noise": ("comms.csv", random_bytes),
    "ten-thousand-columns": ("comms.csv", wide_csv),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_finding_09_bad_file_is_refused_and_the_rest_loads(
    store: Settings, tmp_path: Path, case: str
) -> None:
    name, content = BAD_FILES[case]
    wide = case == "ten-thousand-columns"  # may be refused (a columns limit) or loaded
    files: dict[str, str | bytes] = {"people.csv": people_csv(), "comms.csv": comms_csv()}
    files[name] = content()
    bundle = write_bundle(tmp_path / "bundle", files)
    result = run_cli(
        ["ingest", bundle, "--workspace", store.workspace], database=store.database_url
    )
    assert "Traceback" not in result.out and "Aborted" not in result.out, result.out[-3000:]
    assert result.code == 0, result.out[-3000:]
    assert CONTROL.search(result.out) is None, "control characters printed as they are"
    assert len(result.out) < 3000, result.out[-4000:]
    good = {"people.csv": 2, "comms.csv": 3}
    refused = [line for line in result.out.splitlines() if name in line and "refused" in line]
    if wide and not refused:
        assert imported_counts(store) == good
        return
    assert refused, f"{name} is not reported refused:\n{result.out[-3000:]}"
    good.pop(name, None)
    assert imported_counts(store) == good

    # the same file again, through the API: still refused, one line naming it
    again = ingest_bundle(bundle, Workspace.open(store.workspace), store)
    (outcome,) = [f for f in again.files if f.path.name == name]
    assert outcome.status == "refused"
    assert name in outcome.message and "\n" not in outcome.message
    assert len(outcome.message) <= 250, outcome.message


def profile(folder: Path, table: dict[str, object], *, name: str = "profile.yaml") -> Path:
    path = folder / name
    data = {"name": "bad", "description": "a bad profile", "tables": {"comms": table}}
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def bad_profile(folder: Path, case: str) -> tuple[Path, list[str]]:
    """The profile's path, and the words its refusal must hold."""
    if case == "multi-character-delimiter":
        return profile(folder, {"delimiter": ";;"}), ["profile.yaml", "delimiter"]
    if case == "unknown-encoding":
        return profile(folder, {"encoding": "klingon-8"}), ["profile.yaml", "encoding"]
    if case == "a-folder":
        (folder / "folder.yaml").mkdir()
        return folder / "folder.yaml", ["folder.yaml"]
    path = folder / "latin1.yaml"  # not UTF-8
    path.write_bytes("name: café\ndescription: x\ntables: {}\n".encode("latin-1"))
    return path, ["latin1.yaml"]


@pytest.mark.parametrize(
    "case", ["multi-character-delimiter", "unknown-encoding", "a-folder", "not-utf-8"]
)
def test_finding_09_bad_profile_is_refused_clearly(
    store: Settings, tmp_path: Path, case: str
) -> None:
    bundle = write_bundle(
        tmp_path / "bundle", {"people.csv": people_csv(), "comms.csv": comms_csv()}
    )
    path, words = bad_profile(tmp_path, case)
    result = run_cli(
        ["ingest", bundle, "--workspace", store.workspace, "--profile", path],
        database=store.database_url,
    )
    assert_clear_refusal(result, *words)
