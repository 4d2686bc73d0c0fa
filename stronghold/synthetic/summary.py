"""What a synthetic bundle holds: rows per file and the world's vital statistics.

Figures about behaviour (broadcasts per day, callbacks) are measured from the comms data
itself with DuckDB, with the truth naming which numbers are lines; so the summary checks that
the data shows what the truth claims.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from stronghold.contract import BUNDLE_TABLES, find_table
from stronghold.sql_text import text

__all__ = ["LineFigures", "WorldSummary", "summarise_bundle"]

BROADCAST_GAP_S = 120  # messages closer than this belong to one burst
BROADCAST_SHARE = 0.5  # a burst reaching half the customer list or more is a broadcast


@dataclass(frozen=True)
class LineFigures:
    line_id: str
    name: str
    route: str
    numbers: int
    customers: int
    broadcasts_per_day: float
    runners: int
    child_runners: int


@dataclass
class WorldSummary:
    rows: dict[str, int]
    lines: list[LineFigures]
    handovers: int
    runners: int
    child_runners: int
    runner_ages: list[int]
    cuckooed_homes: int
    exploited_people: int
    customers_buying_from_two_lines: int
    groups: int
    local_groups: int
    confounders: dict[str, int] = field(default_factory=dict)
    world: dict[str, Any] = field(default_factory=dict)


def _reader(path: Path) -> str:
    if path.suffix == ".parquet":
        return f"read_parquet({text(str(path))})"
    return f"read_csv({text(str(path))}, all_varchar=true, header=true)"


def summarise_bundle(folder: Path) -> WorldSummary:
    """Count and measure a synthetic bundle (one with truth.json)."""
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    con = duckdb.connect()
    con.execute("set enable_progress_bar = false")
    rows = {}
    for table in BUNDLE_TABLES:
        path = find_table(folder, table)
        if path is not None:
            (count,) = con.execute(f"select count(*) from {_reader(path)}").fetchall()[0]
            rows[table] = int(count)
    comms = find_table(folder, "comms")
    if comms is None:
        raise FileNotFoundError(f"no comms file in {folder}")
    con.execute("create table line_numbers (number varchar, line_id varchar)")
    con.executemany(
        "insert into line_numbers values (?, ?)",
        [(n["number"], line["line_id"]) for line in truth["lines"] for n in line["numbers"]],
    )
    size = Counter(c["line_id"] for c in truth["customers"])
    con.execute("create table list_size (line_id varchar, customers integer)")
    con.executemany("insert into list_size values (?, ?)", list(size.items()))
    rates = dict(
        con.execute(f"""
        with sent as (
            select l.line_id, c.a_number, cast(c.start_time as timestamptz) as sent_at, c.b_number
            from {_reader(comms)} c join line_numbers l on c.a_number = l.number
            where c.kind = 'sms'),
        marked as (
            select *, coalesce(epoch(sent_at) - epoch(lag(sent_at) over (partition by a_number
                   order by sent_at)) > {BROADCAST_GAP_S}, true)::int as opens from sent),
        numbered as (
            select *, sum(opens) over (partition by a_number order by sent_at
                   rows unbounded preceding) as burst from marked),
        bursts as (
            select line_id, a_number, burst, count(distinct b_number) as reach,
                   min(sent_at) as sent_at from numbered group by all)
        select b.line_id, count(*) / count(distinct cast(timezone('Europe/London', b.sent_at)
               as date)) from bursts b join list_size s using (line_id)
        where b.reach >= {BROADCAST_SHARE} * s.customers group by b.line_id
    """).fetchall()
    )
    runners = truth["runners"]
    lines = []
    for line in truth["lines"]:
        own = [r for r in runners if r["line_id"] == line["line_id"]]
        lines.append(
            LineFigures(
                line_id=line["line_id"],
                name=line["name"],
                route=f"{line['hub']} -> {line['county_town']}",
                numbers=len(line["numbers"]),
                customers=size[line["line_id"]],
                broadcasts_per_day=round(float(rates.get(line["line_id"], 0.0)), 2),
                runners=len(own),
                child_runners=sum(1 for r in own if r["age"] < 18),
            )
        )
    buyers = Counter(c["number"] for c in truth["customers"])
    return WorldSummary(
        rows=rows,
        lines=lines,
        handovers=len(truth["handovers"]),
        runners=len(runners),
        child_runners=sum(1 for r in runners if r["age"] < 18),
        runner_ages=[r["age"] for r in runners],
        cuckooed_homes=len(truth["cuckooed_addresses"]),
        exploited_people=len({p["person_id"] for p in truth["exploited_people"]}),
        customers_buying_from_two_lines=sum(1 for n in buyers.values() if n > 1),
        groups=len(truth["ocgs"]),
        local_groups=sum(1 for g in truth["ocgs"] if g.get("local")),
        confounders=dict(sorted(Counter(c["kind"] for c in truth["confounders"]).items())),
        world=truth.get("world", {}),
    )
