"""An analysis as a queue of named SQL steps, each reading the ones before it by name. The
same queue runs on any engine; each step is kept so its figures can be shown as evidence."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import pyarrow as pa

from stronghold.engine.base import Engine

__all__ = ["Pipeline", "Step"]


@dataclass(frozen=True)
class Step:
    """One step: `sql` (DuckDB's dialect) becomes the relation `name`. A step that later
    steps read several times is `kept` (worked out once); others are views."""

    name: str
    sql: str
    kept: bool = True


@dataclass
class Pipeline:
    steps: list[Step]
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step, last run

    def run(self, engine: Engine) -> None:
        """Work out every step in order on `engine`."""
        for step in self.steps:
            began = time.perf_counter()
            (engine.materialise if step.kept else engine.view)(step.name, step.sql)
            self.timings[step.name] = time.perf_counter() - began

    def result(self, engine: Engine, order_by: str | None = None) -> pa.Table:
        """Run the pipeline and give its last step's rows (ordered, for comparison)."""
        self.run(engine)
        last = self.steps[-1].name
        order = f" order by {order_by}" if order_by else ""
        return engine.arrow(f"select * from {last}{order}")
