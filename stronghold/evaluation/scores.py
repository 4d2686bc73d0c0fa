"""Precision, recall and F1 of each results file against the ground truth.

Deal lines: a flagged number is right when it was one of a line's numbers in the truth;
every number a line used counts as a positive. Flagged confounders (schools, taxi firms,
bulk-SMS senders ...) are counted apart, because flagging one is the costly mistake.

Runners: scored as people (a runner's work and personal numbers are one runner); commuters,
couriers and other lawful numbers flagged are counted apart.

Holders and controllers: controllers by number, holders as people.

Safeguarding: scored as people; a row naming only a runner phone counts as its user. Scored
twice where the truth says which exploited people no record can name (a child who buys from
a line with no number on their nominal record): against everyone, and against the people
the records can name.

Premises: the best 2N addresses by score are judged (N cuckooed homes in the truth): the
goal is most cuckooed homes among them, so precision is at most 0.5 by design.

Key players: precision at k per group. Each group found is the crime group that most of
its lines belong to (groups.csv, lines.csv); of its k best-ranked people and phones, k that
group's leaders in the truth, the share who are leaders (a phone counts when it is a
leader's own number). Recall is the share of all leaders found so.

Handovers: a flagged handover is right when the truth has the same old and new numbers and
its time is within an hour of the truth's (the new number's first contact comes about a
minute after the change, its first broadcast). Flagged handovers touching a confounder's
number are counted apart too.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from stronghold.evaluation.matching import leaders, match
from stronghold.results_files import read_results_csv

__all__ = ["Score", "best_addresses", "evaluate"]

HANDOVER_TOLERANCE = timedelta(hours=1)


@dataclass(frozen=True)
class Score:
    results_file: str
    flagged: int
    true_positives: int
    positives: int
    precision: float
    recall: float
    f1: float
    confounders_flagged: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _score(name: str, flagged: set[Any], positives: set[Any], confounders: set[Any]) -> Score:
    hits = len(flagged & positives)
    precision = hits / len(flagged) if flagged else 1.0
    recall = hits / len(positives) if positives else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(
        name,
        len(flagged),
        hits,
        len(positives),
        round(precision, 4),
        round(recall, 4),
        round(f1, 4),
        len(flagged & confounders),
    )


def evaluate(truth_path: Path, results: Path) -> list[Score]:
    """Scores for each results file in `results` that the truth can judge."""
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    confounders = {c["number"] for c in truth["confounders"]}
    scores = []
    deal_lines = results / "deal_lines.csv"
    if deal_lines.exists():
        flagged = {row["number"] for row in read_results_csv(deal_lines)}
        positives = {n["number"] for line in truth["lines"] for n in line["numbers"]}
        scores.append(_score("deal_lines.csv", flagged, positives, confounders))
    handovers = results / "line_handovers.csv"
    if handovers.exists():
        scores.append(_handovers(truth, handovers, confounders))
    runners = results / "runners.csv"
    if runners.exists():
        scores.append(_runners(truth, runners, confounders))
    holders = results / "holders.csv"
    if holders.exists():
        scores += _direction(truth, holders)
    safeguarding = results / "safeguarding.csv"
    if safeguarding.exists():
        scores += _safeguarding(truth, safeguarding)
    players = results / "key_players.csv"
    if players.exists() and truth.get("ocgs"):
        scores.append(_key_players(truth, results))
    addresses = results / "addresses.csv"
    if addresses.exists():
        scores.append(_addresses(truth, addresses))
    if not scores:
        raise FileNotFoundError(f"no results file the truth can judge in {results}")
    return scores


def _handovers(truth: dict[str, Any], path: Path, confounders: set[str]) -> Score:
    """Handovers as (old, new) pairs; a pair flagged at the wrong time does not match."""
    at = {
        (h["old_number"], h["new_number"]): datetime.fromisoformat(h["at"])
        for h in truth["handovers"]
    }
    flagged: set[tuple[str, ...]] = set()
    touching: set[str] = set()
    for row in read_results_csv(path):
        pair = (row["old_number"], row["new_number"])
        true_at = at.get(pair)
        on_time = true_at is not None and abs(datetime.fromisoformat(row["at"]) - true_at) <= (
            HANDOVER_TOLERANCE
        )
        flagged.add(pair if on_time else (*pair, "not in the truth at that time"))
        if confounders & set(pair):
            touching.add(pair[0])
    score = _score("line_handovers.csv", flagged, set(at), set())
    return Score(**{**score.as_dict(), "confounders_flagged": len(touching)})


def _runners(truth: dict[str, Any], path: Path, confounders: set[str]) -> Score:
    """Runners as people: a flagged number is right when it is one of a true runner's
    numbers (work or personal), and several numbers of one runner count once."""
    person_of = {n: r["person_id"] for r in truth["runners"] for n in r["numbers"]}
    numbers = {row["number"] for row in read_results_csv(path)}
    flagged = {person_of.get(n, f"number {n}") for n in numbers}
    positives = {r["person_id"] for r in truth["runners"]}
    score = _score("runners.csv", flagged, positives, set())
    return Score(**{**score.as_dict(), "confounders_flagged": len(numbers & confounders)})


def _direction(truth: dict[str, Any], path: Path) -> list[Score]:
    """Controllers by number; holders as people (a holder no record names counts as a
    wrong person, since the truth names holders by person)."""
    rows = read_results_csv(path)
    controllers = {r["number"] for r in rows if r["role"] == "controller"}
    holders = {r["person_id"] or f"number {r['number']}" for r in rows if r["role"] == "holder"}
    true_controllers = {n for line in truth["lines"] for n in line["controller_numbers"]}
    true_holders = {p for line in truth["lines"] for p in line["holder_person_ids"]}
    return [
        _score("holders.csv (controllers)", controllers, true_controllers, set()),
        _score("holders.csv (holders)", holders, true_holders, set()),
    ]


def _safeguarding(truth: dict[str, Any], path: Path) -> list[Score]:
    """People to safeguard: a row is right when its person is one the lines exploit, or,
    with no person, its number is one of an exploited runner's numbers."""
    person_of = {n: r["person_id"] for r in truth["runners"] for n in r["numbers"]}
    flagged = set()
    for row in read_results_csv(path):
        person = row["person_id"] or person_of.get(row["number"])
        flagged.add(person or f"number {row['number']}")
    exploited = truth["exploited_people"]
    positives = {e["person_id"] for e in exploited}
    scores = [_score("safeguarding.csv", flagged, positives, set())]
    if any("named_by_records" in e for e in exploited):
        # a person is nameable when any of their reasons leaves a trace in the records
        nameable = {e["person_id"] for e in exploited if e.get("named_by_records", True)}
        scores.append(_score("safeguarding.csv (nameable)", flagged, nameable, set()))
    return scores


