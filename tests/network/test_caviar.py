"""Key players on a real criminal network: Project CAVIAR's wiretaps (Morselli 2009).

The documented leaders are n1 (Daniel Serero, the mastermind), n3 (Pierre Perlini, his
principal lieutenant) and n12 (Ernesto Morales, who organised the cocaine imports after the
first seizure in phase 4). Comms alone: no lines, no records, position decides."""

from __future__ import annotations

from pathlib import Path

import pytest

from stronghold.ingest.importer import ingest_bundle
from stronghold.network.run import rank_network
from stronghold.settings import Settings
from stronghold.workspace import Workspace
from tests.public_data import caviar_bundle, id_of

LEADERS = {1, 3, 12}


def ranking(tmp_path: Path, phase: int | None = None) -> list[int]:
    """CAVIAR's participants, best key player first (one group or several, by score)."""
    space = Workspace.open(tmp_path / f"ws{phase}")
    settings = Settings(workspace=space.root)
    ingest_bundle(caviar_bundle(tmp_path / f"bundle{phase}", phase), space, settings)
    report = rank_network(space, settings, per_group=110)
    rows = sorted(report.key_players, key=lambda r: (-r["score"], r["entity_id"]))
    return [id_of(r["entity_id"]) for r in rows]


def test_the_documented_leaders_rank_first_on_the_full_network(tmp_path: Path) -> None:
    ranked = ranking(tmp_path)
    assert len(ranked) == 110  # every participant ranked
    assert set(ranked[:3]) == LEADERS, ranked[:10]


@pytest.mark.slow
def test_the_phases_show_n1_declining_and_n12_rising(tmp_path: Path) -> None:
    ranks = {}
    for phase in range(1, 12):
        ranked = ranking(tmp_path, phase)
        ranks[phase] = {who: ranked.index(who) + 1 if who in ranked else None for who in (1, 12)}
    early, late = range(1, 5), range(5, 12)  # before and after the first seizure's fallout
    assert all(ranks[p][1] == 1 for p in early), ranks
    assert all(ranks[p][12] is None or ranks[p][12] > 10 for p in early), ranks
    assert all(ranks[p][12] is not None and ranks[p][12] <= 5 for p in late), ranks
    assert ranks[11][12] == 1 and ranks[11][1] > 1, ranks  # by the end Morales leads
