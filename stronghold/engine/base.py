"""One small interface over the engines. Queries are written in DuckDB's dialect; a backend
that speaks another translates them (`Engine.translate`). Backends are imported only when
opened, so Spark costs nothing unless asked for."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyarrow as pa

from stronghold.errors import StrongholdError

__all__ = ["ENGINES", "Engine", "EngineError", "open_engine"]

ENGINES = ("duckdb", "spark")


class EngineError(StrongholdError, RuntimeError):
    """An engine that cannot be opened or a query it refuses, said plainly."""


class Engine(ABC):
    """Named relations (views over Parquet, materialised steps) and queries over them."""

    name: str

    @abstractmethod
    def register_parquet(self, view: str, paths: Sequence[Path]) -> None:
        """`view` over the Parquet files `paths` (columns united by name, missing ones NULL),
        with each row's file as the column `filename`."""

    @abstractmethod
    def register_arrow(self, name: str, table: pa.Table) -> None:
        """`name` holding the rows of `table` (records from the database: people,
        addresses, incidents ...)."""

    def register_values(self, name: str, values: Iterable[str], column: str = "number") -> None:
        """`name` holding one text `column` of `values`, sorted (a list of numbers a query
        joins against)."""
        self.register_arrow(name, pa.table({column: pa.array(sorted(values), pa.string())}))

    @abstractmethod
    def run(self, sql: str) -> None:
        """Run a statement that returns nothing (DuckDB's dialect)."""

    @abstractmethod
    def materialise(self, name: str, sql: str) -> None:
        """Work out `sql` once and keep it as the relation `name` for later queries."""

    @abstractmethod
    def view(self, name: str, sql: str) -> None:
        """`name` as a view of `sql`: worked out each time it is read."""

    @abstractmethod
    def arrow(self, sql: str) -> pa.Table:
        """The rows of a query, as an Arrow table."""

    @abstractmethod
    def close(self) -> None: ...

    def translate(self, sql: str) -> str:
        """The query in this engine's dialect (DuckDB's own: unchanged)."""
        return sql

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def open_engine(
    name: str = "duckdb", master: str | None = None, threads: int | None = None
) -> Engine:
    """An engine by name: `duckdb` (in process) or `spark` (local mode by default, or the
    cluster at `master`, e.g. spark://host:7077)."""
    if name == "duckdb":
        from stronghold.engine.duckdb_engine import DuckDBEngine

        return DuckDBEngine(threads=threads)
    if name == "spark":
        from stronghold.engine.spark_engine import SparkEngine

        return SparkEngine(master=master or f"local[{threads or '*'}]")
    raise EngineError(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")
