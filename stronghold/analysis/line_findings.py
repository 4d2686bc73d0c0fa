"""The rows of the line results files: `deal_lines.csv`, `line_handovers.csv` (the contract's)
and `lines.csv` (one row per line, Stronghold's own), each with its evidence."""

from __future__ import annotations

from typing import Any

from stronghold.analysis.deal_lines import deal_line_evidence
from stronghold.analysis.features import FeatureSettings
from stronghold.analysis.handovers import Handover
from stronghold.analysis.transactions import TRANSACTION_ASSUMPTIONS

__all__ = [
    "DEAL_LINE_COLUMNS",
    "HANDOVER_COLUMNS",
    "LINE_COLUMNS",
    "RUNNER_COLUMNS",
    "deal_line_rows",
    "handover_rows",
    "line_rows",
    "runner_rows",
]

DEAL_LINE_COLUMNS = (
    "number",
    "line_id",
    "score",
    "first_seen",
    "last_seen",
    "customers",
    "bulk_messages",
    "evidence",
)
HANDOVER_COLUMNS = ("old_number", "new_number", "line_id", "score", "at", "evidence")
LINE_COLUMNS = (
    "line_id",
    "numbers",
    "first_seen",
    "last_seen",
    "customers",
    "customer_list",
    "orders",
    "orders_per_day",
    "confirmed_transactions",
    "runners",
    "evidence",
)

RUNNER_COLUMNS = ("number", "person_id", "line_id", "score", "trips", "evidence")


def deal_line_rows(
    found: list[dict[str, Any]], line_of: dict[str, str], features: FeatureSettings
) -> list[dict[str, Any]]:
    return [
        {
            "number": row["number"],
            "line_id": line_of[row["number"]],
            "score": row["score"],
            "first_seen": when(row["first_seen"]),
            "last_seen": when(row["last_seen"]),
            "customers": row["out_contacts"],
            "bulk_messages": row["bulk_messages"],
            "evidence": deal_line_evidence(row, features),
        }
        for row in found
    ]


def handover_rows(handovers: list[Handover], line_of: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {
            "old_number": h.old_number,
            "new_number": h.new_number,
            "line_id": line_of[h.old_number],
            "score": h.score,
            "at": when(h.at),
            "evidence": h.evidence,
        }
        for h in handovers
    ]


def line_rows(
    summaries: list[dict[str, Any]], line_of: dict[str, str], features: FeatureSettings
) -> list[dict[str, Any]]:
    """One row per line from the `line_summary` step, its numbers in order of first use."""
    assumptions = TRANSACTION_ASSUMPTIONS.format(
        w=features.callback_minutes, r=features.regular_callbacks
    )
    rows = []
    for s in sorted(summaries, key=lambda s: s["line_id"]):
        numbers = [n for n, line in line_of.items() if line == s["line_id"]]
        per_day = s["orders"] / s["order_days"] if s["order_days"] else 0.0
        rows.append(
            {
                "line_id": s["line_id"],
                "numbers": ";".join(numbers),
                "first_seen": when(s["first_seen"]),
                "last_seen": when(s["last_seen"]),
                "customers": s["customers"] or 0,
                "customer_list": s["texted"] or 0,
                "orders": s["orders"] or 0,
                "orders_per_day": round(per_day, 1),
                "confirmed_transactions": s["confirmed"],
                "runners": s["runners"] or 0,
                "evidence": (
                    f"{len(numbers)} number(s); {s['customers'] or 0} customers contacted it "
                    f"and it texted {s['texted'] or 0}; {s['orders'] or 0} orders on "
                    f"{s['order_days'] or 0} days ({per_day:.1f} a day), of which "
                    f"{s['confirmed']} were confirmed by a callback from one of its "
                    f"{s['runners'] or 0} runner numbers or the line. Counting rule: "
                    f"{assumptions}"
                ),
            }
        )
    return rows


def runner_rows(
    found: list[dict[str, Any]],
    people: dict[str, list[str]],
    features: FeatureSettings,
    trips: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """One row per (line, number) from the `runners` step; the person where the nominal
    records name one (several people on one number are all named); its trips into the
    county (`runner_trips`, in time order)."""
    arrivals: dict[tuple[str, str], list[str]] = {}
    for t in trips:
        arrivals.setdefault((t["line_id"], t["number"]), []).append(f"{t['arrived']:%d %b}")
    rows = []
    for r in sorted(found, key=lambda r: (r["line_id"], -r["score"], r["number"])):
        came = arrivals.get((r["line_id"], r["number"]), [])
        journeys = (
            f"; came into the county {len(came)} time(s), on the way from 25 km or more "
            f"away: {', '.join(came)}"
            if came
            else "; no journey into the county seen (a local runner, or a phone off on the way)"
        )
        named = people.get(r["number"], [])
        who = f"recorded as used by {', '.join(named)}" if named else "no record names its user"
        rows.append(
            {
                "number": r["number"],
                "person_id": ";".join(named),
                "line_id": r["line_id"],
                "score": r["score"],
                "trips": len(came),
                "evidence": (
                    f"called back {r['served']} of the line's {r['callers']} customers within "
                    f"{features.callback_minutes} minutes of their contacting it; the line "
                    f"contacted it {r['passed_on']} times (orders passed on); it was sent "
                    f"{r['on_list']:.0%} of the line's {r['broadcasts']} broadcasts (a "
                    f"customer is sent most){journeys}; {who}"
                ),
            }
        )
    return rows


def when(value: Any) -> str:
    return str(value.strftime("%Y-%m-%dT%H:%M:%SZ"))
