"""Robustness: the measures of issue 14 over many synthetic worlds, the worst against its bar.

    python benchmarks/robustness.py [--variants randomised,rival-lines] [--seeds 1,2,3]
        [--scale small] [--jobs 2] [--timeout 900] [--json OUT]

One world per variant and seed (default: `randomised` and every named variant but
`baseline`, seeds 1, 2 and 3, small scale), each made and analysed in a temporary folder
through the commands an analyst runs (`synth --variant`, `ingest`, `analyse`, `network`,
`export results`, `evaluate --json`), each a child process of this Python. A detector tuned
to one world passes on its seed and fails on the next; the measure that matters is the
worst cell over worlds drawn differently, so the summary shows each measure's worst against
its bar. A case whose command fails (or runs past `--timeout`) is shown as failed, with the
command and its last line, and the run carries on. `--jobs` cases run at once.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text

from stronghold.cli.terminal import output_console, styled
from stronghold.evaluation.matching import match
from stronghold.evaluation.measures import MEASURES, holder_calls, shown_value
from stronghold.evaluation.reliability import platt, reliability_table
from stronghold.synthetic.variants import VARIANTS

STRONGHOLD = [sys.executable, "-m", "stronghold"]

# measure -> (its column heading, at most 4 wide a line; how it must compare; the bar)
BARS: dict[str, tuple[str, str, float]] = {
    "deal lines precision": ("DL P", ">=", 0.95),
    "deal lines recall": ("DL R", ">=", 0.95),
    "handovers F1": ("hand\nF1", ">=", 0.9),
    "runners F1": ("run\nF1", ">=", 0.85),
    "named holder right": ("hold", ">=", 0.85),
    "groups ARI": ("ARI", ">=", 0.9),
    "leaders in best k": ("lead", ">=", 0.8),
    "cuckooed in best 2N": ("cuck\n2N", ">=", 0.9),
    "cuckooed share of best N": ("cuck\nN", ">=", 0.5),
    "safeguarding nameable recall": ("safe\nR", ">=", 0.95),
    "safeguarding precision": ("safe\nP", ">=", 0.8),
    "confounders flagged": ("conf", "==", 0),
    "services named": ("serv", "==", 0),
}
if list(BARS) != list(MEASURES):  # a measure added without a bar, or a bar left behind
    raise RuntimeError("BARS must name every measure of stronghold.evaluation.measures")


def run_case(variant: str, seed: int, scale: str, timeout: float = 900.0) -> dict[str, Any]:
    """One world through the commands, in a temporary folder: its measures (name -> value)
    and seconds, or the step that failed and its error."""
    case: dict[str, Any] = {"variant": variant, "seed": seed, "measures": {}, "error": None}
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=f"robustness-{variant}-{seed}-") as folder:
        root = Path(folder)
        bundle, workspace, results = (str(root / name) for name in ("bundle", "ws", "results"))
        truth = str(root / "bundle" / "truth.json")
        steps = {
            "synth": ["synth", bundle, "--seed", str(seed), "--scale", scale, "--variant", variant],
            "ingest": ["ingest", bundle, "--workspace", workspace],
            "analyse": ["analyse", "--workspace", workspace],
            "network": ["network", "--workspace", workspace],
            "export": ["export", "results", results, "--workspace", workspace],
            "evaluate": ["evaluate", "--truth", truth, "--results", results, "--json"],
        }
        for step, arguments in steps.items():
            try:
                done = subprocess.run(
                    [*STRONGHOLD, *arguments],
                    capture_output=True,
                    text=True,
                    cwd=root,
                    timeout=timeout,
                )
            except subprocess.TimeoutExpired:
                case["error"] = f"{step}: still running after {timeout:.0f} s"
                break
            if done.returncode:
                said = (done.stderr.strip() or done.stdout.strip() or "no output").splitlines()
                case["error"] = f"{step} exited {done.returncode}: {said[-1]}"
                break
        else:
            try:
                rows = json.loads(done.stdout)
                case["measures"] = {r["measure"]: r["value"] for r in rows if "measure" in r}
                known = json.loads(Path(truth).read_text())
                calls = holder_calls(known, Path(results), match(known, Path(results)))
                case["holder_calls"] = [[sure, right] for _, sure, right in calls]
            except (ValueError, TypeError, KeyError) as error:
                case["error"] = f"evaluate printed no measures ({error})"
    case["seconds"] = round(time.perf_counter() - began, 1)
    return case


def passes(measure: str, value: float) -> bool:
    _, comparison, bar = BARS[measure]
    return value >= bar if comparison == ">=" else value == bar


def worst(cases: list[dict[str, Any]], measure: str) -> tuple[float | None, list[str]]:
    """The worst value of `measure` over the cases that have one, and where it was."""
    measured = [
        (c["measures"][measure], f"{c['variant']} {c['seed']}")
        for c in cases
        if c["measures"].get(measure) is not None
    ]
    if not measured:
        return None, []
    lowest = BARS[measure][1] == ">="
    value = min(v for v, _ in measured) if lowest else max(v for v, _ in measured)
    return value, [where for v, where in measured if v == value]


def cell(measure: str, value: float | None, places: int = 3) -> Text:
    """A value as shown, in red when it misses its bar."""
    if value is None:
        return Text("-")
    shown = shown_value(value) if isinstance(value, int) else f"{value:.{places}f}"
    return styled((shown, "" if passes(measure, value) else "bold red"))


def print_tables(cases: list[dict[str, Any]], scale: str) -> list[dict[str, Any]]:
    """Every measure per variant and seed, the failures, then each measure's worst cell
    against its bar (returned as rows for --json)."""
    console = output_console()
    title = f"Measures per world ({scale}; red: misses its bar)"
    # 16 columns in 120: no lines between them, a space either side of each
    table = Table(title=title, title_justify="left", box=None, header_style="bold underline")
    table.add_column("variant", no_wrap=True)
    for heading in ("seed", "s", *(short for short, _, _ in BARS.values())):
        table.add_column(heading, justify="right")
    for c in cases:
        seconds = "fail" if c["error"] else f"{c['seconds']:.0f}"
        values = [cell(m, c["measures"].get(m), places=2) for m in BARS]
        table.add_row(c["variant"], str(c["seed"]), seconds, *values)
    console.print(table)
    legend = "; ".join(f"{short}: {measure}" for measure, (short, _, _) in BARS.items())
    legend = legend.replace("\n", " ")
    console.print(legend, "\n")
    failed = [c for c in cases if c["error"]]
    if failed:
        errors = Table(title="Failed cases", title_justify="left")
        for heading in ("variant", "seed", "error"):
            errors.add_column(heading)
        for c in failed:
            errors.add_row(c["variant"], str(c["seed"]), c["error"])
        console.print(errors)
    summary = Table(title="Worst cell of each measure", title_justify="left")
    for heading in ("measure", "bar", "worst", "where", "worlds", "verdict"):
        summary.add_column(heading, justify="right" if heading == "worst" else "left")
    rows = []
    for measure, (_, comparison, bar) in BARS.items():
        value, where = worst(cases, measure)
        judged = sum(c["measures"].get(measure) is not None for c in cases)
        verdict = "not measured" if value is None else "pass" if passes(measure, value) else "FAIL"
        shown_where = ", ".join(where[:3]) + (
            f" and {len(where) - 3} more" if len(where) > 3 else ""
        )
        summary.add_row(
            measure,
            f"{comparison} {bar:g}",
            cell(measure, value),
            shown_where,
            str(judged),
            verdict,
        )
        rows.append(
            {"measure": measure, "bar": f"{comparison} {bar:g}", "worst": value}
            | {"where": where, "worlds": judged, "verdict": verdict}
        )
    console.print(summary)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    named = [v for v in VARIANTS if v != "baseline"]
    parser.add_argument("--variants", default=",".join(named), help="comma-separated")
    parser.add_argument("--seeds", default="1,2,3", help="comma-separated")
    parser.add_argument("--scale", default="small")
    parser.add_argument("--jobs", type=int, default=2, help="cases at once")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds a command")
    parser.add_argument("--json", type=Path, help="also save the cases and worst cells here")
    args = parser.parse_args()
    variants = [v for v in args.variants.split(",") if v]
    unknown = [v for v in variants if v not in VARIANTS]
    if unknown:
        raise SystemExit(f"no variant {', '.join(unknown)}: choose from {', '.join(VARIANTS)}")
    seeds = [int(s) for s in args.seeds.split(",") if s]
    todo = [(variant, seed) for variant in variants for seed in seeds]
    print(f"{len(todo)} worlds ({args.scale}), {args.jobs} at a time; code {commit()}", flush=True)
    began, cases = time.perf_counter(), []
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:  # each case runs child processes
        futures = {pool.submit(run_case, v, s, args.scale, args.timeout): (v, s) for v, s in todo}
        for future in as_completed(futures):
            try:
                case = future.result()
            except Exception as error:  # the benchmark itself, not a command: show, go on
                variant, seed = futures[future]
                case = {"variant": variant, "seed": seed, "measures": {}, "seconds": 0.0}
                case["error"] = f"{type(error).__name__}: {error}"
            outcome = f"failed: {case['error']}" if case["error"] else f"{case['seconds']:.0f} s"
            print(f"  {case['variant']} seed {case['seed']}: {outcome}", flush=True)
            cases.append(case)
    order = {case: i for i, case in enumerate(todo)}
    cases.sort(key=lambda c: order[(c["variant"], c["seed"])])
    print(f"all done in {time.perf_counter() - began:.0f} s\n")
    worst_cells = print_tables(cases, args.scale)
    output_console().print(reliability_table(cases))
    if any(c.get("holder_calls") for c in cases):
        a, b, folded = platt(cases)
        print(f"Platt fit: a {a:.2f}, b {b:.2f}; CALIBRATION folded: {folded}")
    if args.json:
        saved = {"scale": args.scale, "code": commit(), "cases": cases, "worst": worst_cells}
        args.json.write_text(json.dumps(saved, indent=2), encoding="utf-8")


def commit() -> str:
    """The commit the run measured, and whether the working tree differed from it."""
    root = Path(__file__).resolve().parent.parent
    said = [
        subprocess.run(["git", *args], capture_output=True, text=True, cwd=root).stdout.strip()
        for args in (["rev-parse", "--short", "HEAD"], ["status", "--porcelain", "stronghold"])
    ]
    return said[0] + (" with uncommitted changes to stronghold/" if said[1] else "")


if __name__ == "__main__":
    main()
