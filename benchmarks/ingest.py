"""Comms ingest against DuckDB's own CSV-to-Parquet copy of the same file, in one run.

    python benchmarks/ingest.py [--scale medium] [--seed 1] [--keep DIR]

The goal: the import of the comms file (hashing it, reading, normalising numbers and times,
checking every row, quarantining, deduplicating, writing Parquet, committing to the stores)
at no less than half the rate of DuckDB's bare `read_csv` into Parquet. Both run in this
process, so neither pays for starting Python.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from stronghold.ingest.importer import ingest_bundle
from stronghold.settings import Settings
from stronghold.sql_text import text
from stronghold.workspace import Workspace


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="medium")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="reuse or keep the bundle in this folder")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each; the best counts")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="stronghold-ingest-bench-"))
    bundle = args.keep or scratch / "bundle"
    if not (bundle / "comms.csv").exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "stronghold",
                "synth",
                str(bundle),
                "--seed",
                str(args.seed),
                "--scale",
                args.scale,
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    only_comms = scratch / "comms-only"
    only_comms.mkdir()
    try:  # a link of the same file (Stronghold refuses links that lead out of a bundle)
        os.link(bundle / "comms.csv", only_comms / "comms.csv")
    except OSError:  # another file system
        shutil.copyfile(bundle / "comms.csv", only_comms / "comms.csv")
    comms = bundle / "comms.csv"
    size = comms.stat().st_size

    con = duckdb.connect()
    bare = ours = float("inf")
    for attempt in range(args.repeat):  # best of n: the machine's other work only slows
        began = time.perf_counter()
        con.execute(
            f"copy (select * from read_csv({text(str(comms))})) to "
            f"{text(str(scratch / 'bare.parquet'))} (format parquet)"
        )
        bare = min(bare, time.perf_counter() - began)
        workspace = Workspace.open(scratch / f"workspace{attempt}")
        began = time.perf_counter()  # the whole import: hashing, checks, stores, commit
        report = ingest_bundle(only_comms, workspace, Settings(workspace=workspace.root))
        ours = min(ours, time.perf_counter() - began)
        assert report.files[0].status == "loaded", report.files[0].message
        shutil.rmtree(workspace.root)
    (rows,) = con.execute(f"select count(*) from {text(str(scratch / 'bare.parquet'))}").fetchall()[
        0
    ]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"comms.csv: {rows:,} rows, {size / 1e9:.2f} GB ({args.scale}, seed {args.seed})")
    print(f"  best of {args.repeat} runs each")
    print(f"  DuckDB read_csv -> Parquet  {bare:6.1f} s  {rows / bare:>12,.0f} rows/s")
    print(
        f"  stronghold import           {ours:6.1f} s  {rows / ours:>12,.0f} rows/s "
        f"(peak RSS {peak:,.0f} MiB)"
    )
    print(f"  ratio                       {bare / ours:.2f} of DuckDB's rate (goal: >= 0.50)")
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
