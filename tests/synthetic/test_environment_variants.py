"""The world's environment varies as its draw says: runners' stays, lawful number changes,
mast density, numbers on nominal records, and the scale's own settings (variants.py).

Each knob is turned alone on the tiny world (the rest at the baseline) and its effect is read
back from the emitted bundle and its truth, against the baseline world of the same seed.
"""

from __future__ import annotations

import json
import re
from dataclasses import fields
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

from stronghold.synthetic.bundle import write_bundle
from stronghold.synthetic.variants import CHOICES, RANGES, VARIANTS, WorldDraw, draw_world
from stronghold.synthetic.world import build_world

SEED = 3
DAY = 86_400


def _bundle(root: Path, days: int = 14, **knobs: Any) -> Path:
    folder = root / "-".join(f"{k}={v}" for k, v in knobs.items()) / f"d{days}"
    if not folder.exists():
        draw = WorldDraw(variant="test" if knobs else "baseline", **knobs)
        write_bundle(build_world(SEED, "tiny", days, draw=draw), folder)
    return folder


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("environment")


def _truth(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "truth.json").read_text(encoding="utf-8"))


def _read(folder: Path, name: str) -> pa.Table:
    options = pacsv.ConvertOptions(
        strings_can_be_null=True, column_types={"person_id": pa.string()}
    )
    return pacsv.read_csv(folder / f"{name}.csv", convert_options=options)


def _comms(folder: Path) -> dict[str, np.ndarray]:
    table = _read(folder, "comms")
    instants = table["start_time"].cast(pa.timestamp("s", tz="UTC")).cast(pa.int64())
    return {
        "time": instants.to_numpy(),
        "a": np.asarray(table["a_number"].to_pylist(), dtype=object),
        "b": np.asarray(table["b_number"].to_pylist(), dtype=object),
        "a_cell": np.asarray(table["a_cell"].to_pylist(), dtype=object),
    }


def _town_cells(folder: Path, town: str) -> pa.Table:
    cells = _read(folder, "cells")
    names = cells["site_name"].to_pylist()
    keep = [re.match(rf"{re.escape(town)} [NS]", n or "") is not None for n in names]
    return cells.filter(pa.array(keep))


def _mean_stint_days(folder: Path) -> float:
    """How long travelling runners stay in the county town at a stretch, from their phones'
    cells: runs of consecutive events on the town's cells, first to last event."""
    truth, comms = _truth(folder), _comms(folder)
    county = set(_town_cells(folder, truth["lines"][0]["county_town"])["cell_id"].to_pylist())
    stints = []
    for runner in (r for r in truth["runners"] if r["travels"]):
        mine = np.isin(comms["a"], runner["numbers"])
        times = comms["time"][mine]
        there = np.fromiter((c in county for c in comms["a_cell"][mine]), bool, len(times))
        edges = np.flatnonzero(np.diff(np.r_[False, there, False].astype(int)))
        for first, after in zip(edges[::2], edges[1::2], strict=True):
            if after - first >= 3:
                stints.append((times[after - 1] - times[first]) / DAY)
    return float(np.mean(stints))


def test_baseline_draw_leaves_the_world_as_it_was(root: Path) -> None:
    folder = _bundle(root)
    truth = _truth(folder)
    assert "changed_numbers" not in truth
    assert truth["world"]["drawn"] == json.loads(json.dumps(WorldDraw().as_dict()))
    assert draw_world(SEED) == WorldDraw()


def test_runners_who_stay_for_weeks_travel_back_rarely(root: Path) -> None:
    weeks = _mean_stint_days(_bundle(root, 28, runner_stay_days=(7, 21)))
    rota = _mean_stint_days(_bundle(root, 28))
    assert weeks > 5.0 > rota
    world = build_world(SEED, "tiny", 28, draw=WorldDraw(runner_stay_days=(7, 21)))
    for shifts in world.shifts:  # every stint but the last (cut by the period) is 7 days+
        assert all(s.end - s.start >= 7 * DAY - 6 * 3600 for s in shifts[:-1])


