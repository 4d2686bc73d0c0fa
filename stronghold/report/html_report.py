"""The findings report: one HTML file with its styles inline and no scripts, written into the
workspace's `reports/` folder from the latest results and the workspace's cells."""

from __future__ import annotations

import math
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

from stronghold.analysis.premises_findings import LIKELY
from stronghold.distance import KM_PER_DEGREE
from stronghold.report.svg import timeline, town_map
from stronghold.results_files import read_results_csv
from stronghold.workspace import Workspace

__all__ = ["REPORT_NAME", "read_results", "write_report"]

REPORT_NAME = "stronghold-report.html"
STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem;max-width:1100px;color:#1d1d1f}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;font-size:.85rem;margin:.5rem 0 1.5rem}
th,td{border:1px solid #ddd;padding:.3rem .4rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}.num{text-align:right}.headline td{font-size:1.1rem}
svg text{font-size:11px;fill:#333}.ground{fill:#f7f7f4;stroke:#ccc}
.cell{fill:#999}.premises{fill:#c0392b;fill-opacity:.7;stroke:#7b241c}
.number{stroke:#fff}.n0{fill:#2e86c1}.n1{fill:#28b463}.n2{fill:#af7ac5}.n3{fill:#f39c12}
.note{color:#555;font-size:.85rem}
"""
CELLS_AROUND_KM = 3.0


def read_results(folder: Path) -> dict[str, list[dict[str, str]]]:
    """Each results CSV in `folder` as rows (missing files: no rows)."""
    found = {}
    for name in (
        "deal_lines",
        "line_handovers",
        "lines",
        "holders",
        "runners",
        "addresses",
        "safeguarding",
    ):
        found[name] = read_results_csv(folder / f"{name}.csv")
    return found


def write_report(workspace: Workspace, cells: list[dict[str, Any]]) -> Path:
    """Write the report from the workspace's results; `cells` (cell_id, latitude, longitude)
    are drawn around each town's premises."""
    r = read_results(workspace.results)
    sections = [
        _headline(r),
        _lines(r),
        _timeline(r),
        _maps(r, cells),
        _table(
            "People to safeguard",
            r["safeguarding"],
            ("person_id", "number", "reason", "partner", "urgency", "line_id", "evidence"),
        ),
        _table(
            "Holders and controllers",
            r["holders"],
            ("line_id", "role", "number", "person_id", "score", "evidence"),
        ),
        _table(
            "Runners",
            r["runners"],
            ("number", "person_id", "line_id", "score", "evidence"),
        ),
        _table(
            "Premises",
            r["addresses"],
            ("address_id", "town", "line_id", "score", "best_warrant_window", "evidence"),
        ),
        _table(
            "Handovers",
            r["line_handovers"],
            ("line_id", "old_number", "new_number", "at", "evidence"),
        ),
    ]
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>Stronghold findings</title>"
        f"<style>{STYLE}</style></head><body><h1>Stronghold findings</h1>"
        f'<p class="note">Written {datetime.now().astimezone():%Y-%m-%d %H:%M %Z} from '
        f"{escape(str(workspace.results))}. Stronghold ranks and explains: every finding "
        f"shows its evidence, and people decide.</p>{''.join(sections)}</body></html>\n"
    )
    path = workspace.reports / REPORT_NAME
    partial = path.with_suffix(".partial")
    partial.write_text(page, encoding="utf-8")
    partial.replace(path)
    return path


def headline_counts(r: dict[str, list[dict[str, str]]]) -> dict[str, int]:
    return {
        "lines": len(r["lines"]),
        "deal-line numbers": len(r["deal_lines"]),
        "handovers": len(r["line_handovers"]),
        "holders": len(
            {h["number"] for h in r["holders"] if h["role"] == "holder" and h["number"]}
        ),
        "controllers": len({h["number"] for h in r["holders"] if h["role"] == "controller"}),
        "runners": len(r["runners"]),
        "premises likely cuckooed": len(
            {a["address_id"] for a in r["addresses"] if a.get("assessment") == LIKELY}
        ),
        "people to safeguard": len(r["safeguarding"]),
    }


def _headline(r: dict[str, list[dict[str, str]]]) -> str:
    cells = "".join(
        f'<tr><td>{escape(k)}</td><td class="num">{v:,}</td></tr>'
        for k, v in headline_counts(r).items()
    )
    return f'<h2>Headline</h2><table class="headline">{cells}</table>'


def _lines(r: dict[str, list[dict[str, str]]]) -> str:
    return _table(
        "Lines",
        r["lines"],
        (
            "line_id",
            "numbers",
            "customers",
            "orders_per_day",
            "confirmed_transactions",
            "runners",
            "evidence",
        ),
    ) + _table("Deal-line numbers", r["deal_lines"], ("line_id", "number", "score", "evidence"))


def _timeline(r: dict[str, list[dict[str, str]]]) -> str:
    if not r["deal_lines"]:
        return "<h2>Timeline</h2><p>No lines found.</p>"
    by_line: dict[str, list[dict[str, Any]]] = {}
    for d in r["deal_lines"]:
        by_line.setdefault(d["line_id"], []).append(
            {
                "number": d["number"],
                "first_seen": datetime.fromisoformat(d["first_seen"]),
                "last_seen": datetime.fromisoformat(d["last_seen"]),
            }
        )
    start = min(n["first_seen"] for ns in by_line.values() for n in ns)
    end = max(n["last_seen"] for ns in by_line.values() for n in ns)
    return f"<h2>Timeline of each line's numbers</h2>{timeline(by_line, start, end)}"


def _maps(r: dict[str, list[dict[str, str]]], cells: list[dict[str, Any]]) -> str:
    towns: dict[str, list[dict[str, Any]]] = {}
    for a in r["addresses"]:
        if a.get("town") and a.get("latitude"):
            towns.setdefault(a["town"], []).append(
                {**a, "latitude": float(a["latitude"]), "longitude": float(a["longitude"])}
            )
    if not towns:
        return "<h2>Maps</h2><p>No premises to map.</p>"
    parts = ["<h2>County towns: premises and cells</h2>"]
    for town, premises in sorted(towns.items()):
        lat = sum(p["latitude"] for p in premises) / len(premises)
        lon = sum(p["longitude"] for p in premises) / len(premises)
        across = KM_PER_DEGREE * math.cos(math.radians(lat))  # km in a degree of longitude
        near = [
            c
            for c in cells
            if abs(c["latitude"] - lat) * KM_PER_DEGREE <= CELLS_AROUND_KM
            and abs(c["longitude"] - lon) * across <= CELLS_AROUND_KM
        ]
        parts.append(town_map(town, near, premises))
    return "".join(parts)


def _table(title: str, rows: list[dict[str, str]], columns: tuple[str, ...]) -> str:
    if not rows:
        return f"<h2>{escape(title)}</h2><p>None.</p>"
    head = "".join(f"<th>{escape(c.replace('_', ' '))}</th>" for c in columns)
    body = "".join(
        "<tr>"
        + "".join(f"<td>{escape(str(row.get(c, '')).replace(';', '; '))}</td>" for c in columns)
        + "</tr>"
        for row in rows
    )
    return f"<h2>{escape(title)}</h2><table><tr>{head}</tr>{body}</table>"
