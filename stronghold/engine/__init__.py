"""The analytics engine: SQL pipelines written once in DuckDB's dialect, run on DuckDB (the
default) or on Apache Spark (sqlglot transpiles), behind one small interface."""

from stronghold.engine.base import Engine, open_engine
from stronghold.engine.pipeline import Pipeline, Step

__all__ = ["Engine", "Pipeline", "Step", "open_engine"]
