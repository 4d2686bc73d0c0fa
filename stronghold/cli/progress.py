"""A Rich progress bar for synthesising: days done and events written per second."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

__all__ = ["synthesis_progress"]

ProgressCallback = Callable[[int, int], None]  # (days done, events written)


@contextmanager
def synthesis_progress(console: Console, days: int) -> Iterator[ProgressCallback]:
    """A callback for `synthesise(progress=...)` that drives a progress bar."""
    columns = (
        TextColumn("synthesising", style="bold", markup=False),
        BarColumn(),
        TextColumn("day {task.completed:.0f}/{task.total:.0f}"),
        TextColumn("{task.fields[events]:,} events ({task.fields[rate]:,.0f}/s)"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=False) as bar:
        task = bar.add_task("synth", total=days, events=0, rate=0.0)

        def update(done: int, events: int) -> None:
            elapsed = bar.tasks[task].elapsed or 1e-9
            bar.update(task, completed=done, events=events, rate=events / elapsed)

        yield update
