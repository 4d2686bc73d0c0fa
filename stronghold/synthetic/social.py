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

    def circle(self, person: int) -> np.ndarray:
        return self.target[self.offsets[person] : self.offsets[person + 1]]


def build_contacts(rng: np.random.Generator, population: Population) -> Contacts:
    """Directed, weighted contact lists for everyone."""
    n = len(population)
    size = np.clip(np.round(rng.lognormal(np.log(8), 0.75, size=n)), 2, 200).astype(np.int64)
    size = np.where(population.age < 18, np.maximum(size, 5), size)
    offsets = np.r_[0, np.cumsum(size)]
    total = int(offsets[-1])
    owner = np.repeat(np.arange(n), size)
    rank = np.arange(total) - offsets[owner]

    first = population.town_start[population.town[owner]]
    last = population.town_start[population.town[owner] + 1] - 1
    kind = rng.random(total)
    neighbour = owner + np.round(rng.laplace(0.0, 60.0, size=total)).astype(np.int64)
    townsfolk = first + (rng.random(total) * (last - first + 1)).astype(np.int64)
    anyone = rng.integers(0, n, size=total)
    target = np.where(kind < 0.62, neighbour, np.where(kind < 0.92, townsfolk, anyone))
    target = np.clip(target, np.where(kind < 0.92, first, 0), np.where(kind < 0.92, last, n - 1))

    # The household comes first: the strongest ties.
    home = population.address
    household_start = np.r_[0, np.flatnonzero(home[1:] != home[:-1]) + 1]
    household_of = np.repeat(np.arange(len(household_start)), np.diff(np.r_[household_start, n]))
    start = household_start[household_of[owner]]
    members = np.diff(np.r_[household_start, n])[household_of[owner]]
    mate = start + rank
    use_mate = rank < members
    target = np.where(use_mate, mate, target)
    target = np.where(target == owner, np.where(owner + 1 < n, owner + 1, owner - 1), target)

    weight = 1.0 / (rank + 1.0) ** 1.1
    cumulative = np.cumsum(weight)
    before = np.r_[0.0, cumulative][offsets[:-1]][owner]
    totals = (np.r_[0.0, cumulative][offsets[1:]] - np.r_[0.0, cumulative][offsets[:-1]])[owner]
    share = (cumulative - before) / totals
    key = owner + np.minimum(share, 1.0)
    return Contacts(offsets=offsets, target=target.astype(np.int32), key=key)
