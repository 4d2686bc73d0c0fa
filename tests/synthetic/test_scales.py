"""Every scale from small up has every kind of confounder, and the lines stay in range."""

from __future__ import annotations

import pytest

from stronghold.synthetic.scales import SCALES
from stronghold.synthetic.truth import build_truth
from stronghold.synthetic.world import build_world
from tests.synthetic.test_world_statistics import CONFOUNDER_KINDS


@pytest.mark.slow
@pytest.mark.parametrize("scale", ["small", "medium", "large"])
def test_confounders_and_lines_at_every_scale(scale: str) -> None:
    world = build_world(seed=2, scale_name=scale, days=14)
    truth = build_truth(world)
    assert {c["kind"] for c in truth["confounders"]} == CONFOUNDER_KINDS
    sizes = [
        sum(1 for c in truth["customers"] if c["line_id"] == line["line_id"])
        for line in truth["lines"]
    ]
    assert all(50 <= size <= 2000 for size in sizes)
    assert len(truth["lines"]) >= 2 * (SCALES[scale].hub_ocgs + SCALES[scale].local_ocgs)
    if scale == "large":
        assert max(sizes) > 500  # big towns carry big lines


def test_tiny_world_is_complete(tiny_bundle) -> None:
    from tests.conftest import load_truth

    truth = load_truth(tiny_bundle)
    assert len(truth["lines"]) == 2
    assert truth["handovers"] and truth["runners"] and truth["cuckooed_addresses"]
    assert {path.name for path in tiny_bundle.iterdir()} >= {
        "comms.csv",
        "truth.json",
        "people.csv",
        "cells.csv",
    }
