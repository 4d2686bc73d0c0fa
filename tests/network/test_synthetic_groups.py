"""Groups and key players on synthetic worlds, against the generator's own crime groups."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from stronghold.evaluation.scores import evaluate
from stronghold.network.run import rank_network
from stronghold.results_files import read_results_csv
from stronghold.settings import Settings
from stronghold.workspace import Workspace
from tests.conftest import load_truth


@pytest.mark.slow
def test_groups_are_the_crime_groups_and_their_leaders_rank_first(
    small_bundle: Path, small_analysed: Path, tmp_path: Path
) -> None:
    space = Workspace.open(tmp_path / "ws")  # a copy: the analysed workspace is shared
    shutil.copytree(small_analysed, space.root, dirs_exist_ok=True)
    report = rank_network(space, Settings(workspace=space.root))
    truth = load_truth(small_bundle)
    group_of_number = {
        n["number"]: line["ocg_id"] for line in truth["lines"] for n in line["numbers"]
    }
    true_group = {
        r["line_id"]: group_of_number[r["numbers"].split(";")[0]]
        for r in read_results_csv(space.results / "lines.csv")
    }
    found = sorted(sorted(true_group[line] for line in g.lines) for g in report.groups if g.lines)
    # every group holds the lines of one crime group, and all of them
    assert found == sorted(
        sorted(true_group[line] for line in true_group if true_group[line] == ocg["ocg_id"])
        for ocg in truth["ocgs"]
        if ocg["ocg_id"] in true_group.values()
    )
    hubs = {ocg["ocg_id"]: ocg["hub"] for ocg in truth["ocgs"]}
    for group in (g for g in report.groups if g.lines):
        assert group.hub == hubs[true_group[group.lines[0]]]
    scores = {s.results_file: s for s in evaluate(small_bundle / "truth.json", space.results)}
    leaders = scores["key_players.csv (top k a group)"]
    assert leaders.precision >= 0.8, leaders