def _key_players(truth: dict[str, Any], results: Path) -> Score:
    """Precision at k per group (k its crime group's leaders) of the best-ranked entities."""
    leader_of, leaders_in = leaders(truth)
    group_ocg = match(truth, results).ocg_of_group
    best, found = 0, set()
    picked = 0
    for row in read_results_csv(results / "key_players.csv"):
        ocg = group_ocg.get(row["ocg_id"])
        if ocg and int(row["rank"]) <= len(leaders_in[ocg]):
            picked += 1
            person = leader_of.get(row["entity_id"])
            if person in leaders_in[ocg]:
                best += 1
                found.add(person)
    everyone = set().union(*leaders_in.values()) if leaders_in else set()
    precision = best / picked if picked else 0.0
    recall = len(found) / len(everyone) if everyone else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(
        "key_players.csv (top k a group)",
        picked,
        best,
        len(everyone),
        round(precision, 4),
        round(recall, 4),
        round(f1, 4),
        0,
    )


def _addresses(truth: dict[str, Any], path: Path) -> Score:
    """Premises as a ranking: the best 2 x N distinct addresses (N the cuckooed homes in the
    truth), so recall is the share of cuckooed homes ranked that high."""
    positives = {c["address_id"] for c in truth["cuckooed_addresses"]}
    top = best_addresses(path, 2 * len(positives))
    return _score("addresses.csv (best 2N)", set(top), positives, set())


def best_addresses(path: Path, k: int) -> list[str]:
    """The `k` best distinct addresses in addresses.csv by score (the file's order among
    equal scores)."""
    ranked = sorted(read_results_csv(path), key=lambda r: -float(r["score"]))
    top: list[str] = []
    for row in ranked:
        if row["address_id"] not in top and len(top) < k:
            top.append(row["address_id"])
    return top
