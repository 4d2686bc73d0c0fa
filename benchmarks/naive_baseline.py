"""A naive deal-line detector on the small synthetic world: proof the world needs real analysis.

The rule analysts start with: "a number that texts more than N distinct numbers in a day is a
deal line". Run on a small world, it is scored against the ground truth (every deal-line
number a line used) and the lawful numbers it flags are listed by kind.

    python benchmarks/naive_baseline.py [--seed 7] [--threshold 30] [--bundle DIR]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import Counter
from pathlib import Path

import duckdb

from stronghold.contract import find_table
from stronghold.sql_text import text
from stronghold.synthetic import synthesise


def naive_lines(comms: Path, threshold: int) -> set[str]:
    """Numbers that text more than `threshold` distinct numbers on some day."""
    reader = (
        f"read_parquet({text(str(comms))})"
        if comms.suffix == ".parquet"
        else f"read_csv({text(str(comms))}, all_varchar=true)"
    )
    rows = duckdb.sql(f"""
        select distinct a_number from (
            select a_number, cast(start_time as date) as day, count(distinct b_number) as reach
            from {reader} where kind = 'sms' group by all)
        where reach > {threshold}
    """).fetchall()
    return {number for (number,) in rows}


def score(flagged: set[str], truth: dict) -> dict[str, object]:
    lines = {n["number"] for line in truth["lines"] for n in line["numbers"]}
    confounders = {c["number"]: c["kind"] for c in truth["confounders"]}
    hits = flagged & lines
    precision = len(hits) / len(flagged) if flagged else 0.0
    recall = len(hits) / len(lines) if lines else 0.0
    return {
        "flagged": len(flagged),
        "deal_line_numbers": len(lines),
        "true_positives": len(hits),
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "confounders_flagged": dict(Counter(confounders[n] for n in flagged if n in confounders)),
        "other_false_positives": len(flagged - lines - set(confounders)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--threshold",
        type=int,
        action="append",
        help="distinct numbers texted in a day (repeatable)",
    )
    parser.add_argument("--bundle", type=Path, help="an existing synthetic bundle to use")
    args = parser.parse_args()
    thresholds = args.threshold or [20, 30, 50, 100]
    with tempfile.TemporaryDirectory() as scratch:
        bundle = args.bundle or Path(scratch) / "small"
        if args.bundle is None:
            began = time.perf_counter()
            synthesise(bundle, seed=args.seed, scale="small")
            print(
                f"small world, seed {args.seed}: synthesised in {time.perf_counter() - began:.1f} s"
            )
        truth = json.loads((bundle / "truth.json").read_text())
        comms = find_table(bundle, "comms")
        assert comms is not None, f"no comms file in {bundle}"
        print(
            f"{'threshold':>9} {'flagged':>8} {'precision':>9} {'recall':>7}  "
            "confounders flagged (by kind)"
        )
        for threshold in thresholds:
            result = score(naive_lines(comms, threshold), truth)
            kinds = ", ".join(f"{k} {v}" for k, v in sorted(result["confounders_flagged"].items()))  # type: ignore[union-attr]
            print(
                f"{threshold:>9} {result['flagged']:>8} {result['precision']:>9.3f} "
                f"{result['recall']:>7.3f}  {kinds or 'none'}"
            )


if __name__ == "__main__":
    main()
