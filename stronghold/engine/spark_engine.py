"""The Spark backend: local mode here, a cluster's master URL in production. Queries arrive
in DuckDB's dialect and are transpiled by sqlglot; times are kept in UTC."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import sqlglot

from stronghold.engine.base import Engine, EngineError

__all__ = ["SparkEngine"]


class SparkEngine(Engine):
    name = "spark"

    def __init__(self, master: str = "local[*]") -> None:
        try:
            from pyspark.sql import SparkSession
        except ImportError as error:  # pragma: no cover - depends on the installation
            raise EngineError(
                "Spark is not installed: pip install 'stronghold[spark]' (and a Java runtime)"
            ) from error
        self.spark: Any = (
            SparkSession.builder.master(master)
            .appName("stronghold")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.memory", "4g")  # local mode: the driver does the work
            .config("spark.sql.shuffle.partitions", "8")
            .config("spark.sql.ansi.enabled", "true")  # overflow raises, as DuckDB's does
            .getOrCreate()
        )
        self._cached: dict[str, Any] = {}

    def translate(self, sql: str) -> str:
        return sqlglot.transpile(sql, read="duckdb", write="spark")[0]

    def register_parquet(self, view: str, paths: Sequence[Path]) -> None:
        from pyspark.sql.functions import input_file_name

        frame = self.spark.read.option("mergeSchema", "true").parquet(*(str(p) for p in paths))
        frame.withColumn("filename", input_file_name()).createOrReplaceTempView(view)

    def register_arrow(self, name: str, table: pa.Table) -> None:
        self.spark.createDataFrame(table).createOrReplaceTempView(name)

    def run(self, sql: str) -> None:
        self.spark.sql(self.translate(sql)).collect()

    def materialise(self, name: str, sql: str) -> None:
        if name in self._cached:
            self._cached.pop(name).unpersist()
        # worked out now, once, and cut from the steps before it: a cached frame keeps its
        # whole plan, and the plans of a long pipeline grow until printing them fills the heap
        frame = self.spark.sql(self.translate(sql)).localCheckpoint(eager=True)
        frame.createOrReplaceTempView(name)
        self._cached[name] = frame

    def view(self, name: str, sql: str) -> None:
        self.spark.sql(self.translate(sql)).createOrReplaceTempView(name)

    def arrow(self, sql: str) -> pa.Table:
        table: pa.Table = self.spark.sql(self.translate(sql)).toArrow()
        return table

    def close(self) -> None:
        for frame in self._cached.values():
            frame.unpersist()
        self._cached.clear()
