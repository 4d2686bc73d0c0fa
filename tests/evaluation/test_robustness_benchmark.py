"""benchmarks/robustness.py: one world through the commands, and a failing command shown as
a failed case rather than ending the run."""

from __future__ import annotations

import pytest

from benchmarks.robustness import BARS, passes, run_case, worst
from stronghold.evaluation.measures import MEASURES


def test_a_failing_command_is_a_failed_case() -> None:
    case = run_case("no-such-variant", 1, "tiny")
    assert case["error"].startswith("synth exited 2")
    assert case["measures"] == {}


def test_worst_cell_and_bars() -> None:
    cases = [
        {"variant": "a", "seed": 1, "measures": {"groups ARI": 0.95, "services named": 0}},
        {"variant": "b", "seed": 2, "measures": {"groups ARI": 0.7, "services named": 2}},
        {"variant": "c", "seed": 3, "measures": {}, "error": "analyse exited 1: boom"},
    ]
    assert worst(cases, "groups ARI") == (0.7, ["b 2"])
    assert worst(cases, "services named") == (2, ["b 2"])
    assert worst(cases, "runners F1") == (None, [])
    assert passes("groups ARI", 0.9) and not passes("groups ARI", 0.89)
    assert passes("services named", 0) and not passes("services named", 1)
    assert list(BARS) == list(MEASURES)


@pytest.mark.slow
def test_one_tiny_world_through_the_commands() -> None:
    case = run_case("randomised", 1, "tiny")
    assert case["error"] is None
    assert list(case["measures"]) == list(MEASURES)
    assert case["measures"]["deal lines recall"] > 0.5
