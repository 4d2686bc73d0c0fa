"""The map's distance, declared once: the same in Python and in SQL, and never built from
input."""

from __future__ import annotations

import math

import duckdb
import pytest

from stronghold.distance import km_apart, sql_km_apart, sql_within_box


def test_a_degree_of_latitude_is_111_km_and_longitude_shrinks_with_it() -> None:
    assert km_apart(52.0, -1.0, 51.0, -1.0) == pytest.approx(111.32)
    assert km_apart(60.0, 1.0, 60.0, 0.0) == pytest.approx(111.32 / 2, rel=1e-3)


def test_sql_gives_what_python_gives() -> None:
    sql = (
        "select " + sql_km_apart("a", "b") + " from (select 51.75 as latitude, -1.25 as "
        "longitude) a, (select 51.80 as latitude, -1.20 as longitude) b"
    )
    ((km,),) = duckdb.connect().execute(sql).fetchall()
    assert km == pytest.approx(km_apart(51.75, -1.25, 51.80, -1.20))


def test_only_table_aliases_go_into_the_sql() -> None:
    with pytest.raises(ValueError):
        sql_km_apart("a; drop table people", "b")


def test_the_box_never_cuts_the_distance_short() -> None:
    # points 3.9 km north and 3.9 km east of a mast with a 4 km radius are inside its box
    # (a box of fixed degrees once cut cells of more than 3.3 km short)
    north = 51.75 + 3.9 / 111.32
    east = -1.25 + 3.9 / (111.32 * math.cos(math.radians(51.75)))
    sql = (
        f"select count(*) from (select 51.75 as latitude, -1.25 as longitude) m, "
        f"(select {north} as latitude, -1.25 as longitude union all "
        f"select 51.75, {east}) a where {sql_within_box('m', 'a', 4.0)} "
        f"and {sql_km_apart('a', 'm')} <= 4.0"
    )
    ((inside,),) = duckdb.connect().execute(sql).fetchall()
    assert inside == 2
