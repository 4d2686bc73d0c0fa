"""Ordinary people are not deal lines: real students' calls and texts raise no finding."""

from __future__ import annotations

import csv
from pathlib import Path

from stronghold.analysis.features import feature_pipeline
from stronghold.analysis.run import analyse
from stronghold.engine import open_engine
from stronghold.ingest.importer import ingest_bundle
from stronghold.settings import Settings
from stronghold.workspace import Workspace
from tests.analytics import registered
from tests.public_data import copenhagen_bundle

# The Copenhagen Networks Study: 3,600 calls and 24,333 texts among 608 students, of which
# 21 texts repeat another exactly and are loaded once.
ROWS, REPEATS, PEOPLE = 3_600 + 24_333, 21, 608


def test_students_phones_hold_no_deal_line(tmp_path: Path) -> None:
    bundle = copenhagen_bundle(tmp_path / "bundle")
    space = Workspace.open(tmp_path / "ws")
    settings = Settings(workspace=space.root)

    ingested = ingest_bundle(bundle, space, settings)
    (outcome,) = ingested.files
    assert (outcome.table, outcome.status) == ("comms", "loaded"), outcome.message
    staged = outcome.staged
    assert staged is not None
    counts = (staged.rows_read, staged.loaded, staged.quarantined)
    assert counts == (ROWS, ROWS - REPEATS, REPEATS)

    report = analyse(space, settings)
    assert (
        report.events == ROWS - REPEATS
    )  # every event was read: the silence below means something
    with open_engine("duckdb") as engine:
        seen = feature_pipeline().result(registered(engine, space.root)).num_rows
    assert seen == PEOPLE  # and every student described
    flagged = [(line["number"], line["evidence"]) for line in report.deal_lines]
    assert flagged == []
    with (space.results / "deal_lines.csv").open(encoding="utf-8", newline="") as handle:
        assert list(csv.DictReader(handle)) == []
