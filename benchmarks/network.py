"""The network at scale: build, focus, groups, positions and key players on a synthetic comms
network of 1M numbers and 5M distinct pairs, beside the same steps at a tenth of the size.

    python benchmarks/network.py [--nodes 1000000] [--edges 5000000] [--seed 1]
        [--baseline 0.1] [--case comms roles] [--workdir DIR]

The network is made with numpy, the same for a seed: communities of heavy-tailed sizes, each
number's share of contacts heavy-tailed (a few numbers reach thousands), 85% of pairs inside
a community, deal lines (one number in 2000, a quarter with a second number) with hundreds
of customers each, and each line's holder, controller and runners. The calls and texts of a
pair are heavy-tailed too (1 to 5,000; 2.6 on average), one comms row each, written to
Parquet and read as `stronghold` reads its comms (`Engine.register_parquet`).

Two cases, each in a child process of its own: `comms` (nothing named, as a bundle made from
adjacency data: the whole network is ranked, the worst case) and `roles` (the lines, holders,
controllers and runners named, as after `stronghold analyse`: customer bases collapse and
`focused()` keeps the lines' network). Each step's wall time and its own peak RSS (the peak
is reset before each step through /proc/self/clear_refs). The baseline, in the same run: the
same steps at `--baseline` of the size, so each ratio says how the step grows (10 for ten
times the data is linear); and in each child the floor of a whole-network pass, DuckDB's
count of the pairs and igraph's PageRank on the network built. The goal: the five steps in
under 90 s at 1M/5M.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from stronghold.sql_text import text

GOAL = 90.0  # seconds for the five steps at 1M/5M
STEPS = ("build_network", "focused", "find_groups", "positions", "key_players")
MU = 0.85  # the share of pairs inside a community
LINE_EVERY = 2000  # one deal line in this many numbers
DAYS = 90
CHECK_UP_TO = 200_000  # nodes: brokerage checked against igraph's own constraint up to this


def numbers(ids: np.ndarray) -> pa.Array:
    """UK mobile numbers, one a vertex: a bijection of the ids modulo 10^9 (7919 is prime),
    so their order is not the vertices' order."""
    return pa.array([f"+447{(int(i) * 7919 + 12345) % 10**9:09d}" for i in ids], pa.string())


def _unique(keys: np.ndarray) -> np.ndarray:
    keys = np.sort(keys)  # numpy's np.unique hashes: five times slower here
    return keys[np.concatenate([[True], keys[1:] != keys[:-1]])]


