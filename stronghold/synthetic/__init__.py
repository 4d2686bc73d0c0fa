"""The synthetic county-lines world: a bundle that behaves like real data and knows its truth."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from stronghold.synthetic.scales import DEFAULT_START, SCALES
from stronghold.synthetic.variants import VARIANTS
from stronghold.synthetic.writer import FORMATS, Format

__all__ = ["DEFAULT_START", "FORMATS", "SCALES", "VARIANTS", "synthesise"]


def synthesise(
    folder: Path,
    seed: int = 1,
    scale: str = "small",
    days: int | None = None,
    fmt: Format = "csv",
    start: date = DEFAULT_START,
    progress: Callable[[int, int], None] | None = None,
    variant: str = "baseline",
) -> dict[str, int]:
    """Write the synthetic case bundle for `seed` at `scale` (and `variant`, see
    variants.py) to `folder`; rows per table."""
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}")
    if days is not None and days < 1:
        raise ValueError("days must be at least 1")
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; choose one of {', '.join(VARIANTS)}")
    from stronghold.synthetic.bundle import write_bundle  # the generator is heavy: load it
    from stronghold.synthetic.world import build_world  # only when a world is wanted

    world = build_world(seed, scale, days, start, variant)
    return write_bundle(world, folder, fmt, progress)
