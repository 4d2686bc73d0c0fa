"""The rows of `holders.csv`: for each line, one holder (or "not determined", with the
reason) and its controllers, with the person where a record names the number, a confidence
and the evidence; the other candidates in `also_considered` (../shared/CONTRACT.md)."""

from __future__ import annotations

from typing import Any

from stronghold.analysis.holder_decisions import Candidate, HolderDecision

__all__ = ["HOLDER_COLUMNS", "holder_rows"]

HOLDER_COLUMNS = (
    "line_id",
    "role",
    "number",
    "person_id",
    "score",
    "also_considered",
    "evidence",
)
CONSIDERED = 5  # candidates named in also_considered


def holder_rows(
    controllers: list[dict[str, Any]],
    decisions: dict[str, HolderDecision],
    people: dict[str, list[str]],
) -> list[dict[str, Any]]:
    rows = [_holder_row(d) for d in decisions.values()]
    for c in controllers:
        held = decisions.get(c["line_id"])
        if held and held.holder and c["number"] in held.holder.numbers:
            continue  # the holder talks to runners too: named once, as the holder
        rows.append(_controller_row(c, people))
    order = {"holder": 0, "controller": 1}
    return sorted(rows, key=lambda r: (r["line_id"], order[r["role"]], -r["score"], r["number"]))


def _holder_row(decision: HolderDecision) -> dict[str, Any]:
    best = decision.holder
    others = [c for c in decision.ranked if c is not best][:CONSIDERED]
    considered = "; ".join(f"{_named(c)} ({c.score:.2f})" for c in others)
    if best is None:
        return {
            "line_id": decision.line_id,
            "role": "holder",
            "number": "",
            "person_id": "",
            "score": decision.confidence,
            "also_considered": "; ".join(
                f"{_named(c)} ({c.score:.2f})" for c in decision.ranked[:CONSIDERED]
            ),
            "evidence": decision.reason,
        }
    number = max(best.numbers)  # one of the person's numbers, the same each run (all in evidence)
    return {
        "line_id": decision.line_id,
        "role": "holder",
        "number": number,
        "person_id": best.person_id,
        "score": decision.confidence,
        "also_considered": considered,
        "evidence": _holder_evidence(best, others, decision.confidence),
    }


def _holder_evidence(best: Candidate, others: list[Candidate], sure: float) -> str:
    signs = best.signs
    parts = [
        f"in contact with {best.controllers_contacted} of the line's other controllers "
        f"({best.controller_contacts} times, {signs['height']:.0%} of its contacts with the "
        f"line's management; {best.runner_contacts} with its runners)"
    ]
    if "with_line" in signs:
        parts.append(
            f"on the same cell as the line's phone in the same hour on {best.colocated_days} "
            f"days ({signs['with_line']:.0%} of the line's days)"
        )
    phones = ", ".join(best.numbers)
    who = (
        f"recorded as using {phones}" if best.person_id else f"no record names the user of {phones}"
    )
    ahead = (
        f"scores {best.score:.2f} against {others[0].score:.2f} for {_named(others[0])}"
        if others
        else f"scores {best.score:.2f}, the only candidate"
    )
    return f"{'; '.join(parts)}; {who}; {ahead}; confidence {sure:.2f}"


def _controller_row(found: dict[str, Any], people: dict[str, list[str]]) -> dict[str, Any]:
    named = people.get(found["number"], [])
    who = f"; recorded as used by {', '.join(named)}" if named else "; no record names its user"
    return {
        "line_id": found["line_id"],
        "role": "controller",
        "number": found["number"],
        "person_id": ";".join(named),
        "score": found["score"],
        "also_considered": "",
        "evidence": f"in contact with {found['runners_contacted']} of the line's "
        f"{found['line_runners']} runner phones, {found['contacts']} times; not a customer of "
        f"the line{who}",
    }


def _named(candidate: Candidate) -> str:
    if candidate.person_id:
        return f"{candidate.person_id} ({', '.join(candidate.numbers)})"
    return ", ".join(candidate.numbers)
