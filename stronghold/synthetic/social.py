"""Social circles: who an ordinary person contacts, and how often.

Circles are mostly local: household first, then neighbours (people are stored street by
street, so nearby indices are nearby homes), then the rest of the town, and a few people
elsewhere. Circle sizes are heavy-tailed and a few close ties carry most of the traffic
(Zipf weights), as in studies of mobile-phone networks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from stronghold.synthetic.people import Population

__all__ = ["Contacts", "build_contacts"]


@dataclass
class Contacts:
    """Each person's contacts (CSR arrays) with cumulative tie strengths for sampling."""

    offsets: np.ndarray  # person i's contacts are target[offsets[i]:offsets[i + 1]]
    target: np.ndarray
    key: np.ndarray  # owner index + cumulative share of the owner's traffic, in (owner, owner+1]

    def pick(self, rng: np.random.Generator, people: np.ndarray) -> np.ndarray:
        """One contact for each entry of `people`, in proportion to tie strength."""
        draw = people + rng.random(len(people)) * 0.999999
        position = np.searchsorted(self.key, draw, side="right")
        return self.target[np.minimum(position, len(self.target) - 1)]


CHUNK = 50_000  # people per block while building, to keep the peak memory small


def build_contacts(rng: np.random.Generator, population: Population) -> Contacts:
    """Directed, weighted contact lists for everyone."""
    n = len(population)
    size = np.clip(np.round(rng.lognormal(np.log(8), 0.75, size=n)), 2, 200).astype(np.int64)
    size = np.where(population.age < 18, np.maximum(size, 5), size)
    offsets = np.r_[0, np.cumsum(size)]
    target = np.empty(int(offsets[-1]), dtype=np.int32)
    key = np.empty(int(offsets[-1]), dtype=np.float64)
    home = population.address
    household_start = np.r_[0, np.flatnonzero(home[1:] != home[:-1]) + 1]
    household_size = np.diff(np.r_[household_start, n])
    household_of = np.repeat(np.arange(len(household_start)), household_size)
    for low in range(0, n, CHUNK):
        high = min(n, low + CHUNK)
        span = slice(int(offsets[low]), int(offsets[high]))
        owner = np.repeat(np.arange(low, high), size[low:high])
        rank = np.arange(span.start, span.stop) - offsets[owner]
        target[span] = _circle_members(
            rng, population, owner, rank, household_start, household_size, household_of
        )
        # Zipf tie strengths: the first (household) ties carry most of the traffic.
        weight = 1.0 / (rank + 1.0) ** 1.1
        cumulative = np.cumsum(weight)
        first_of = offsets[owner] - span.start
        before = np.r_[0.0, cumulative][first_of]
        totals = np.r_[0.0, cumulative][offsets[owner + 1] - span.start] - before
        key[span] = owner + np.minimum((cumulative - before) / totals, 1.0)
    return Contacts(offsets=offsets, target=target, key=key)


def _circle_members(
    rng: np.random.Generator,
    population: Population,
    owner: np.ndarray,
    rank: np.ndarray,
    household_start: np.ndarray,
    household_size: np.ndarray,
    household_of: np.ndarray,
) -> np.ndarray:
    """Who fills each slot of each owner's circle: household, neighbours, town, anyone."""
    n = len(population)
    town = population.town[owner]
    first = population.town_start[town]
    last = population.town_start[town + 1] - 1
    kind = rng.random(len(owner))
    local = kind < 0.92
    neighbour = owner + np.round(rng.laplace(0.0, 60.0, size=len(owner))).astype(np.int64)
    townsfolk = first + (rng.random(len(owner)) * (last - first + 1)).astype(np.int64)
    anyone = rng.integers(0, n, size=len(owner))
    target = np.where(kind < 0.62, neighbour, np.where(local, townsfolk, anyone))
    target = np.clip(target, np.where(local, first, 0), np.where(local, last, n - 1))
    household = household_of[owner]
    target = np.where(rank < household_size[household], household_start[household] + rank, target)
    return np.where(target == owner, np.where(owner + 1 < n, owner + 1, owner - 1), target)
