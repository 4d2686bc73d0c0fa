"""Which true line each found line is, and which crime group each found group is.

Stronghold names its lines and groups itself (`SL003`, `G02`); the truth names them its own
way (`L001`, `OCG01`). A found line is matched to a true line by its deal-line numbers: the
numbers `lines.csv` lists for it and the `deal_lines.csv` rows that name it, each number a
vote for the true line that used it, the most votes winning (numbers no true line used do
not vote). Numbers are what both sides share and what an analyst checks, so they decide,
never the order or names of lines.

A true line is found when some found line is matched to it; when several are (a line split
in two), the one with the most votes for it stands for it, so a split costs the measures
that follow a line to its holder or group. A found group is the crime group most of its
matched lines belong to, and a crime group's own group is the found group that holds most
of its lines.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stronghold.results_files import read_results_csv

__all__ = ["Matching", "leaders", "match"]


@dataclass(frozen=True)
class Matching:
    true_line_of: dict[str, str]  # found line id -> true line id
    found_line_of: dict[str, str]  # true line id -> the found line that stands for it
    ocg_of_line: dict[str, str]  # found line id -> its true line's crime group
    ocg_of_group: dict[str, str]  # found group id -> crime group
    group_of_ocg: dict[str, str]  # crime group -> its own found group
    group_of_line: dict[str, str]  # found line id -> the found group listing it


def match(truth: dict[str, Any], results: Path) -> Matching:
    """Match the found lines and groups in `results` to the truth's lines and groups."""
    line_of_number = {
        n["number"]: line["line_id"] for line in truth["lines"] for n in line["numbers"]
    }
    numbers: dict[str, set[str]] = defaultdict(set)
    for row in read_results_csv(results / "lines.csv"):
        numbers[row["line_id"]].update(n for n in row["numbers"].split(";") if n)
    for row in read_results_csv(results / "deal_lines.csv"):
        if row.get("line_id"):
            numbers[row["line_id"]].add(row["number"])
    true_line_of: dict[str, str] = {}
    best: dict[str, tuple[int, str]] = {}  # true line -> (votes, found line)
    for found in sorted(numbers):
        votes = Counter(line_of_number[n] for n in numbers[found] if n in line_of_number)
        if not votes:
            continue
        true_line, count = votes.most_common(1)[0]
        true_line_of[found] = true_line
        if true_line not in best or count > best[true_line][0]:
            best[true_line] = (count, found)
    ocg_of_true = {line["line_id"]: line["ocg_id"] for line in truth["lines"]}
    ocg_of_line = {found: ocg_of_true[true] for found, true in true_line_of.items()}
    ocg_of_group, group_of_ocg, group_of_line = _groups(results, ocg_of_line)
    return Matching(
        true_line_of,
        {true: found for true, (_, found) in best.items()},
        ocg_of_line,
        ocg_of_group,
        group_of_ocg,
        group_of_line,
    )


def _groups(
    results: Path, ocg_of_line: dict[str, str]
) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Each found group's crime group (most of its lines'), each crime group's own found
    group (the one listing most of its lines) and each found line's group."""
    ocg_of_group: dict[str, str] = {}
    held: dict[str, Counter[str]] = defaultdict(Counter)  # crime group -> lines per group
    group_of_line: dict[str, str] = {}
    for group in read_results_csv(results / "groups.csv"):
        lines = [line for line in group["lines"].split(";") if line]
        for line in lines:
            group_of_line.setdefault(line, group["ocg_id"])
        votes = Counter(ocg_of_line[line] for line in lines if line in ocg_of_line)
        if votes:
            ocg_of_group[group["ocg_id"]] = votes.most_common(1)[0][0]
        for ocg, count in votes.items():
            held[ocg][group["ocg_id"]] += count
    group_of_ocg = {ocg: groups.most_common(1)[0][0] for ocg, groups in held.items()}
    return ocg_of_group, group_of_ocg, group_of_line


def leaders(truth: dict[str, Any]) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Who each leader's person id or phone is (a leader's own number counts as the
    leader: truth `ocgs[].leader_numbers`, paired with `leader_person_ids`), and each crime
    group's leaders."""
    leader_of: dict[str, str] = {}
    leaders_in: dict[str, set[str]] = {}
    for ocg in truth.get("ocgs", []):
        leaders_in[ocg["ocg_id"]] = set(ocg["leader_person_ids"])
        leader_of.update({p: p for p in ocg["leader_person_ids"]})
        if "leader_phones" in ocg:  # each number with its leader
            leader_of.update({p["number"]: p["person_id"] for p in ocg["leader_phones"]})
        else:  # one number per leader, in order
            numbers = ocg.get("leader_numbers", [])
            leader_of.update(zip(numbers, ocg["leader_person_ids"], strict=False))
    return leader_of, leaders_in
