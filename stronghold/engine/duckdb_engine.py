"""The DuckDB backend: in process, the default."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb
import pyarrow as pa

from stronghold.engine.base import Engine
from stronghold.sql_text import text

__all__ = ["DuckDBEngine"]


class DuckDBEngine(Engine):
    name = "duckdb"

    def __init__(self, threads: int | None = None) -> None:
        self.con = duckdb.connect()
        self.con.execute("set TimeZone = 'UTC'")  # days and hours alike on any machine
        if threads:
            self.con.execute(f"set threads = {int(threads)}")

    def register_parquet(self, view: str, paths: Sequence[Path]) -> None:
        listed = ", ".join(text(str(p)) for p in paths)
        self.con.execute(
            f"create or replace temp view {view} as select * from "
            f"read_parquet([{listed}], union_by_name = true, filename = true)"
        )

    def register_arrow(self, name: str, table: pa.Table) -> None:
        self.con.register(f"{name}_arrow", table)
        self.con.execute(f"create or replace temp table {name} as select * from {name}_arrow")
        self.con.unregister(f"{name}_arrow")

    def run(self, sql: str) -> None:
        self.con.execute(sql)

    def materialise(self, name: str, sql: str) -> None:
        self.con.execute(f"create or replace temp table {name} as {sql}")

    def view(self, name: str, sql: str) -> None:
        self.con.execute(f"create or replace temp view {name} as {sql}")

    def arrow(self, sql: str) -> pa.Table:
        return self.con.sql(sql).to_arrow_table()

    def close(self) -> None:
        self.con.close()
