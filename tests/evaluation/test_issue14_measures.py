"""The measures of issue 14 on a hand-made truth and hand-written results files: each
figure worked out by hand, so a change to a rule shows here before it shows in a benchmark."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from stronghold.cli import app
from stronghold.evaluation.measures import MEASURES, Measure, measures
from stronghold.evaluation.partitions import adjusted_rand_index

# Three lines in two crime groups: L1 (two numbers, one handover) and L2 belong to OCG1,
# L3 to OCG2. L2's holder is named by a number only; L3's holder leads OCG2.
TRUTH: dict[str, Any] = {
    "lines": [
        {
            "line_id": "L1",
            "ocg_id": "OCG1",
            "holder_person_ids": ["P1"],
            "controller_numbers": ["+4492"],
            "numbers": [{"number": "+441"}, {"number": "+442"}],
        },
        {
            "line_id": "L2",
            "ocg_id": "OCG1",
            "holder_person_ids": ["P2"],
            "controller_numbers": [],
            "holder_numbers": ["+4490"],
            "numbers": [{"number": "+443"}],
        },
        {
            "line_id": "L3",
            "ocg_id": "OCG2",
            "holder_person_ids": ["P3"],
            "controller_numbers": [],
            "numbers": [{"number": "+444"}],
        },
    ],
    "handovers": [
        {
            "line_id": "L1",
            "old_number": "+441",
            "new_number": "+442",
            "at": "2026-03-10T12:00:00+00:00",
        },
    ],
    "runners": [{"person_id": "R1", "numbers": ["+4471"], "line_id": "L1"}],
    "cuckooed_addresses": [{"address_id": "A1"}, {"address_id": "A2"}],
    "exploited_people": [{"person_id": "R1", "line_id": "L1", "reason": "runner"}],
    "ocgs": [
        {"ocg_id": "OCG1", "leader_person_ids": ["P1"], "leader_numbers": ["+4491"]},
        {"ocg_id": "OCG2", "leader_person_ids": ["P3"], "leader_numbers": ["+4493"]},
    ],
    "customers": [],
    "confounders": [{"number": "+4480", "kind": "taxi_firm"}],
    "services": [{"number": "+4499", "kind": "voicemail"}],
}

RESULTS: dict[str, list[dict[str, str]]] = {
    "lines.csv": [
        {"line_id": "SL1", "numbers": "+441;+442"},
        {"line_id": "SL2", "numbers": "+443"},
        {"line_id": "SL3", "numbers": "+444"},
    ],
    "deal_lines.csv": [  # the taxi firm flagged as a line of its own
        {"number": n, "line_id": line}
        for n, line in (
            ("+441", "SL1"),
            ("+442", "SL1"),
            ("+443", "SL2"),
            ("+444", "SL3"),
            ("+4480", "SL9"),
        )
    ],
    "line_handovers.csv": [
        {
            "old_number": "+441",
            "new_number": "+442",
            "line_id": "SL1",
            "at": "2026-03-10T12:01:00+00:00",
        },
    ],
    "runners.csv": [  # the taxi firm again: one confounder, flagged twice
        {"number": "+4471", "person_id": "R1", "line_id": "SL1"},
        {"number": "+4480", "person_id": "", "line_id": "SL1"},
    ],
    "holders.csv": [
        {
            "line_id": "SL1",
            "role": "holder",
            "number": "+4491",
            "person_id": "P1",
            "also_considered": "",
        },
        {
            "line_id": "SL1",
            "role": "controller",
            "number": "+4492",
            "person_id": "",
            "also_considered": "",
        },
        {
            "line_id": "SL2",
            "role": "holder",
            "number": "+4490",
            "person_id": "",
            "also_considered": "",
        },
        {
            "line_id": "SL3",
            "role": "holder",
            "number": "+4493",
            "person_id": "",
            "also_considered": "+4499 (0.31); P7 +4477 (0.2)",
        },  # a service considered
    ],
    "groups.csv": [{"ocg_id": "G1", "lines": "SL1"}, {"ocg_id": "G2", "lines": "SL2;SL3"}],
    "key_players.csv": [  # G1's best is P1's phone; G2's best is not its leader P3
        {"entity_id": "+4491", "ocg_id": "G1", "rank": "1"},
        {"entity_id": "P9", "ocg_id": "G1", "rank": "2"},
        {"entity_id": "P8", "ocg_id": "G2", "rank": "1"},
        {"entity_id": "P3", "ocg_id": "G2", "rank": "2"},
        {"entity_id": "+4499", "ocg_id": "G2", "rank": "3"},
    ],
    "addresses.csv": [
        {"address_id": a, "score": s}
        for a, s in (("A1", "0.9"), ("X1", "0.8"), ("A2", "0.7"), ("X1", "0.65"), ("X2", "0.6"))
    ],
    "safeguarding.csv": [{"person_id": "R1", "number": "+4471"}],
}


def write(folder: Path, truth: dict[str, Any], results: dict[str, list[dict[str, str]]]) -> Path:
    """The truth and results files in `folder`; the path of truth.json."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in results.items():
        columns = list(dict.fromkeys(key for row in rows for key in row)) or ["line_id"]
        with (folder / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
    path = folder / "truth.json"
    path.write_text(json.dumps(truth), encoding="utf-8")
    return path


def measured(folder: Path, truth: dict[str, Any] = TRUTH, **changed: Any) -> dict[str, Measure]:
    truth_path = write(folder, truth, {**RESULTS, **changed})
    return {m.measure: m for m in measures(truth_path, folder)}


def test_every_measure_is_reported_once_in_order(tmp_path: Path) -> None:
    assert list(measured(tmp_path)) == list(MEASURES)


def test_named_holder_by_person_by_number_and_by_a_leaders_phone(tmp_path: Path) -> None:
    holder = measured(tmp_path)["named holder right"]
    assert (holder.value, holder.count, holder.of) == (1.0, 3, 3)


@pytest.mark.parametrize(
    ("change", "wrong"),
    [
        ("a second holder row", "L1"),
        ("the wrong person", "L1"),
        ("a number the truth does not give", "L2"),
        ("no holder row", "L3"),
        ("the line not found", "L3"),
    ],
)
def test_named_holder_wrong(tmp_path: Path, change: str, wrong: str) -> None:
    holders = [dict(row) for row in RESULTS["holders.csv"]]
    lines, deal_lines = RESULTS["lines.csv"], RESULTS["deal_lines.csv"]
    if change == "a second holder row":
        holders.append({**holders[0], "person_id": "P2", "number": "+4490"})
    elif change == "the wrong person":
        holders[0]["person_id"] = "P2"  # right number, wrong person: the person decides
    elif change == "a number the truth does not give":
        holders[2]["number"] = "+4488"
    elif change == "no holder row":
        holders = holders[:3]
    else:
        lines = lines[:2]
        deal_lines = [row for row in deal_lines if row["line_id"] != "SL3"]
    holder = measured(
        tmp_path, **{"holders.csv": holders, "lines.csv": lines, "deal_lines.csv": deal_lines}
    )["named holder right"]
    assert (holder.count, holder.of) == (2, 3)
    assert holder.detail == f"wrong: {wrong}"


def test_a_found_line_is_the_true_line_most_of_its_numbers_belong_to(tmp_path: Path) -> None:
    """SL1 also lists one of L2's numbers, SL2 none: SL1 is still L1 and L2 is not found."""
    lines = [{"line_id": "SL1", "numbers": "+441;+442;+443"}, RESULTS["lines.csv"][2]]
    deal_lines = [row for row in RESULTS["deal_lines.csv"] if row["line_id"] != "SL2"]
    found = measured(tmp_path, **{"lines.csv": lines, "deal_lines.csv": deal_lines})
    assert found["named holder right"].detail == "wrong: L2"
    assert (found["groups ARI"].count, found["groups ARI"].of) == (2, 3)


def test_adjusted_rand_index_by_hand() -> None:
    # contingency (0,0)=2 (1,1)=1 (1,2)=1: together 1, truth pairs 2, found pairs 1 of 6;
    # expected 2 * 1 / 6 = 1/3, (1 - 1/3) / (3/2 - 1/3) = 4/7
    assert adjusted_rand_index([0, 0, 1, 1], [0, 0, 1, 2]) == pytest.approx(4 / 7)
    assert adjusted_rand_index(["a", "a", "b"], ["x", "x", "y"]) == 1.0  # names do not matter
    assert adjusted_rand_index([0, 0, 0, 0], [0, 1, 2, 3]) == 0.0
    assert adjusted_rand_index([0, 1, 2], [5, 6, 7]) == 1.0  # all singletons on both sides
    assert adjusted_rand_index([], []) == 1.0
    with pytest.raises(ValueError):
        adjusted_rand_index([0, 1], [0])


def test_groups_ari_over_the_found_lines(tmp_path: Path) -> None:
    """Truth OCG1 OCG1 OCG2 against G1 G2 G2: no pair together in both, expected 1/3 of
    a pair, at most 1: (0 - 1/3) / (1 - 1/3) = -0.5."""
    assert measured(tmp_path)["groups ARI"].value == -0.5
    together = [{"ocg_id": "G1", "lines": "SL1;SL2"}, {"ocg_id": "G2", "lines": "SL3"}]
    assert measured(tmp_path, **{"groups.csv": together})["groups ARI"].value == 1.0
    # SL3 in no group is a group of its own: the same partition as the truth's
    assert measured(tmp_path, **{"groups.csv": together[:1]})["groups ARI"].value == 1.0


def test_leaders_in_best_k_count_a_leaders_phone(tmp_path: Path) -> None:
    leaders = measured(tmp_path)["leaders in best k"]
    assert (leaders.value, leaders.count, leaders.of, leaders.detail) == (0.5, 1, 2, "missed: P3")


def test_cuckooed_in_best_2n_and_share_of_best_n(tmp_path: Path) -> None:
    """A1 X1 A2 X1 X2 by score: best 2 (N) is A1 X1, best 4 (2N) holds both homes."""
    found = measured(tmp_path)
    assert (found["cuckooed in best 2N"].value, found["cuckooed share of best N"].value) == (
        1.0,
        0.5,
    )
    short = measured(tmp_path, **{"addresses.csv": [{"address_id": "A2", "score": "0.5"}]})
    share = short["cuckooed share of best N"]
    assert (share.value, share.count, share.of) == (0.5, 1, 2)  # the missing place is wrong


def test_confounders_flagged_once_each(tmp_path: Path) -> None:
    confounders = measured(tmp_path)["confounders flagged"]
    assert (confounders.value, confounders.detail) == (1, "flagged: +4480 (taxi_firm)")


def test_services_named_anywhere(tmp_path: Path) -> None:
    services = measured(tmp_path)["services named"]
    assert (services.value, services.of, services.detail) == (1, 1, "named: +4499 (voicemail)")
    players = [row for row in RESULTS["key_players.csv"] if row["entity_id"] != "+4499"]
    holders = [{**row, "also_considered": "+44990 (0.3)"} for row in RESULTS["holders.csv"]]
    clean = measured(tmp_path, **{"key_players.csv": players, "holders.csv": holders})
    assert clean["services named"].value == 0  # a longer number holding it is not it
    unlisted = measured(tmp_path, {k: v for k, v in TRUTH.items() if k != "services"})
    assert unlisted["services named"].value is None


def test_scores_carried_into_measures(tmp_path: Path) -> None:
    found = measured(tmp_path)
    assert (found["deal lines precision"].count, found["deal lines precision"].of) == (4, 5)
    assert found["deal lines recall"].value == 1.0
    assert found["handovers F1"].value == 1.0
    assert found["runners F1"].value == pytest.approx(2 * 0.5 / 1.5, abs=1e-4)
    assert found["safeguarding nameable recall"].value == 1.0  # no named_by_records: everyone


def test_evaluate_json_keeps_the_scores_and_adds_the_measures(tmp_path: Path) -> None:
    truth = write(tmp_path, TRUTH, RESULTS)
    result = CliRunner().invoke(
        app, ["evaluate", "--truth", str(truth), "--results", str(tmp_path), "--json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    labels = [row["results_file"] for row in rows]
    assert len(labels) == len(set(labels))
    assert {"deal_lines.csv", "holders.csv (holders)"} <= set(labels)
    assert [row["measure"] for row in rows if "measure" in row] == list(MEASURES)
    table = CliRunner().invoke(app, ["evaluate", "--truth", str(truth), "--results", str(tmp_path)])
    assert table.exit_code == 0 and "named holder right" in table.output
