"""Shared fixtures: synthetic bundles made once per test session."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from stronghold.synthetic import synthesise

SMALL_SEEDS = (7, 11)


@pytest.fixture(scope="session")
def tiny_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tiny") / "bundle"
    synthesise(folder, seed=3, scale="tiny")
    return folder


@pytest.fixture(scope="session", params=SMALL_SEEDS, ids=lambda seed: f"seed{seed}")
def small_bundle(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp(f"small{request.param}") / "bundle"
    synthesise(folder, seed=request.param, scale="small")
    return folder


def load_truth(bundle: Path) -> dict[str, Any]:
    return json.loads((bundle / "truth.json").read_text(encoding="utf-8"))
