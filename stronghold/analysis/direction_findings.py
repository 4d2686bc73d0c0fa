"""The rows of `holders.csv` (Stronghold's own): the holders and controllers of each line,
ranked, with the person where a record names the number, and the evidence."""

from __future__ import annotations

from typing import Any

__all__ = ["HOLDER_COLUMNS", "holder_rows"]

HOLDER_COLUMNS = ("line_id", "role", "number", "person_id", "score", "evidence")


def holder_rows(
    controllers: list[dict[str, Any]],
    holders: list[dict[str, Any]],
    people: dict[str, list[str]],
) -> list[dict[str, Any]]:
    rows = []
    for c in controllers:
        rows.append(
            _row(
                c,
                "controller",
                people,
                f"in contact with {c['runners_contacted']} of the line's {c['line_runners']} "
                f"runner phones, {c['contacts']} times; not a customer of the line",
            )
        )
    for h in holders:
        rows.append(
            _row(
                h,
                "holder",
                people,
                f"in contact with {h['controllers_contacted']} of the line's "
                f"{h['line_controllers']} controllers, {h['contacts']} times; neither a runner "
                f"nor a customer",
            )
        )
    order = {"holder": 0, "controller": 1}
    return sorted(rows, key=lambda r: (r["line_id"], order[r["role"]], -r["score"], r["number"]))


def _row(
    found: dict[str, Any], role: str, people: dict[str, list[str]], evidence: str
) -> dict[str, Any]:
    named = people.get(found["number"], [])
    who = f"; recorded as used by {', '.join(named)}" if named else "; no record names its user"
    return {
        "line_id": found["line_id"],
        "role": role,
        "number": found["number"],
        "person_id": ";".join(named),
        "score": found["score"],
        "evidence": evidence + who,
    }
