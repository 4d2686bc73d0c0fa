"""Wall time and peak memory of `stronghold synth` at a scale, in a child process.

    python benchmarks/synth_scale.py [--scale large] [--format csv] [--out DIR] [--keep]

Prints events, bytes written, wall time, events per second and the child's peak resident
set size (the goal at large scale: under 2 GB, whatever the number of days).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from stronghold.sql_text import text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="large")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--days", type=int)
    parser.add_argument("--format", default="csv")
    parser.add_argument("--out", type=Path, help="where to write (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the bundle afterwards")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="stronghold-bench-"))
    out = args.out or scratch / args.scale
    command = [
        sys.executable,
        "-m",
        "stronghold",
        "synth",
        str(out),
        "--seed",
        str(args.seed),
        "--scale",
        args.scale,
        "--format",
        args.format,
    ]
    if args.days:
        command += ["--days", str(args.days)]
    began = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - began
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    comms = next(out.glob("comms.*"))
    size = sum(path.stat().st_size for path in out.iterdir())
    events = _count_rows(comms)
    print(f"scale {args.scale}, seed {args.seed}, format {args.format}")
    print(f"  events            {events:,}")
    print(
        f"  bytes written     {size / 1e9:.2f} GB ({comms.name} {comms.stat().st_size / 1e9:.2f})"
    )
    print(f"  wall time         {wall:.1f} s")
    print(f"  events per second {events / wall:,.0f}")
    print(f"  peak RSS          {peak_kib / 1024:,.0f} MiB (goal at large: under 2,048)")
    if not args.keep:
        shutil.rmtree(scratch, ignore_errors=True)


def _count_rows(comms: Path) -> int:
    import duckdb

    reader = (
        f"read_parquet({text(str(comms))})"
        if comms.suffix == ".parquet"
        else f"read_csv({text(str(comms))}, all_varchar=true)"
    )
    (count,) = duckdb.sql(f"select count(*) from {reader}").fetchall()[0]
    return int(count)


if __name__ == "__main__":
    main()
