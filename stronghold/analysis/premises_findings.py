"""The rows of `addresses.csv`: each reported premises with its score, resident, warrant
window, evidence and assessment.

Only signs at the address itself (incidents recorded at it while the line was active, an
intelligence report of supply from it) tell a used home from its neighbours: the line's
phones on its cell, a vulnerable or customer resident and a tenancy are true of many homes
under one mast. So a premises is assessed "likely cuckooed" only with such signs, where it
scores `LIKELY_SCORE` or more, or is the line's best with signs, scoring `BEST_SCORE` or more
with the line's phones on its cell on most of their nights (presence `LIKELY_PRESENCE` or
more); "possibly cuckooed" with signs, the line's phones on its cell and a score of
`POSSIBLE_SCORE` or more; else "near the line's phones" (worth a look, not a target).
Measured on nineteen small synthetic worlds: 203 of 205 homes so assessed likely were
cuckooed, and 40 of 47 possibly (docs/analyses/premises.md)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from stronghold.analysis.premises import PremisesSettings
from stronghold.analysis.warrant_windows import warrant_window

__all__ = ["ADDRESS_COLUMNS", "LIKELY", "POSSIBLE", "address_rows"]

LIKELY_SCORE = 0.6
BEST_SCORE, LIKELY_PRESENCE = 0.4, 0.5
POSSIBLE_SCORE = 0.4
TENURES = {
    "social": "a social tenancy (cuckooing targets tenancies)",
    "private_rented": "a private tenancy (cuckooing targets tenancies)",
    "owner": "owner-occupied",
}
LIKELY, POSSIBLE, NEAR = "likely cuckooed", "possibly cuckooed", "near the line's phones"
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
    settings: PremisesSettings | None = None,
) -> list[dict[str, Any]]:
    """One row per reported premises, best first. `sightings`: the line's runner phones on
    each premises' serving cell; `activity`: the same phones' events anywhere; `settings`:
    those the premises were scored with (their distances are in the evidence's words)."""
    settings = settings or PremisesSettings()
    seen: dict[tuple[str, str], list[tuple[str, datetime]]] = defaultdict(list)
    for s in sightings:
        seen[(s["line_id"], s["address_id"])].append((s["number"], s["start_time"]))
    active: dict[str, list[tuple[str, datetime]]] = defaultdict(list)
    for a in activity:
        active[a["line_id"]].append((a["number"], a["start_time"]))
    rows = []
    best: set[str] = set()  # lines whose best premises with signs has been seen
    for p in sorted(
        premises, key=lambda p: (-p["score"], -_signs(p), p["line_id"], p["address_id"])
    ):
        first = _signs(p) > 0 and p["line_id"] not in best
        if _signs(p):
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
                "evidence": _evidence(p, settings),
                "town": p["town"] or "",
                "latitude": p["latitude"],
                "longitude": p["longitude"],
            }
        )
    return rows


def _signs(p: dict[str, Any]) -> int:
    """Signs at the address itself: incidents recorded at it, reports of supply from it."""
    return p["incidents_here"] + p["reports"]


def _assessment(p: dict[str, Any], best: bool) -> str:
    if not _signs(p):
        return NEAR
    if p["score"] >= LIKELY_SCORE or (
        best and p["score"] >= BEST_SCORE and p["presence"] >= LIKELY_PRESENCE
    ):
        return LIKELY
    return POSSIBLE if p["presence"] > 0 and p["score"] >= POSSIBLE_SCORE else NEAR


def _against_the_area(close: int, around: int, s: PremisesSettings) -> str:
    """Incidents within the incident distance against the density of the ring from there
    out to the surrounding area's edge."""
    km, area_km = s.incident_km, s.area_km
    rate = (
        f", {(close / km**2) / (around / (area_km**2 - km**2)):.0f} times its rate per km²"
        if around
        else ""
    )
    return (
        f"{close} incident(s) of these kinds within {_far(km)} while the line was active, "
        f"{around} in the rest of the area out to {_far(area_km)}{rate}"
    )


def _far(km: float) -> str:
    """A distance as the evidence says it: 150 m, 1 km, 1.5 km."""
    return f"{km * 1000:.0f} m" if km < 1 else f"{km:g} km"


def _evidence(p: dict[str, Any], s: PremisesSettings) -> str:
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
        parts.append(
            f"{p['incidents_near']} more within {_far(s.incident_km)} with no address (not scored)"
        )
    if p["incidents_close"]:
        parts.append(_against_the_area(p["incidents_close"], p["incidents_around"], s))
    if p["reports"]:
        parts.append(f"{p['reports']} intelligence report(s) of drug supply from it name it")
    if p["other_reports"]:
        parts.append(f"{p['other_reports']} other report(s) name it (not of supply: not scored)")
    if p["tenure"]:
        parts.append(TENURES.get(p["tenure"], p["tenure"]))
    if not _signs(p):
        parts.append(
            "no incident recorded at it and no report of supply from it: nothing here tells "
            "it from the neighbouring homes on the same cell"
        )
    return "; ".join(parts)
