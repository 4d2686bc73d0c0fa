"""The measures of issue 14: one figure per question an analyst would ask of the results,
so a robustness run over many worlds can show the worst of each against its bar.

- deal lines precision and recall, handovers F1, runners F1: from the per-file scores
  (`scores.py`).
- named holder right: the share of true lines whose found line (`matching.py`) has exactly
  one `role=holder` row in holders.csv, and that row names the true holder: its `person_id`
  is one of the line's `holder_person_ids`, or, with no `person_id`, its `number` is one of
  the line's `holder_numbers` (optional truth key) or a holder's own number (a holder who
  leads a group: `ocgs[].leader_numbers`). A line not found, with no holder row or with two
  counts as wrong: an analyst acts on one named holder, and a second is a guess.
  Candidates in `also_considered` are not holders.
- groups ARI: the adjusted Rand index (`partitions.py`) over the true lines that were found,
  of the partition by groups.csv (a found line no group lists is a group of its own)
  against the partition by the truth's `ocg_id`. Group names do not matter, only who is
  put with whom.
- leaders in best k: the share of the crime groups' leaders found among the best k of their
  group's key_players.csv rows by rank (k that group's leaders; a leader's phone counts as
  the leader). A crime group's group is the found group that lists most of its lines.
- cuckooed in best 2N: the share of the N cuckooed homes among the best 2N addresses by
  score; cuckooed share of best N: the share of the best N addresses that are cuckooed (a
  list shorter than N counts the missing places as wrong), which says how much of a short
  list a warrant team could trust.
- safeguarding nameable recall (over the people the records can name; over everyone when
  the truth does not say) and safeguarding precision.
- confounders flagged: the truth's lawful look-alikes (taxi firms, schools, bulk senders
  ...) flagged as a deal line or a runner, each number once. Must be 0.
- services named: the truth's service numbers (optional key `services`: voicemail, the
  network's own numbers, access points) that appear anywhere as a person's or line's phone:
  holders.csv (`number` or `also_considered`), runners.csv, deal_lines.csv and
  key_players.csv. Must be 0: a service is everybody's contact and nobody's phone.

A measure with nothing to judge (no lines found for the ARI, no cuckooed homes, no
`services` in the truth) has no value (None) rather than a flattering 1.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from stronghold.evaluation.matching import Matching, leaders, match
from stronghold.evaluation.partitions import adjusted_rand_index
from stronghold.evaluation.scores import Score, best_addresses, evaluate
from stronghold.results_files import read_results_csv

__all__ = ["MEASURES", "Measure", "measures", "shown_value"]

# measure -> the results files it reads, in the order they are reported
MEASURES: dict[str, str] = {
    "deal lines precision": "deal_lines.csv",
    "deal lines recall": "deal_lines.csv",
    "handovers F1": "line_handovers.csv",
    "runners F1": "runners.csv",
    "named holder right": "holders.csv",
    "groups ARI": "groups.csv",
    "leaders in best k": "key_players.csv",
    "cuckooed in best 2N": "addresses.csv",
    "cuckooed share of best N": "addresses.csv",
    "safeguarding nameable recall": "safeguarding.csv",
    "safeguarding precision": "safeguarding.csv",
    "confounders flagged": "deal_lines.csv, runners.csv",
    "services named": "holders.csv, runners.csv, deal_lines.csv, key_players.csv",
}

# measure -> (the per-file scores it is taken from, first present wins; the score's field)
FROM_SCORES: dict[str, tuple[tuple[str, ...], str]] = {
    "deal lines precision": (("deal_lines.csv",), "precision"),
    "deal lines recall": (("deal_lines.csv",), "recall"),
    "handovers F1": (("line_handovers.csv",), "f1"),
    "runners F1": (("runners.csv",), "f1"),
    "cuckooed in best 2N": (("addresses.csv (best 2N)",), "recall"),
    "safeguarding nameable recall": (
        ("safeguarding.csv (nameable)", "safeguarding.csv"),
        "recall",
    ),
    "safeguarding precision": (("safeguarding.csv",), "precision"),
}


@dataclass(frozen=True)
class Measure:
    measure: str
    value: float | None  # a share in [0, 1] (the ARI can be below 0), or a count
    count: int | None  # the right ones (a share) or those found (a count)
    of: int | None  # out of how many
    detail: str = ""

    @property
    def results_file(self) -> str:
        """A label unique among the scores and measures: the files, then the measure."""
        return f"{MEASURES[self.measure]}: {self.measure}"

    def as_dict(self) -> dict[str, Any]:
        return {"results_file": self.results_file, **asdict(self)}

    def shown(self) -> str:
        """The value as a table shows it: a count whole, a share to 3 places, none as -."""
        return shown_value(self.value)


def shown_value(value: float | None) -> str:
    if value is None:
        return "-"
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def measures(truth_path: Path, results: Path, scores: list[Score] | None = None) -> list[Measure]:
    """Every measure of `results` against the truth, in the order of MEASURES (`scores`:
    evaluate()'s, when already worked out)."""
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    by_label = {s.results_file: s for s in scores or evaluate(truth_path, results)}
    matching = match(truth, results)
    found = [
        *(_from_score(name, by_label) for name in FROM_SCORES),
        _named_holder_right(truth, results, matching),
        _groups_ari(truth, matching),
        _leaders_in_best_k(truth, results, matching),
        _cuckooed_share(truth, results),
        _confounders(truth, results),
        _services(truth, results),
    ]
    order = list(MEASURES)
    return sorted(found, key=lambda m: order.index(m.measure))


def _share(name: str, right: int, of: int, detail: str = "") -> Measure:
    return Measure(name, round(right / of, 4) if of else None, right, of, detail)


def _from_score(name: str, by_label: dict[str, Score]) -> Measure:
    labels, field = FROM_SCORES[name]
    score = next((by_label[label] for label in labels if label in by_label), None)
    if score is None:
        return Measure(name, None, None, None, f"no {labels[0]} in the results")
    of = {"precision": score.flagged, "recall": score.positives}.get(field)
    count = score.true_positives if of is not None else None
    return Measure(name, getattr(score, field), count, of)


def holder_calls(
    truth: dict[str, Any], results: Path, matching: Matching
) -> list[tuple[str, float, bool]]:
    """Each true line: (its id, the confidence (`score`) of its found line's holder row, 0
    when there is none, and whether the row names the true holder). A line not found, with no
    holder row or with two is wrong."""
    holders: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in read_results_csv(results / "holders.csv"):
        if row["role"] == "holder":
            holders[row["line_id"]].append(row)
    numbers_of: dict[str, set[str]] = defaultdict(set)  # a holder who leads: their phones
    for number, person in leaders(truth)[0].items():
        if number != person:
            numbers_of[person].add(number)
    calls = []
    for line in truth["lines"]:
        rows = holders.get(matching.found_line_of.get(line["line_id"], ""), [])
        numbers = set(line.get("holder_numbers", []))
        numbers.update(*(numbers_of[p] for p in line["holder_person_ids"]))
        right = len(rows) == 1 and (
            rows[0]["person_id"] in line["holder_person_ids"]
            if rows[0]["person_id"]
            else rows[0]["number"] in numbers
        )
        sure = float(rows[0].get("score") or 0) if len(rows) == 1 else 0.0
        calls.append((line["line_id"], sure, bool(right)))
    return calls


def _named_holder_right(truth: dict[str, Any], results: Path, matching: Matching) -> Measure:
    calls = holder_calls(truth, results, matching)
    wrong = [line for line, _, right in calls if not right]
    return _share(
        "named holder right", len(calls) - len(wrong), len(calls), _listed("wrong", wrong)
    )


def _groups_ari(truth: dict[str, Any], matching: Matching) -> Measure:
    ocgs, groups = [], []
    for line in truth["lines"]:
        found = matching.found_line_of.get(line["line_id"])
        if found is not None:
            ocgs.append(line["ocg_id"])
            groups.append(matching.group_of_line.get(found, f"{found} alone"))
    value = round(adjusted_rand_index(ocgs, groups), 4) if ocgs else None
    return Measure("groups ARI", value, len(ocgs), len(truth["lines"]), "over the lines found")


def _leaders_in_best_k(truth: dict[str, Any], results: Path, matching: Matching) -> Measure:
    leader_of, leaders_in = leaders(truth)
    ranked: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in read_results_csv(results / "key_players.csv"):
        ranked[row["ocg_id"]].append(row)
    found: set[str] = set()
    for ocg, people in leaders_in.items():
        rows = sorted(ranked.get(matching.group_of_ocg.get(ocg, ""), []), key=_rank)
        found |= people & {leader_of.get(r["entity_id"], "") for r in rows[: len(people)]}
    everyone = set().union(*leaders_in.values())
    missed = sorted(everyone - found)
    return _share("leaders in best k", len(found), len(everyone), _listed("missed", missed))


def _rank(row: dict[str, str]) -> float:
    return float(row["rank"]) if row.get("rank") else float("inf")


def _cuckooed_share(truth: dict[str, Any], results: Path) -> Measure:
    cuckooed = {c["address_id"] for c in truth["cuckooed_addresses"]}
    best = best_addresses(results / "addresses.csv", len(cuckooed))
    return _share("cuckooed share of best N", len(cuckooed.intersection(best)), len(cuckooed))


def _confounders(truth: dict[str, Any], results: Path) -> Measure:
    kind = {c["number"]: c["kind"] for c in truth["confounders"]}
    flagged = {
        row["number"]
        for name in ("deal_lines.csv", "runners.csv")
        for row in read_results_csv(results / name)
    }
    named = sorted(set(kind) & flagged)
    detail = _listed("flagged", [f"{n} ({kind[n]})" for n in named])
    return Measure("confounders flagged", len(named), len(named), len(kind), detail)


def _services(truth: dict[str, Any], results: Path) -> Measure:
    if "services" not in truth:
        return Measure("services named", None, None, None, "the truth lists no services")
    kind = {s["number"]: s["kind"] for s in truth["services"]}
    seen: set[str] = set()
    for row in read_results_csv(results / "holders.csv"):
        seen.add(row["number"])
        seen.update(_numbers_in(row.get("also_considered") or ""))
    for name, column in (
        ("runners.csv", "number"),
        ("deal_lines.csv", "number"),
        ("key_players.csv", "entity_id"),
    ):
        seen.update(row[column] for row in read_results_csv(results / name))
    named = sorted(set(kind) & seen)
    detail = _listed("named", [f"{n} ({kind[n]})" for n in named])
    return Measure("services named", len(named), len(named), len(kind), detail)


def _numbers_in(text: str) -> Iterable[str]:
    """The numbers and ids in a free-text list of candidates (`+447700900123 (0.41); ...`),
    as whole words: a short code must not match inside a longer number."""
    return re.findall(r"\+?\w+", text)


def _listed(what: str, items: list[str]) -> str:
    shown = ", ".join(items[:5]) + (f" and {len(items) - 5} more" if len(items) > 5 else "")
    return f"{what}: {shown}" if items else ""
