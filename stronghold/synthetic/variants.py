"""Worlds that vary: every setting of a world drawn from a documented range (domain
randomisation), and named variants that stress what one world hides.

`baseline` is the world as it always was: one setting, kept so that the demo's headline and
the tests that pin its counts stay put. Every other variant draws each knob from its range
with the seed's own stream, then fixes the knobs it is about; `randomised` fixes none.
docs/synthetic-world.md gives each range and why.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any

import numpy as np

from stronghold.synthetic.seeding import stream

__all__ = ["RANGES", "VARIANTS", "WorldDraw", "draw_world"]


@dataclass(frozen=True)
class WorldDraw:
    """The knobs of one world. Defaults are the baseline world."""

    variant: str = "baseline"
    # command: who directs a line, and how they talk
    holder_is_leader: float = 1.0  # share of lines held by one of the group's leaders
    leader_talks_to: str = "holders"  # holders | controllers | go_between
    holder_phones: int = 1  # a holder with 2 keeps a second phone for the line's business
    holder_calls_runners: float = 0.0  # share of the holder's management calls made to runners
    shared_controller: bool = False  # one controller works for two lines of different groups
    # markets and hubs
    groups_per_hub: int = 0  # 0: the scale's own spread; n: n hub groups in the first hub
    rival_share: float = 0.125  # share of a line's customers who also buy from another line
    # a runner's stint in the county town, days; (1, 1) keeps the baseline rota of 2-5 days
    runner_stay_days: tuple[int, int] = (1, 1)
    # people and records
    data_sessions_per_day: float = 0.0  # ordinary users' data sessions per day (mean)
    number_churn: float = 0.0  # share of ordinary people who change number in the period
    cell_density: float = 1.0  # cells per town, against the scale's own
    named_number_share: float = 1.0  # share of nominal records that list their numbers
    # the scale's own settings, randomised (crime_groups.py reads them)
    customers_factor: float = 1.0  # customers per line: the scale's median times this
    broadcasts_per_day: tuple[float, float] = (1.0, 5.0)  # span of a line's own daily rate
    travelling_runners: tuple[int, int] = (2, 4)  # travelling runners per line, inclusive
    local_runner_chance: float = 0.5  # chance a line also sells through a local adult

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# knob -> (low, high): uniform draws (integers for int knobs), or a tuple of choices
RANGES: dict[str, tuple[Any, ...]] = {
    "holder_is_leader": (0.3, 1.0),
    "leader_talks_to": ("holders", "controllers", "go_between"),
    "holder_phones": (1, 2),
    "holder_calls_runners": (0.0, 0.3),
    "shared_controller": (False, True),
    "rival_share": (0.0, 0.3),
    "runner_stay_days": ((1, 1), (3, 10), (7, 21)),  # the baseline rota, a week, weeks
    "data_sessions_per_day": (0.0, 12.0),
    "number_churn": (0.0, 0.1),
    "cell_density": (0.5, 1.0),
    "named_number_share": (0.6, 1.0),
    "customers_factor": (0.6, 1.6),
    "broadcasts_per_day": ((1.0, 5.0), (0.5, 2.0), (2.0, 8.0)),
    "travelling_runners": ((2, 4), (2, 5), (3, 5)),
    "local_runner_chance": (0.2, 0.8),
}
CHOICES = (
    "leader_talks_to",
    "shared_controller",
    "runner_stay_days",
    "broadcasts_per_day",
    "travelling_runners",
)

# variant -> the knobs it fixes (after the draw)
VARIANTS: dict[str, dict[str, Any]] = {
    "baseline": {},
    "randomised": {},
    "two-phone-holders": {"holder_phones": 2},
    "holders-call-runners": {"holder_calls_runners": 0.5},
    "leaders-above-holders": {"holder_is_leader": 0.0, "leader_talks_to": "holders"},
    "leaders-to-controllers": {"holder_is_leader": 0.0, "leader_talks_to": "controllers"},
    "leaders-via-go-between": {"holder_is_leader": 0.0, "leader_talks_to": "go_between"},
    "shared-controllers": {"shared_controller": True},
    "rival-lines": {"rival_share": 0.4},
    "one-hub-many-groups": {"groups_per_hub": 3},
    "runners-stay-weeks": {"runner_stay_days": (7, 21)},
    "data-heavy": {"data_sessions_per_day": 40.0},
    "number-churn": {"number_churn": 0.3},
    "sparse-cells": {"cell_density": 0.3},
    "few-named-numbers": {"named_number_share": 0.3},
}


def draw_world(seed: int, variant: str = "baseline") -> WorldDraw:
    """The knobs of `variant`'s world for `seed`."""
    if variant not in VARIANTS:
        raise ValueError(f"no variant {variant!r}: choose one of {', '.join(VARIANTS)}")
    if variant == "baseline":
        return WorldDraw()
    rng = stream(seed, "variant draw")
    drawn: dict[str, Any] = {}
    for knob in fields(WorldDraw):
        if knob.name in RANGES:
            drawn[knob.name] = _draw(rng, knob.name, RANGES[knob.name])
    return replace(WorldDraw(), variant=variant, **{**drawn, **VARIANTS[variant]})


def _draw(rng: np.random.Generator, name: str, span: tuple[Any, ...]) -> Any:
    if name in CHOICES:
        return span[int(rng.integers(len(span)))]
    low, high = span
    if isinstance(low, int) and not isinstance(low, bool):
        return int(rng.integers(low, high + 1))
    return round(float(rng.uniform(low, high)), 3)
