"""The rows of `addresses.csv`: each reported premises with its score, resident, warrant
window, evidence and assessment: "likely cuckooed" where it scores `LIKELY_SCORE` or more,
or where it is the line's best, scoring `BEST_SCORE` or more with the line's phones on its
cell on most of their nights (presence `LIKELY_PRESENCE` or more); else "near the line's
phones" (worth a look, not a target). On the small synthetic world (seed 7) the first rule
alone caught 8 of 13 cuckooed homes and nothing else; the line's best adds one."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from stronghold.analysis.warrant_windows import warrant_window

__all__ = ["ADDRESS_COLUMNS", "address_rows"]

LIKELY_SCORE = 0.6
BEST_SCORE, LIKELY_PRESENCE = 0.4, 0.5
ADDRESS_COLUMNS = (
    "address_id",
    "line_id",
    "score",
    "assessment",
    "resident_person_id",
    "best_warrant_window",
    "evidence",
    "town",
    "latitude",
    "longitude",
)


def address_rows(
    premises: list[dict[str, Any]],
    sightings: list[dict[str, Any]],
    activity: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """One row per reported premises, best first. `sightings`: the line's runner phones on
    each premises' serving cell; `activity`: the same phones' events anywhere."""
    seen: dict[tuple[str, str], list[tuple[str, datetime]]] = defaultdict(list)
    for s in sightings:
        seen[(s["line_id"], s["address_id"])].append((s["number"], s["start_time"]))
    active: dict[str, list[tuple[str, datetime]]] = defaultdict(list)
    for a in activity:
        active[a["line_id"]].append((a["number"], a["start_time"]))
    rows = []
    best: set[str] = set()  # lines whose best premises has been seen
    for p in sorted(premises, key=lambda p: (-p["score"], p["line_id"], p["address_id"])):
        first = p["line_id"] not in best
        best.add(p["line_id"])
        window = warrant_window(seen[(p["line_id"], p["address_id"])], active[p["line_id"]])
        resident = p["vulnerable_resident"] or p["customer_resident"] or p["resident"]
        rows.append(
            {
                "address_id": p["address_id"],
                "line_id": p["line_id"],
                "score": p["score"],
                "assessment": _assessment(p, first),
                "resident_person_id": resident or "",
                "best_warrant_window": str(window) if window else "",
                "evidence": _evidence(p),
                "town": p["town"] or "",
                "latitude": p["latitude"],
                "longitude": p["longitude"],
            }
        )
    return rows


def _assessment(p: dict[str, Any], best: bool) -> str:
    likely = p["score"] >= LIKELY_SCORE or (
        best and p["score"] >= BEST_SCORE and p["presence"] >= LIKELY_PRESENCE
    )
    return "likely cuckooed" if likely else "near the line's phones"


def _against_the_area(close: int, around: int, km: float = 0.15, area_km: float = 1.0) -> str:
    """Incidents within `km` against the density of the ring from there out to `area_km`."""
    rate = (
        f", {(close / km**2) / (around / (area_km**2 - km**2)):.0f} times its rate per km²"
        if around
        else ""
    )
    return (
        f"{close} incident(s) of these kinds within 150 m while the line was active, "
        f"{around} in the rest of the area out to 1 km{rate}"
    )


def _evidence(p: dict[str, Any]) -> str:
    parts = [
        f"the line's runner phones spent {p['served_nights']} phone-nights on the cell "
        f"expected to serve it, on {p['nights']} of the {p['line_nights']} nights its runners "
        f"were in the county from the first to the last of them"
    ]
    if p["vulnerable_resident"]:
        parts.append(f"resident {p['vulnerable_resident']} is flagged as vulnerable")
    if p["customer_resident"]:
        parts.append(f"resident {p['customer_resident']} is one of the line's customers")
    if p["incidents_here"]:
        parts.append(
            f"{p['incidents_here']} anti-social behaviour, drugs, violence or weapons "
            f"incident(s) recorded at the address while the line was active"
        )
    if p["incidents_near"]:
        parts.append(f"{p['incidents_near']} more within 150 m with no address (not scored)")
    if p["incidents_close"]:
        parts.append(_against_the_area(p["incidents_close"], p["incidents_around"]))
    if p["reports"]:
        parts.append(f"{p['reports']} intelligence report(s) name it")
    return "; ".join(parts)
