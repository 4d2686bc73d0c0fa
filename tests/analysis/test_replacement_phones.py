"""The replacement-phone finder on the VAST 2008 call records: the core group of the story
switches to new phones after day 7, and the finder names each one's replacement by the
contacts it carries on (docs/analyses/replacement-phones.md lists the pairs)."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from stronghold.analysis.replacement_finder import find_replacements
from stronghold.ingest.importer import ingest_bundle
from stronghold.settings import Settings
from stronghold.workspace import Workspace
from tests.public_data import VAST, id_of, vast_bundle

# Derived from the data (the challenge's official answer is not published with it).
REPLACED = {1: 309, 2: 397, 3: 360, 5: 306}


def quiet_after_day_7() -> set[int]:
    """Phones whose calls a day on days 8-10 fall below an eighth of their rate on days 1-7,
    counted straight from the file."""
    early: Counter[int] = Counter()
    late: Counter[int] = Counter()
    with (VAST / "CellPhoneCallRecords_cdr.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            day = int(row["Datetime"][6:8])
            for phone in (int(row["From"]), int(row["To"])):
                (early if day <= 7 else late)[phone] += 1
    return {p for p, n in early.items() if n >= 7 and late[p] / 3 < n / 7 / 8}


def test_each_phone_that_goes_quiet_after_day_7_has_its_replacement_named(
    tmp_path: Path,
) -> None:
    bundle = vast_bundle(tmp_path / "bundle")
    space = Workspace.open(tmp_path / "ws")
    settings = Settings(workspace=space.root)
    ingest_bundle(bundle, space, settings)
    assert quiet_after_day_7() == set(REPLACED)

    found = find_replacements(space, settings)
    assert found.subjects == 400
    best = {
        id_of(r["old_number"]): r for r in found.candidates if r["rank"] == 1 and r["score"] >= 0.5
    }
    assert {old: id_of(r["new_number"]) for old, r in best.items()} == REPLACED
    for old, row in best.items():
        assert row["shared"] >= 0.6 * row["old_contacts"], row
        others = [r["score"] for r in found.candidates if id_of(r["old_number"]) == old]
        assert sorted(others)[-2] < 0.3, "the runner-up is far behind"
        assert f"shares {row['shared']} of its {row['new_contacts']} contacts" in row["evidence"]


def test_named_numbers_only(tmp_path: Path) -> None:
    bundle = vast_bundle(tmp_path / "bundle")
    space = Workspace.open(tmp_path / "ws")
    settings = Settings(workspace=space.root)
    ingest_bundle(bundle, space, settings)
    found = find_replacements(space, settings, ["+447700900005", "+447700900200"])
    assert found.subjects == 2
    assert {id_of(r["old_number"]) for r in found.candidates} == {5}
