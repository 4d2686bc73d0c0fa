"""How well two partitions of the same things agree: the adjusted Rand index.

Groups found in the network are judged against the truth's crime groups as partitions of
the lines, whatever the groups are called. The adjusted Rand index (Hubert and Arabie,
1985) counts the pairs of things that both partitions put together, corrected for the pairs
chance would put together: 1 for the same partition, about 0 for one unrelated to it, below
0 for worse than chance. Written here rather than taken from scikit-learn, which Stronghold
does not otherwise need; it gives the same values (with scikit-learn's convention of 1 for
two identical partitions that are all one group or all singletons, where the formula is
0/0).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from math import comb

__all__ = ["adjusted_rand_index"]


def adjusted_rand_index(truth: Sequence[Hashable], found: Sequence[Hashable]) -> float:
    """The adjusted Rand index of two labellings of the same things (`truth[i]` and
    `found[i]` label thing i)."""
    if len(truth) != len(found):
        raise ValueError("the two labellings must label the same things")
    pairs = comb(len(truth), 2)
    together = sum(comb(n, 2) for n in Counter(zip(truth, found, strict=True)).values())
    in_truth = sum(comb(n, 2) for n in Counter(truth).values())
    in_found = sum(comb(n, 2) for n in Counter(found).values())
    expected = in_truth * in_found / pairs if pairs else 0.0
    most = (in_truth + in_found) / 2
    if most == expected:  # both all one group, or both all singletons: the same partition
        return 1.0
    return (together - expected) / (most - expected)
