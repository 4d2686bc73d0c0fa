"""Finding 7: the tables that are not bulk (people, addresses, intelligence ...) were
decompressed whole in memory: a 600 KB people.csv.gz (200 MB unpacked) used 3.9 GB.

After the fix decompression streams, with a cap from the settings (`unpacked_limit`,
STRONGHOLD_UNPACKED_LIMIT, a pydantic ByteSize): a file unpacking past it is refused with a
sentence naming the file and the limit, and the rest of the bundle still loads."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pydantic import ValidationError

from stronghold.ingest.importer import ingest_bundle
from stronghold.settings import Settings
from stronghold.workspace import Workspace
from tests.security.conftest import ROOT, comms_csv, imported_counts, settings_like, write_bundle

PEOPLE_HEADER = "person_id,forename,surname,date_of_birth,phone_numbers\n"


def people_rows(unpacked: int) -> bytes:
    """Valid people rows, about `unpacked` bytes of them."""
    row = "P{n:07d},Ann,Smith,1990-01-02,07700 9{m:05d}\n"
    count = unpacked // len(row.format(n=0, m=0))
    return (PEOPLE_HEADER + "".join(row.format(n=n, m=n % 100_000) for n in range(count))).encode()


def test_finding_07_unpacked_limit_refuses_the_file_and_loads_the_rest(
    store: Settings, tmp_path: Path
) -> None:
    rows = people_rows(5_000_000)
    packed = gzip.compress(rows)
    assert len(packed) < 1_000_000 < 5_000_000 <= len(rows) + 100_000
    bundle = write_bundle(
        tmp_path / "bundle",
        {
            "people.csv.gz": packed,
            "addresses.csv": "address_id,line1,town\nA1,1 High Street,Leeds\nA2,2 Low Road,York\n",
            "comms.csv": comms_csv(),
        },
    )
    settings = settings_like(store, unpacked_limit="1MB")
    report = ingest_bundle(bundle, Workspace.open(settings.workspace), settings)
    outcomes = {f.path.name: f for f in report.files}
    refused = outcomes["people.csv.gz"]
    assert refused.status == "refused", "a file unpacking past the limit was loaded"
    assert "people.csv.gz" in refused.message
    # the limit, as 1MB (or 1 MB, 1.0MB, 1,000,000 bytes or 976.6KiB)
    assert re.search(r"1(\.0)? ?MB|1,?000,?000|976\.\d ?KiB", refused.message), refused.message
    assert "\n" not in refused.message and len(refused.message) < 300
    assert (outcomes["addresses.csv"].status, outcomes["comms.csv"].status) == ("loaded", "loaded")
    assert imported_counts(settings) == {"addresses.csv": 2, "comms.csv": 3}


def test_finding_07_unpacked_limit_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    assert int(Settings(unpacked_limit="1MB").unpacked_limit) == 1_000_000
    assert int(Settings(unpacked_limit=4096).unpacked_limit) == 4096
    monkeypatch.setenv("STRONGHOLD_UNPACKED_LIMIT", "2MiB")
    assert int(Settings().unpacked_limit) == 2 * 1024 * 1024
    monkeypatch.setenv("STRONGHOLD_UNPACKED_LIMIT", "lots")
    with pytest.raises(ValidationError, match="unpacked_limit"):
        Settings()


MEASURE = textwrap.dedent(
    """
    import gzip, json, resource, sys
    from pathlib import Path
    from stronghold.ingest.importer import ingest_bundle
    from stronghold.settings import Settings
    from stronghold.workspace import Workspace

    base = Path(sys.argv[1])
    def run(name):
        space = Workspace.open(base / f"ws-{name}")
        settings = Settings(workspace=space.root, database_url=None, unpacked_limit="1GB")
        report = ingest_bundle(base / name, space, settings)
        return [(f.status, f.message, f.staged and f.staged.loaded) for f in report.files]

    run("warm-up")  # DuckDB, SQLite and the migrations, paid before measuring
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    outcome = run("bomb")
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"growth_mb": (after - before) / 1024, "outcome": outcome}))
    """
)


def test_finding_07_small_gzip_does_not_exhaust_memory(tmp_path: Path) -> None:
    """A 400 KB people.csv.gz unpacking to 100 MB (1,000 people, then blank padding lines,
    and one emoji, which made the whole-file text four bytes a character) under a 1 GB cap:
    it loads, and the process grows by less than three times the unpacked size (the whole
    file in memory, as bytes, text and lines, took over six)."""
    header = PEOPLE_HEADER.encode()
    people = "".join(
        f"P{n:05d},Zoë 🙂,Smith,1990-01-02,07700 9{n:05d}\n" for n in range(1000)
    ).encode()
    blank = (" " * 120 + ",,,,\n").encode()
    bomb = tmp_path / "bomb"
    bomb.mkdir()
    with gzip.open(bomb / "people.csv.gz", "wb", compresslevel=6) as packed:
        packed.write(header + people)
        for _ in range(100):
            packed.write(blank * (1_000_000 // len(blank)))
    assert (bomb / "people.csv.gz").stat().st_size < 1_000_000
    write_bundle(tmp_path / "warm-up", {"people.csv": "person_id\nW1\n"})

    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(tmp_path)],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    measured = json.loads(done.stdout.strip().splitlines()[-1])
    assert measured["outcome"] == [["loaded", "", 1000]]
    assert measured["growth_mb"] < 300, f"peak memory grew by {measured['growth_mb']:.0f} MB"
