"""Is a holder's confidence what it says? Among holder decisions at about 0.8, about 8 in 10
should name the true holder. From the robustness benchmark's cases (each with its lines'
`holder_calls`: confidence and whether the named holder is right), a reliability table per
variant, and the Platt recalibration that would make the confidences honest on these worlds:
P(right) = 1 / (1 + exp(-(a + b x logit(confidence)))), folded into holder_decisions.py's
`CALIBRATION` (a logistic of score and margin stays one under this map)."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import numpy as np
from rich.table import Table
from scipy.optimize import minimize

from stronghold.analysis.holder_decisions import CALIBRATION

__all__ = ["BINS", "platt", "reliability_table"]

BINS = (0.0, 0.5, 0.7, 0.8, 0.9, 1.0001)  # confidence bins: [low, high)


def reliability_table(cases: list[dict[str, Any]]) -> Table:
    """Per variant (all seeds) and over all: per confidence bin, right / decisions."""
    table = Table(title="Holder confidence against how often it is right", title_justify="left")
    table.add_column("variant")
    for low, high in pairwise(BINS):
        table.add_column(f"{low:.1f}-{min(high, 1.0):.1f}", justify="right")
    by_variant: dict[str, list[tuple[float, bool]]] = {}
    for case in cases:
        by_variant.setdefault(case["variant"], []).extend(
            (float(c), bool(r)) for c, r in case.get("holder_calls", [])
        )
    every = [call for calls in by_variant.values() for call in calls]
    for name, calls in [*by_variant.items(), ("all", every)]:
        table.add_row(name, *_binned(calls))
    return table


def _binned(calls: list[tuple[float, bool]]) -> list[str]:
    shown = []
    for low, high in pairwise(BINS):
        inside = [right for sure, right in calls if low <= sure < high]
        shown.append(f"{sum(inside)}/{len(inside)}" if inside else "")
    return shown


def platt(cases: list[dict[str, Any]]) -> tuple[float, float, tuple[float, float, float]]:
    """(a, b) fitted to the cases' decisions, and CALIBRATION with them folded in."""
    calls = [(float(c), bool(r)) for case in cases for c, r in case.get("holder_calls", [])]
    sure = np.clip(np.array([c for c, _ in calls]), 1e-4, 1 - 1e-4)
    right = np.array([r for _, r in calls], dtype=float)
    logit = np.log(sure / (1 - sure))

    def loss(ab: np.ndarray) -> float:
        p = np.clip(1 / (1 + np.exp(-(ab[0] + ab[1] * logit))), 1e-9, 1 - 1e-9)
        return float(-np.mean(right * np.log(p) + (1 - right) * np.log(1 - p)))

    a, b = minimize(loss, np.array([0.0, 1.0]), method="Nelder-Mead").x
    base, on_score, on_margin = CALIBRATION
    folded = (
        round(float(a + b * base), 2),
        round(float(b * on_score), 2),
        round(float(b * on_margin), 2),
    )
    return float(a), float(b), folded
