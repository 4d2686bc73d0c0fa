"""The small world's statistics, measured from its files, lie in the documented ranges
(docs/synthetic-world.md), for several seeds."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import duckdb
import pytest

from stronghold.contract import find_table
from stronghold.sql_text import text
from stronghold.synthetic.summary import summarise_bundle
from tests.conftest import load_truth

CONFOUNDER_KINDS = {
    "taxi_firm",
    "taxi_driver",
    "takeaway",
    "surgery",
    "school",
    "group_organiser",
    "bulk_sms",
    "courier",
    "commuter",
}


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    return duckdb.connect()


def comms(bundle: Path) -> str:
    path = find_table(bundle, "comms")
    assert path is not None
    return f"read_csv({text(str(path))}, all_varchar=true)"


def table(bundle: Path, name: str) -> str:
    path = find_table(bundle, name)
    assert path is not None, f"{name} missing from {bundle}"
    return f"read_csv({text(str(path))}, all_varchar=true)"


def test_volume_lines_and_customers(small_bundle: Path) -> None:
    summary = summarise_bundle(small_bundle)
    assert 700_000 <= summary.rows["comms"] <= 1_600_000  # "about 1M events"
    assert len(summary.lines) >= 5
    for line in summary.lines:
        assert 50 <= line.customers <= 2000, line
        # measured from the comms: bursts reaching half the customer list, per active day
        assert 1.0 <= line.broadcasts_per_day <= 5.5, line
    assert summary.customers_buying_from_two_lines > 0
    assert summary.groups >= 3 and summary.local_groups >= 1


def test_runners_are_mostly_children(small_bundle: Path) -> None:
    runners = load_truth(small_bundle)["runners"]
    ages = [r["age"] for r in runners]
    assert all(14 <= age <= 50 for age in ages)
    assert sum(14 <= age <= 17 for age in ages) / len(ages) >= 0.5
    assert all(r["exploited"] for r in runners if r["age"] < 18)


def test_handovers_reach_the_old_customers(small_bundle: Path, con) -> None:
    truth = load_truth(small_bundle)
    assert len(truth["handovers"]) >= 3
    lists = Counter(c["line_id"] for c in truth["customers"])
    for handover in truth["handovers"]:
        old, new, at = handover["old_number"], handover["new_number"], handover["at"]
        (reach,) = con.execute(
            f"""
            select count(distinct b_number) from {comms(small_bundle)}
            where a_number = ? and kind = 'sms'
              and cast(start_time as timestamptz) between cast(? as timestamptz)
                  and cast(? as timestamptz) + interval 2 hours""",
            [new, at, at],
        ).fetchone()
        assert reach >= 0.5 * lists[handover["line_id"]], handover
        (late,) = con.execute(
            f"""
            select count(*) from {comms(small_bundle)} where a_number = ?
              and cast(start_time as timestamptz) > cast(? as timestamptz) + interval 1 hour
            """,
            [old, at],
        ).fetchone()
        assert late == 0, f"old number {old} still sending after the handover"


def test_callbacks_follow_orders(small_bundle: Path, con) -> None:
    """Most calls to a line are followed within 45 minutes by a runner calling the customer."""
    truth = load_truth(small_bundle)
    line = truth["lines"][0]
    numbers = [n["number"] for n in line["numbers"]]
    runner_numbers = [
        n for r in truth["runners"] if r["line_id"] == line["line_id"] for n in r["numbers"]
    ]
    (orders, called_back) = con.execute(
        f"""
        with c as (select a_number, b_number, cast(start_time as timestamptz) as t
                   from {comms(small_bundle)}),
        orders as (select * from c where b_number in (select unnest(?))),
        backs as (select * from c where a_number in (select unnest(?)))
        select count(distinct o), count(distinct o) filter (where exists (
            select 1 from backs b where b.b_number = o.a_number
               and b.t between o.t and o.t + interval 45 minutes))
        from orders o""",
        [numbers, runner_numbers],
    ).fetchone()
    assert orders > 100
    assert 0.5 <= called_back / orders <= 0.95


def test_cuckooed_homes_are_vulnerable_and_draw_incidents(small_bundle: Path, con) -> None:
    truth = load_truth(small_bundle)
    homes = truth["cuckooed_addresses"]
    assert homes
    people = {
        r[0]: r[1] or ""
        for r in con.execute(
            f"select person_id, flags from {table(small_bundle, 'people')}"
        ).fetchall()
    }
    vulnerable = ("drug_dependency", "mental_health", "learning_disability")
    for home in homes:
        assert any(flag in people[home["resident_person_id"]] for flag in vulnerable), home
    incidents = table(small_bundle, "incidents")
    during, elsewhere = con.execute(
        f"""
        with homes as (select unnest(?) as address_id)
        select count(*) filter (where address_id in (select address_id from homes)),
               count(*) filter (where address_id not in (select address_id from homes)
                                and address_id is not null)
        from {incidents}
        where category in ('anti-social-behaviour', 'drugs')""",
        [[h["address_id"] for h in homes]],
    ).fetchone()
    (addresses,) = con.execute(
        f"select count(*) from {table(small_bundle, 'addresses')}"
    ).fetchone()
    per_home = during / len(homes)
    per_other = elsewhere / (addresses - len(homes))
    assert per_home > 20 * per_other, (per_home, per_other)


def test_runners_travel_between_hub_and_county(small_bundle: Path, con) -> None:
    truth = load_truth(small_bundle)
    towns = {line["line_id"]: (line["hub"], line["county_town"]) for line in truth["lines"]}
    cells = table(small_bundle, "cells")
    travelled = 0
    travellers = [r for r in truth["runners"] if r.get("travels")]
    for runner in travellers:
        hub, county = towns[runner["line_id"]]
        places = {
            row[0]
            for row in con.execute(
                f"""
            select distinct split_part(k.site_name, ' ', 1) from {comms(small_bundle)} c
            join {cells} k on k.cell_id = c.a_cell where c.a_number = ?""",
                [runner["numbers"][0]],
            ).fetchall()
        }
        travelled += hub.split()[0] in places and county.split()[0] in places
    assert travelled >= 0.8 * len(travellers)


def test_child_runners_go_missing_and_some_are_found_out_of_area(small_bundle: Path, con) -> None:
    truth = load_truth(small_bundle)
    children = {r["person_id"] for r in truth["runners"] if r["age"] < 18}
    rows = con.execute(
        f"select person_id, found_location from {table(small_bundle, 'missing_episodes')}"
    ).fetchall()
    missing_children = {person for person, _ in rows if person in children}
    assert len(missing_children) >= 0.4 * len(children)
    assert any(found for person, found in rows if person in children)


def test_confounders_of_every_kind(small_bundle: Path) -> None:
    truth = load_truth(small_bundle)
    assert {c["kind"] for c in truth["confounders"]} == CONFOUNDER_KINDS


def test_lines_localise_later_in_the_period(small_bundle: Path) -> None:
    truth = load_truth(small_bundle)
    local = {g["ocg_id"] for g in truth["ocgs"] if g["local"]}
    starts = {True: [], False: []}
    for line in truth["lines"]:
        starts[line["ocg_id"] in local].append(line["numbers"][0]["from"])
    assert starts[True] and starts[False]
    assert min(starts[True]) > min(starts[False])


def test_ordinary_life_has_day_and_night(small_bundle: Path, con) -> None:
    by_hour = dict(
        con.execute(f"""
        select hour(timezone('Europe/London', cast(start_time as timestamptz))), count(*)
        from {comms(small_bundle)} group by 1""").fetchall()
    )
    assert by_hour[4] < 0.1 * by_hour[19]
    (busiest,) = con.execute(f"""
        select quantile_cont(reach, 0.5) from (
            select a_number, cast(start_time as date), count(distinct b_number) as reach
            from {comms(small_bundle)} group by all)""").fetchone()
    assert busiest <= 4  # a typical person contacts a handful of people a day


def test_truth_refers_to_rows_that_exist(small_bundle: Path, con) -> None:
    truth = load_truth(small_bundle)
    people = {
        r[0]
        for r in con.execute(f"select person_id from {table(small_bundle, 'people')}").fetchall()
    }
    addresses = {
        r[0]
        for r in con.execute(
            f"select address_id from {table(small_bundle, 'addresses')}"
        ).fetchall()
    }
    referenced = (
        {r["person_id"] for r in truth["runners"]}
        | {p["person_id"] for p in truth["exploited_people"]}
        | {p for g in truth["ocgs"] for p in g["member_person_ids"]}
        | {h["resident_person_id"] for h in truth["cuckooed_addresses"]}
    )
    assert referenced <= people
    assert {h["address_id"] for h in truth["cuckooed_addresses"]} <= addresses
    seen = {
        r[0] for r in con.execute(f"select distinct a_number from {comms(small_bundle)}").fetchall()
    }
    deal_numbers = {n["number"] for line in truth["lines"] for n in line["numbers"]}
    assert deal_numbers <= seen
    (unknown_cells,) = con.execute(f"""
        select count(*) from (select distinct a_cell from {comms(small_bundle)}
                              where a_cell is not null)
        where a_cell not in (select cell_id from {table(small_bundle, "cells")})
          and a_cell like '234-%'""").fetchone()
    assert unknown_cells == 0  # only a roaming phone's foreign cells are not in cells.csv


def test_intelligence_is_graded_3x5x2(small_bundle: Path, con) -> None:
    rows = con.execute(f"""select source_evaluation, intelligence_assessment, handling_code,
                           handling_conditions, text from {table(small_bundle, "intelligence")}
                        """).fetchall()
    assert rows
    for source, assessment, handling, conditions, _ in rows:
        assert source in {"1", "2", "3"} and assessment in set("ABCDE")
        assert handling in {"P", "C"} and (handling == "P") == (conditions is None)
    brands = {line["name"] for line in load_truth(small_bundle)["lines"]}
    assert all(any(f"'{brand}'" in text for *_, text in rows) for brand in brands)
