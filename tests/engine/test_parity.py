"""The engines agree: the same pipeline over the same workspace gives the same rows on
DuckDB and on a local Spark, including the event views over the Parquet parts."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from stronghold.engine import Engine, Pipeline, Step, open_engine
from stronghold.engine.base import EngineError
from stronghold.workspace import Workspace
from tests.analytics import registered, rows

CONTACTS = Pipeline(
    [
        Step(
            "texts",
            "select a_number, b_number, cast(start_time as date) as day from comms "
            "where kind = 'sms' and a_number_kind = 'e164'",
        ),
        Step(
            "daily",
            "select a_number, day, count(distinct b_number) as contacts, count(*) as texts "
            "from texts group by a_number, day",
        ),
        Step(
            "busiest",
            "select a_number, max(contacts) as most_contacts, sum(texts) as texts, "
            "count(*) as days from daily group by a_number having max(contacts) >= 10",
        ),
    ]
)


@pytest.fixture(scope="module")
def workspace(tiny_workspace: Path) -> Workspace:
    return Workspace.open(tiny_workspace)


@pytest.fixture(scope="module")
def spark(spark_engine: Engine, workspace: Workspace) -> Engine:
    return registered(spark_engine, workspace.root)


def test_an_unknown_engine_is_a_clear_error() -> None:
    with pytest.raises(EngineError, match="choose one of duckdb, spark"):
        open_engine("polars")


def test_the_pipeline_finds_broadcasters_on_duckdb(workspace: Workspace) -> None:
    with open_engine("duckdb") as engine:
        result = CONTACTS.result(registered(engine, workspace.root))
    assert result.num_rows > 0
    assert min(result.column("most_contacts").to_pylist()) >= 10


@pytest.mark.slow
def test_spark_and_duckdb_give_the_same_pipeline_rows(workspace: Workspace, spark: Engine) -> None:
    with open_engine("duckdb") as duck:
        expected = rows(CONTACTS.result(registered(duck, workspace.root)))
    assert rows(CONTACTS.result(spark)) == expected


@pytest.mark.slow
@pytest.mark.parametrize("view", ["comms", "anpr", "cells"])
def test_spark_reads_the_event_views_as_duckdb_does(
    workspace: Workspace, spark: Engine, view: str
) -> None:
    """Parts are Parquet 2 with sparse flags: Spark must read them and fill them alike."""
    with open_engine("duckdb") as duck:
        registered(duck, workspace.root)
        columns = duck.arrow(f"select * from {view} limit 0").column_names
        query = f"select {', '.join(columns)}, count(*) as n from {view} group by all"
        expected = rows(duck.arrow(query))
    assert rows(spark.arrow(query)) == expected


def test_records_registered_from_arrow_read_alike(spark_engine: Engine) -> None:
    table = pa.table(
        {
            "address_id": pa.array(["A1", "A2", None]),
            "latitude": pa.array([51.75, None, 52.06]),
            "flags": pa.array([3, 1, 0], pa.int64()),
        }
    )
    with open_engine("duckdb") as duck:
        duck.register_arrow("records", table)
        expected = rows(duck.arrow("select * from records where flags > 0"))
    spark_engine.register_arrow("records", table)
    assert rows(spark_engine.arrow("select * from records where flags > 0")) == expected
    assert len(expected) == 2
