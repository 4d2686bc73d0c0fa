"""Runners' trips into the county, against the generator's own shifts."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from stronghold.synthetic.world import build_world
from stronghold.workspace import Workspace
from tests.conftest import load_truth


def shifts_per_runner_phone(seed: int) -> Counter[str]:
    """How many shifts each travelling runner's work phone went out on."""
    world = build_world(seed, "small")
    counted: Counter[str] = Counter()
    for n, line in enumerate(world.lines):
        phone_of = dict(zip(line.runners, line.runner_phones, strict=True))
        for shift in world.shifts[n]:
            for runner in shift.runners:
                counted[world.phones.number[phone_of[runner]]] += 1
    return counted


@pytest.mark.slow
def test_trips_count_the_shifts_of_most_runners(small_bundle: Path, small_analysed: Path) -> None:
    space = Workspace.open(small_analysed)
    truth = shifts_per_runner_phone(load_truth(small_bundle)["world"]["seed"])
    with (space.results / "runners.csv").open(encoding="utf-8", newline="") as handle:
        found = {row["number"]: int(row["trips"]) for row in csv.DictReader(handle)}
    exact = [n for n, trips in found.items() if trips == truth[n]]
    # lines run by local groups travel less than the 25 km that shows a journey
    assert len(exact) >= 0.85 * len(found), sorted((found[n], truth[n]) for n in found)
    assert all(found[n] <= truth[n] for n in found), "a trip seen is a shift taken"
