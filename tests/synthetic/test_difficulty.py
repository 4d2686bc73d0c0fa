"""The world is hard enough that a naive deal-line rule fails on it."""

from __future__ import annotations

from pathlib import Path

from benchmarks.naive_baseline import naive_lines, score
from stronghold.contract import find_table
from tests.conftest import load_truth


def test_naive_rule_flags_lawful_bulk_senders(small_bundle: Path) -> None:
    comms = find_table(small_bundle, "comms")
    assert comms is not None
    truth = load_truth(small_bundle)
    for threshold in (20, 50):
        result = score(naive_lines(comms, threshold), truth)
        assert result["recall"] >= 0.9  # lines do text many numbers ...
        assert result["precision"] < 0.8  # ... but so do schools, surgeries and marketers
        flagged = result["confounders_flagged"]
        assert {"school", "bulk_sms", "takeaway"} <= set(flagged)  # type: ignore[arg-type]
