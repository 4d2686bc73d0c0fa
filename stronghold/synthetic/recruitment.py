"""Choosing who plays which part: every person has at most one criminal or business role."""

from __future__ import annotations

import numpy as np

from stronghold.synthetic.addresses import Addresses
from stronghold.synthetic.people import Population

__all__ = ["Recruiter"]


class Recruiter:
    """Picks people by town, age, sex and flags, never the same person twice."""

    def __init__(
        self, rng: np.random.Generator, population: Population, addresses: Addresses
    ) -> None:
        self.rng = rng
        self.population = population
        self.addresses = addresses
        self.taken = np.zeros(len(population), dtype=bool)
        home = population.address
        sizes = np.bincount(home, minlength=len(addresses))
        self.household_size = sizes[home]

    def pick(
        self,
        town: int | None,
        count: int,
        *,
        ages: tuple[int, int] = (18, 90),
        male: float | None = None,
        flags: int = 0,
        weights: np.ndarray | None = None,
        among: np.ndarray | None = None,
        mark: bool = True,
        rng: np.random.Generator | None = None,
    ) -> np.ndarray:
        """Up to `count` people matching the filters; `male` is the share of men wanted.

        With `flags`, people having any of those flags are strongly preferred (not required).
        `rng`: a stream of the caller's own instead of the recruiter's, so that a part of the
        world recruited only in some worlds (variants.py) leaves everyone else's draws alone.
        """
        p = self.population
        candidates = p.in_town(town) if town is not None else np.arange(len(p))
        if among is not None:
            candidates = np.intersect1d(candidates, among)
        keep = (
            ~self.taken[candidates]
            & (p.age[candidates] >= ages[0])
            & (p.age[candidates] <= ages[1])
        )
        candidates = candidates[keep]
        if len(candidates) == 0 or count <= 0:
            return np.zeros(0, dtype=np.int64)
        weight = np.ones(len(candidates)) if weights is None else weights[candidates].astype(float)
        if flags:
            weight = weight * np.where(p.flags[candidates] & flags, 40.0, 1.0)
        if male is not None:
            weight = weight * np.where(p.male[candidates], male, 1.0 - male)
        if weight.sum() <= 0:
            return np.zeros(0, dtype=np.int64)
        count = min(count, int((weight > 0).sum()))
        chosen = (rng if rng is not None else self.rng).choice(
            candidates, size=count, replace=False, p=weight / weight.sum()
        )
        if mark:
            self.taken[chosen] = True
        return np.sort(chosen)

    def one(self, town: int | None, **filters: object) -> int:
        """One person matching the filters (raises if nobody does)."""
        chosen = self.pick(town, 1, **filters)  # type: ignore[arg-type]
        if len(chosen) == 0:
            raise ValueError(f"nobody in town {town} matches {filters}")
        return int(chosen[0])
