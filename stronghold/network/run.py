"""Build the workspace's network, find its groups and rank its key players; write
`key_players.csv` (../shared/CONTRACT.md) and `groups.csv` into the workspace's results."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stronghold.analysis.opening import opened
from stronghold.analysis.premises import NO_CELLS, PremisesSettings
from stronghold.analysis.records import register_records
from stronghold.distance import sql_km_apart, sql_within_box
from stronghold.engine import Engine
from stronghold.network.command_ties import MIN_EVENTS, line_command
from stronghold.network.graph import Network, build_network
from stronghold.network.groups import Group, find_groups
from stronghold.network.key_players import KEY_PLAYER_COLUMNS, key_players
from stronghold.network.position import positions
from stronghold.network.record_links import record_links
from stronghold.network.roles import Roles, read_roles
from stronghold.network.sleeping import sleeping_at
from stronghold.results_files import read_results_csv, write_results_csv
from stronghold.settings import Settings
from stronghold.workspace import Workspace

__all__ = ["GROUP_COLUMNS", "NetworkReport", "rank_network"]

TOWN_SEARCH_KM = 5.5  # a night cell's town: its nearest recorded address this far away

GROUP_COLUMNS = (
    "ocg_id",
    "members",
    "people",
    "phones",
    "lines",
    "hub",
    "county_towns",
    "evidence",
)


@dataclass
class NetworkReport:
    network: Network
    groups: list[Group]
    key_players: list[dict[str, Any]]
    sampled: bool  # betweenness estimated from a sample of sources
    seconds: float
    written: list[Path]


def rank_network(
    workspace: Workspace,
    settings: Settings,
    expand_customers: bool = False,
    per_group: int = 25,
    write: bool = True,
) -> NetworkReport:
    """The network of the workspace's comms and records, with what the last `stronghold
    analyse` found (lines, holders, controllers, runners) where it has run; groups.csv and
    key_players.csv written into the results unless `write` is False (a graph export or a
    disruption study reads the network, and changes no results)."""
    if write:
        workspace.require_writable("the network writes groups.csv and key_players.csv there")
    began = time.perf_counter()
    roles = read_roles(workspace.results)
    with opened(workspace, settings, "duckdb") as (engine, database, counts):
        people = register_records(engine, database)
        if not counts.get("cells"):  # no cell sites: nothing sleeps anywhere (sleeping.py)
            engine.view("cells", NO_CELLS)
        homes, addresses = _residences(engine) if people["people"] else ({}, {})
        unlisted = {n for n in roles.commanding if n.startswith("+") and n not in roles.person_of}
        slept = sleeping_at(engine, unlisted, addresses)
        records = record_links(database, roles, workspace.results, slept)
        whole = build_network(engine, roles, people["person_phones"] > 0, expand_customers, records)
        if counts.get("cells") and people["addresses"]:
            homes.update(_phone_towns(engine, roles))
    network = whole.focused(close=MIN_EVENTS)
    command = line_command(network, addresses)
    groups = find_groups(
        network, homes, _line_towns(workspace.results / "addresses.csv"), command=command
    )
    places, sampled = positions(network.graph)
    rows = key_players(network, groups, places, per_group, command)
    written: list[Path] = []
    if write:
        written += [
            write_results_csv(workspace.results / "key_players.csv", KEY_PLAYER_COLUMNS, rows),
            write_results_csv(
                workspace.results / "groups.csv",
                GROUP_COLUMNS,
                [_group_row(g) for g in groups if g.reported],
            ),
        ]
    return NetworkReport(network, groups, rows, sampled, time.perf_counter() - began, written)


def _group_row(group: Group) -> dict[str, Any]:
    return {
        "ocg_id": group.group_id,
        "members": len(group.members),
        "people": group.people,
        "phones": group.phones,
        "lines": ";".join(group.lines),
        "hub": group.hub,
        "county_towns": ";".join(group.county_towns),
        "evidence": group.evidence,
    }


def _residences(engine: Engine) -> tuple[dict[str, str], dict[str, str]]:
    """From the records, in one read: person -> the town they live in, and person -> their
    address."""
    rows = engine.arrow(
        "select p.person_id, p.address_id, a.town from people p left join addresses a "
        "on a.address_id = p.address_id where p.address_id is not null"
    ).to_pylist()
    towns = {r["person_id"]: r["town"] for r in rows if r["town"] is not None}
    return towns, {r["person_id"]: r["address_id"] for r in rows}


def _phone_towns(engine: Engine, roles: Roles) -> dict[str, str]:
    """The town where each holder's and controller's phone spends its nights: the town of
    the recorded address nearest its most used cell at night (premises' hours, UTC). Where
    records give no home, this says where a line's command lives."""
    chiefs = sorted(roles.commanding)
    night = PremisesSettings()  # the hours premises count as night
    if not chiefs:
        return {}
    engine.register_values("chiefs", chiefs)
    rows = engine.arrow(
        "with nights as (select a_number as number, a_cell as cell, count(*) as events "
        "from comms where a_number in (select number from chiefs) and a_cell is not null "
        f"and (hour(start_time) >= {night.night_from} or hour(start_time) < {night.night_to}) "
        "group by 1, 2), "
        "slept as (select number, cell from (select *, row_number() over (partition by "
        "number order by events desc, cell) as pick from nights) x where pick = 1) "
        "select s.number, a.town from slept s join cells c on c.cell_id = s.cell "
        f"join addresses a on {sql_within_box('c', 'a', TOWN_SEARCH_KM)} "
        "where a.town is not null qualify row_number() over (partition by s.number order by "
        f"{sql_km_apart('a', 'c')}, a.address_id) = 1"
    ).to_pylist()
    return {r["number"]: r["town"] for r in rows}


def _line_towns(addresses: Path) -> dict[str, str]:
    """Each line's county town: the town of most of its reported premises."""
    towns: dict[str, Counter[str]] = {}
    for row in read_results_csv(addresses):
        towns.setdefault(row["line_id"], Counter())[row.get("town") or ""] += 1
    return {line: c.most_common(1)[0][0] for line, c in towns.items() if c.most_common(1)[0][0]}
