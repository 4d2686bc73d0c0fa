"""Deterministic random streams: one per named part of the world, all derived from one seed.

Streams are keyed by stable labels (CRC-32 of the text, never Python's salted `hash`), so the
same seed gives the same world whatever order the parts are built in.
"""

from __future__ import annotations

import zlib

import numpy as np

__all__ = ["stream"]


def stream(seed: int, *labels: str | int) -> np.random.Generator:
    """A NumPy generator for the part of the world named by `labels` under `seed`."""
    keys = [int(seed) & 0xFFFFFFFF]
    for label in labels:
        keys.append(label & 0xFFFFFFFF if isinstance(label, int) else zlib.crc32(label.encode()))
    return np.random.default_rng(np.random.SeedSequence(keys))
