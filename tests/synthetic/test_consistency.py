"""The files never contradict each other or the truth: what a defence expert would check."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import duckdb
import pytest

from tests.conftest import load_truth
from tests.synthetic.test_world_statistics import comms, table


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    return duckdb.connect()


def test_no_car_is_in_two_places_at_once(small_bundle: Path, con) -> None:
    reads = f"""(select vrm, camera_id, cast(read_time as timestamptz) as t,
                        cast(latitude as double) as lat, cast(longitude as double) as lon
                 from {table(small_bundle, "anpr")})"""
    (twice,) = con.execute(f"""
        select count(*) from (select t - lag(t) over (partition by vrm, camera_id order by t)
                              as gap from {reads}) where gap < interval 10 minutes""").fetchone()
    assert twice == 0
    (too_fast,) = con.execute(f"""
        with r as (select *, lag(t) over w as pt, lag(lat) over w as plat,
                          lag(lon) over w as plon
                   from {reads} window w as (partition by vrm order by t))
        select count(*) from r where pt is not null and epoch(t - pt) > 0
          and 111 * sqrt(power(lat - plat, 2) + power((lon - plon) * 0.62, 2))
              / (epoch(t - pt) / 3600.0) > 160""").fetchone()
    assert too_fast == 0


def test_missing_episodes_end_after_they_start(small_bundle: Path, con) -> None:
    (backwards,) = con.execute(f"""
        select count(*) from {table(small_bundle, "missing_episodes")}
        where cast(returned_at as timestamptz) <= cast(missing_from as timestamptz)""").fetchone()
    assert backwards == 0


def test_lines_are_silent_before_they_open_and_after_a_seizure(small_bundle: Path, con) -> None:
    truth = load_truth(small_bundle)
    for line in truth["lines"]:
        first = line["numbers"][0]
        (early,) = con.execute(
            f"""
            select count(*) from {comms(small_bundle)} where (a_number = ? or b_number = ?)
              and cast(start_time as timestamptz) < cast(? as timestamptz)""",
            [first["number"], first["number"], first["from"]],
        ).fetchone()
        assert early == 0, line["line_id"]
    stops = {
        row[0]
        for row in con.execute(
            f"select person_id from {table(small_bundle, 'stop_search')}"
        ).fetchall()
    }
    holders = {line["line_id"]: line["holder_person_ids"][0] for line in truth["lines"]}
    seizures = [h for h in truth["handovers"] if h["reason"] == "seizure"]
    assert seizures
    for handover in seizures:
        assert not handover["same_handset"]  # the seized handset stays with the police
        assert holders[handover["line_id"]] in stops


def test_cuckooing_starts_when_the_line_opens(small_bundle: Path) -> None:
    truth = load_truth(small_bundle)
    opened = {line["line_id"]: line["numbers"][0]["from"] for line in truth["lines"]}
    for home in truth["cuckooed_addresses"]:
        assert home["from"] >= opened[home["line_id"]]
        assert home["to"] > home["from"]


def test_dates_of_birth_give_the_true_ages(small_bundle: Path, con) -> None:
    truth = load_truth(small_bundle)
    start = date.fromisoformat(truth["world"]["start"])
    born = dict(
        con.execute(
            f"select person_id, date_of_birth from {table(small_bundle, 'people')}"
        ).fetchall()
    )
    for runner in truth["runners"]:
        birth = date.fromisoformat(born[runner["person_id"]])
        age = start.year - birth.year - ((start.month, start.day) < (birth.month, birth.day))
        assert age == runner["age"], runner["person_id"]


def test_street_names_agree_between_records_and_intelligence(small_bundle: Path, con) -> None:
    aliases = dict(
        con.execute(f"""select person_id, aliases from {table(small_bundle, "people")}
                                  where aliases is not null""").fetchall()
    )
    quoted = con.execute(f"""select subjects, text from {table(small_bundle, "intelligence")}
                             where text like '%(known as %'""").fetchall()
    assert aliases and quoted
    for subjects, text in quoted:
        alias = re.search(r"\(known as '([^']+)'", text).group(1)  # type: ignore[union-attr]
        assert aliases.get(subjects) == alias, text