def generate(n: int, m: int, seed: int) -> dict[str, Any]:
    """The pairs (a < b, vertex ids), their events, and the lines and their people."""
    rng = np.random.default_rng(seed)
    sizes = np.minimum(rng.pareto(1.3, n // 5 + 10) * 15 + 20, 20_000).astype(np.int64)
    sizes = sizes[: int(np.searchsorted(np.cumsum(sizes), n)) + 1]
    sizes[-1] -= sizes.sum() - n
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    community = np.repeat(np.arange(len(sizes)), sizes)
    share = rng.pareto(1.8, n) + 1.0  # a vertex's share of contacts: heavy-tailed
    cumulative = np.cumsum(share)
    low = np.concatenate([[0.0], cumulative])[starts]
    high = cumulative[starts + sizes - 1]

    lines = rng.choice(n, max(2, n // LINE_EVERY), replace=False)
    second = rng.random(len(lines)) < 0.25  # a quarter changed number once
    spare = rng.choice(np.setdiff1d(np.arange(n), lines), int(second.sum()), replace=False)
    line_of = np.concatenate([np.arange(len(lines)), np.flatnonzero(second)])
    line_vertices = np.concatenate([lines, spare])
    # customers: hundreds a line, most in the line's community, some from anywhere
    count = np.minimum(rng.pareto(1.5, len(line_vertices)) * 60 + 40, 3000).astype(np.int64)
    sellers = np.repeat(line_vertices, count)
    c = community[sellers]
    local = rng.random(len(sellers)) < 0.7
    lo, hi = starts[c], starts[c] + sizes[c]
    buyers = np.where(local, lo + (rng.random(len(sellers)) * (hi - lo)).astype(np.int64), 0)
    buyers[~local] = rng.integers(0, n, int((~local).sum()))
    # each line's controller, holder and runners, in its community
    lc = community[lines]

    def member(k: int) -> np.ndarray:
        return starts[lc] + rng.integers(0, 1 << 30, (k, len(lines))) % sizes[lc]

    controller, holder, runners = member(1)[0], member(1)[0], member(3)
    holder[1::3] = holder[0::3][: len(holder[1::3])]  # every third line shares a holder
    command = np.concatenate(
        [
            np.column_stack([holder, controller]),
            np.column_stack([controller, lines]),
            *(np.column_stack([r, lines]) for r in runners),
            *(np.column_stack([r, controller]) for r in runners),
        ]
    )
    fixed = np.concatenate([np.column_stack([sellers, buyers]), command])
    fixed = fixed[fixed[:, 0] != fixed[:, 1]]
    keys = _unique(np.minimum(fixed[:, 0], fixed[:, 1]) * n + np.maximum(*fixed.T))
    wanted = keys
    for _ in range(20):  # the rest by community and share; duplicates drawn again
        missing = m - len(wanted)
        if missing <= 0:
            break
        draw = int(missing * 1.1) + 1000
        u = np.searchsorted(cumulative, rng.random(draw) * cumulative[-1], side="right")
        inside = rng.random(draw) < MU
        r = rng.random(draw)
        cu = community[u]
        target = np.where(inside, low[cu] + r * (high[cu] - low[cu]), r * cumulative[-1])
        v = np.minimum(np.searchsorted(cumulative, target, side="right"), n - 1)
        keep = u != v
        drawn = np.minimum(u, v)[keep] * n + np.maximum(u, v)[keep]
        extra = _unique(drawn)
        extra = extra[~np.isin(extra, wanted, assume_unique=True)]
        wanted = np.concatenate([wanted, rng.permutation(extra)[:missing]])
    permuted = rng.permutation(n)  # vertex ids no longer follow the communities
    a, b = permuted[wanted // n], permuted[wanted % n]
    events = np.minimum(1 + np.floor(rng.pareto(1.5, len(a))), 5000).astype(np.int64)
    events[: len(keys)] *= 2  # a line's customers and its people are in touch more
    return {
        "a": np.minimum(a, b),
        "b": np.maximum(a, b),
        "events": events,
        "community": community[np.argsort(permuted)],
        "lines": permuted[lines],
        "line_vertices": permuted[line_vertices],
        "line_of": line_of,
        "holder": permuted[holder],
        "controller": permuted[controller],
        "runners": permuted[runners],
    }


def comms_table(world: dict[str, Any], n: int, seed: int) -> pa.Table:
    """One comms row a call or text: each pair's events, at random times, either way."""
    rng = np.random.default_rng(seed + 1)
    pair = np.repeat(np.arange(len(world["a"])), world["events"])
    flip = rng.random(len(pair)) < 0.5
    a, b = world["a"][pair], world["b"][pair]
    caller, called = np.where(flip, b, a), np.where(flip, a, b)
    del pair, flip, a, b
    began = np.datetime64("2026-01-01T00:00:00", "us").astype(np.int64)
    at = began + rng.integers(0, DAYS * 86_400, len(caller)) * 1_000_000
    names = numbers(np.arange(n))
    return pa.table(
        {
            "start_time": pa.array(at, pa.timestamp("us", tz="UTC")),
            "a_number": names.take(pa.array(caller)),
            "b_number": names.take(pa.array(called)),
            "kind": pa.array(np.where(rng.random(len(caller)) < 0.7, "sms", "call")),
        }
    )


def roles_of(world: dict[str, Any]) -> Any:
    """What `stronghold analyse` would have found: the lines, holders (people), controllers
    and runners."""
    from stronghold.network.roles import Roles

    roles = Roles()
    said = numbers(np.arange(world["community"].size)).to_pylist()
    for vertex, line in zip(world["line_vertices"], world["line_of"], strict=True):
        roles.line_numbers[said[vertex]] = f"SL{line + 1:05d}"
    for index in range(len(world["lines"])):
        line = f"SL{index + 1:05d}"
        holder = said[world["holder"][index]]
        person = f"P{world['holder'][index]:07d}"
        roles.add(holder, "holder", line)
        roles.add(person, "holder", line)
        roles.person_of.setdefault(holder, person)
        roles.add(said[world["controller"][index]], "controller", line)
        for runner in world["runners"][:, index]:
            roles.add(said[runner], "runner", line)
    return roles


def reset_peak() -> None:
    """The process's peak RSS set back to what it holds now (Linux 4.0 and later)."""
    with open("/proc/self/clear_refs", "w") as handle:
        handle.write("5")


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(report: dict[str, Any], name: str, work: Callable[[], Any]) -> Any:
    gc.collect()
    reset_peak()
    began = time.perf_counter()
    result = work()
    report[name] = {"seconds": time.perf_counter() - began, "peak": peak_mib()}
    print(
        f"    {name:<13} {report[name]['seconds']:7.1f} s  {report[name]['peak']:7,.0f} MiB",
        file=sys.stderr,
        flush=True,
    )
    return result


def child(case: str, n: int, m: int, seed: int, workdir: Path) -> None:
    """Make the network, then time each step in this process; print the figures as JSON."""
    from stronghold.engine import open_engine
    from stronghold.network.graph import build_network
    from stronghold.network.groups import find_groups
    from stronghold.network.key_players import key_players
    from stronghold.network.position import EXACT_UP_TO, positions, sources_for
    from stronghold.network.roles import Roles

    report: dict[str, Any] = {}
    began = time.perf_counter()
    world = generate(n, m, seed)
    table = comms_table(world, n, seed)
    roles = roles_of(world) if case == "roles" else Roles()
    rows = table.num_rows
    folder = Path(tempfile.mkdtemp(prefix="network-bench-", dir=workdir))
    part = folder / "comms.parquet"
    with open_engine("duckdb") as engine:
        engine.register_arrow("generated", table)
        del table, world
        engine.run(f"copy generated to {text(str(part))} (format parquet)")
        engine.run("drop table generated")
        engine.register_parquet("comms", [part])
        made = time.perf_counter() - began
        gc.collect()
        timed(
            report,
            "floor: DuckDB pair count",
            lambda: (
                engine.arrow(
                    "select least(a_number, b_number) as a, greatest(a_number, b_number) as b, "
                    "count(*) as events from comms group by 1, 2"
                ).num_rows
            ),
        )
        whole = timed(report, "build_network", lambda: build_network(engine, roles, False))
    part.unlink()
    folder.rmdir()
    graph = whole.graph
    timed(report, "floor: igraph PageRank", lambda: graph.pagerank(weights="weight"))
    network = timed(report, "focused", whole.focused)
    groups = timed(report, "find_groups", lambda: find_groups(network))
    places, sampled = timed(report, "positions", lambda: positions(network.graph))
    rows_out = timed(report, "key_players", lambda: key_players(network, groups, places))
    if EXACT_UP_TO < network.graph.vcount() <= CHECK_UP_TO:  # the triangles' constraint
        theirs = np.array(network.graph.constraint(weights="weight"), dtype=float)
        theirs = np.where(np.isnan(theirs), 0.0, np.maximum(0.0, 1.0 - theirs))
        report["brokerage against igraph"] = float(np.abs(places.brokerage - theirs).max())
    report["sizes"] = {
        "comms rows": rows,
        "made in s": round(made, 1),
        "network": f"{graph.vcount():,} nodes, {graph.ecount():,} edges",
        "focused": f"{network.graph.vcount():,} nodes, {network.graph.ecount():,} edges",
        "groups": f"{len(groups):,} ({sum(1 for g in groups if g.lines):,} holding a line)",
        "betweenness": f"from {sources_for(network.graph.vcount(), network.graph.ecount())} sources"
        if sampled
        else "exact",
        "key player rows": len(rows_out),
    }
    print(json.dumps(report))


def run_case(case: str, n: int, m: int, seed: int, workdir: Path) -> dict[str, Any]:
    print(f"  {case}, {n:,} numbers, {m:,} pairs", flush=True)
    command = [sys.executable, str(Path(__file__).resolve()), "--child", case,
               "--nodes", str(n), "--edges", str(m), "--seed", str(seed),
               "--workdir", str(workdir)]  # fmt: skip
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True)
    if done.returncode:
        raise SystemExit(f"{case} at {n:,}/{m:,} failed ({done.returncode})")
    return json.loads(done.stdout.splitlines()[-1])


def report(case: str, small: dict[str, Any], large: dict[str, Any], scales: list[str]) -> None:
    print(f"\n{case}: {', '.join(f'{k} {v}' for k, v in large['sizes'].items())}")
    print(f"at {scales[0]}: {', '.join(f'{k} {v}' for k, v in small['sizes'].items())}")
    print(f"| step | {scales[0]} s | peak MiB | {scales[1]} s | peak MiB | time ratio |")
    print("|---|---|---|---|---|---|")
    names = [k for k in large if k.startswith("floor")] + list(STEPS)
    for name in names:
        s, big = small[name], large[name]
        ratio = big["seconds"] / max(s["seconds"], 1e-3)
        print(f"| {name} | {s['seconds']:.1f} | {s['peak']:,.0f} | {big['seconds']:.1f} | "
              f"{big['peak']:,.0f} | {ratio:.1f} |")  # fmt: skip
    totals = [sum(r[name]["seconds"] for name in STEPS) for r in (small, large)]
    peaks = [max(r[name]["peak"] for name in STEPS) for r in (small, large)]
    print(f"| the five steps | {totals[0]:.1f} | {peaks[0]:,.0f} | {totals[1]:.1f} | "
          f"{peaks[1]:,.0f} | {totals[1] / totals[0]:.1f} |")  # fmt: skip
    build, pairs = large["build_network"]["seconds"], large["floor: DuckDB pair count"]["seconds"]
    after = (totals[1] - build) / large["floor: igraph PageRank"]["seconds"]
    print(
        f"{case}: {totals[1]:.1f} s at {scales[1]} (goal: under {GOAL:.0f} s); build / "
        f"DuckDB's pair count {build / pairs:.1f}; the steps after build / PageRank {after:.1f}"
    )
    for scale, figures in zip(scales, (small, large), strict=True):
        if "brokerage against igraph" in figures:
            print(f"at {scale}, brokerage from triangles against igraph's constraint: largest "
                  f"difference {figures['brokerage against igraph']:.1e}")  # fmt: skip


def version() -> str:
    """The commit, and whether stronghold/network differs from it."""
    root = Path(__file__).resolve().parent.parent
    git = ["git", "-C", str(root)]
    commit = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    changed = subprocess.run(
        [*git, "status", "--porcelain", "stronghold/network"], capture_output=True, text=True
    )
    return commit.stdout.strip() + (" + uncommitted changes" if changed.stdout.strip() else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=1_000_000)
    parser.add_argument("--edges", type=int, default=5_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--baseline", type=float, default=0.1, help="the baseline's scale")
    parser.add_argument("--case", nargs="+", choices=("comms", "roles"), default=["comms", "roles"])
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.nodes, args.edges, args.seed, args.workdir)
    small = (int(args.nodes * args.baseline), int(args.edges * args.baseline))
    scales = [f"{small[0]:,}/{small[1]:,}", f"{args.nodes:,}/{args.edges:,}"]
    print(f"network steps, seed {args.seed}, {os.cpu_count()} cores, code {version()}", flush=True)
    for case in args.case:
        baseline = run_case(case, *small, args.seed, args.workdir)
        full = run_case(case, args.nodes, args.edges, args.seed, args.workdir)
        report(case, baseline, full, scales)


if __name__ == "__main__":
    main()