def test_changed_numbers_carry_on_from_their_instant(root: Path) -> None:
    folder = _bundle(root, number_churn=0.3)
    truth, comms = _truth(folder), _comms(folder)
    changes = truth["changed_numbers"]
    people = len(_read(_bundle(root), "people"))
    assert len(changes) > 0.1 * people
    deal = {n["number"] for line in truth["lines"] for n in line["numbers"]}
    runners = {n for r in truth["runners"] for n in r["numbers"]}
    used_after = 0
    for change in changes:
        at = np.datetime64(change["at"].rstrip("Z"), "s").astype(np.int64)
        old = (comms["a"] == change["old"]) | (comms["b"] == change["old"])
        new = (comms["a"] == change["new"]) | (comms["b"] == change["new"])
        assert not (old & (comms["time"] >= at)).any()
        assert not (new & (comms["time"] < at)).any()
        used_after += bool(new.any())
        assert {change["old"], change["new"]}.isdisjoint(deal | runners)
    assert used_after > 0.8 * len(changes)
    handed = {h["new_number"] for h in truth["handovers"]}
    assert handed.isdisjoint(c["new"] for c in changes)
    customers = {c["number"] for c in truth["customers"]}
    bought = [c for c in changes if c["old"] in customers]
    assert bought and all(c["new"] in customers for c in bought)


def test_records_of_changed_numbers_are_partly_out_of_date(root: Path) -> None:
    folder = _bundle(root, number_churn=0.3)
    people = _read(folder, "people")
    written = dict(
        zip(people["person_id"].to_pylist(), people["phone_numbers"].to_pylist(), strict=True)
    )

    def digits(text: str) -> str:
        return re.sub(r"\D", "", text)[-10:]

    seen = {"old": 0, "new": 0, "both": 0}
    for change in _truth(folder)["changed_numbers"]:
        numbers = {digits(n) for n in (written.get(change["person_id"]) or "").split(";") if n}
        old, new = digits(change["old"]) in numbers, digits(change["new"]) in numbers
        if old or new:
            seen["both" if old and new else "old" if old else "new"] += 1
    assert all(count > 0 for count in seen.values()), seen


def test_sparse_cells_are_fewer_and_bigger(root: Path) -> None:
    sparse = _town_cells(_bundle(root, cell_density=0.3), "Banbury")
    dense = _town_cells(_bundle(root), "Banbury")
    assert 0.1 < len(sparse) / len(dense) < 0.5  # 0.3, give or take the grid's edges
    ratio = np.mean(sparse["radius_m"].to_numpy()) / np.mean(dense["radius_m"].to_numpy())
    assert 1.3 < ratio < 2.6  # 1 / sqrt(0.3) = 1.83


def test_fewer_records_name_their_numbers_and_the_truth_knows(root: Path) -> None:
    def named_share(folder: Path) -> float:
        numbers = _read(folder, "people")["phone_numbers"].to_pylist()
        return sum(1 for n in numbers if n) / len(numbers)

    folder = _bundle(root, named_number_share=0.3)
    few, usual = named_share(folder), named_share(_bundle(root))
    assert usual > 0.75 and 0.1 < few < 0.45
    people = _read(folder, "people")
    rows = zip(people["person_id"].to_pylist(), people["phone_numbers"].to_pylist(), strict=True)
    named = {person for person, numbers in rows if numbers}
    children = [
        e for e in _truth(folder)["exploited_people"] if e["reason"].startswith("child buying")
    ]
    assert children
    assert all(e["named_by_records"] == (e["person_id"] in named) for e in children)


def test_randomised_knobs_stay_within_their_ranges() -> None:
    for seed in range(1, 30):
        draw = draw_world(seed, "randomised")
        for knob, span in RANGES.items():
            value = getattr(draw, knob)
            if knob in CHOICES:
                assert value in span, knob
            else:
                assert span[0] <= value <= span[1], knob
    named = {knob for fixed in VARIANTS.values() for knob in fixed}
    assert named <= {f.name for f in fields(WorldDraw)}
