"""The synthetic county-lines world: a bundle that behaves like real data and knows its truth."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from stronghold.synthetic.bundle import Progress, write_bundle
from stronghold.synthetic.scales import SCALES
from stronghold.synthetic.world import DEFAULT_START, build_world
from stronghold.synthetic.writer import FORMATS, Format

__all__ = ["DEFAULT_START", "FORMATS", "SCALES", "synthesise"]


def synthesise(
    folder: Path,
    seed: int = 1,
    scale: str = "small",
    days: int | None = None,
    fmt: Format = "csv",
    start: date = DEFAULT_START,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Write the synthetic case bundle for `seed` at `scale` to `folder`; rows per table."""
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}")
    if days is not None and days < 1:
        raise ValueError("days must be at least 1")
    world = build_world(seed, scale, days, start)
    return write_bundle(world, folder, fmt, progress)
