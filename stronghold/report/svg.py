"""Inline SVG drawings for the report: a map of a town (cells and premises, projected from
latitude and longitude, no tiles) and a timeline of each line's numbers."""

from __future__ import annotations

import math
from datetime import datetime
from html import escape
from typing import Any

from stronghold.distance import KM_PER_DEGREE

__all__ = ["timeline", "town_map"]

WIDTH, HEIGHT, PAD = 640, 420, 24


def town_map(town: str, cells: list[dict[str, Any]], premises: list[dict[str, Any]]) -> str:
    """Cells as grey dots, premises as red circles (larger for a higher score), each with
    a tooltip; north up, equal distances in both directions."""
    points = [(p["latitude"], p["longitude"]) for p in premises + cells]
    lat0 = sum(p[0] for p in points) / len(points)
    scale_x = math.cos(math.radians(lat0))
    xs = [lon * scale_x for _, lon in points]
    ys = [lat for lat, _ in points]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-3)
    size = min(WIDTH, HEIGHT) - 2 * PAD

    def at(lat: float, lon: float) -> tuple[float, float]:
        x = PAD + (lon * scale_x - min(xs)) / span * size
        y = HEIGHT - PAD - (lat - min(ys)) / span * size
        return round(x, 1), round(y, 1)

    shapes = []
    for c in cells:
        x, y = at(c["latitude"], c["longitude"])
        shapes.append(
            f'<circle class="cell" cx="{x}" cy="{y}" r="2.5"><title>cell '
            f"{escape(str(c['cell_id']))}</title></circle>"
        )
    for p in premises:
        x, y = at(p["latitude"], p["longitude"])
        radius = 4 + 8 * float(p["score"])
        shapes.append(
            f'<circle class="premises" cx="{x}" cy="{y}" r="{radius:.1f}"><title>'
            f"{escape(p['address_id'])} ({escape(p['line_id'])}), score {p['score']}: "
            f"{escape(p['best_warrant_window'])}</title></circle>"
        )
    km = span * KM_PER_DEGREE
    return (
        f'<svg class="map" role="img" aria-label="map of {escape(town)}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}">'
        f'<rect class="ground" width="{WIDTH}" height="{HEIGHT}"/>{"".join(shapes)}'
        f'<text x="{PAD}" y="{PAD - 8}">{escape(town)}: {len(premises)} premises, '
        f"{len(cells)} cells; the square is {km:.1f} km across</text></svg>"
    )


def timeline(lines: dict[str, list[dict[str, Any]]], start: datetime, end: datetime) -> str:
    """One row per line, a bar per number from its first to its last contact."""
    row, label, width = 26, 70, WIDTH - 90
    total = max((end - start).total_seconds(), 1.0)
    shapes = []
    for n, (line_id, numbers) in enumerate(sorted(lines.items())):
        y = PAD + n * row
        shapes.append(f'<text x="4" y="{y + 14}">{escape(line_id)}</text>')
        for k, number in enumerate(numbers):
            first = (number["first_seen"] - start).total_seconds() / total
            last = (number["last_seen"] - start).total_seconds() / total
            x, w = label + first * width, max((last - first) * width, 2)
            shapes.append(
                f'<rect class="number n{k % 4}" x="{x:.1f}" y="{y}" width="{w:.1f}" '
                f'height="{row - 8}"><title>{escape(number["number"])}: '
                f"{number['first_seen']:%d %b %H:%M} to {number['last_seen']:%d %b %H:%M}"
                f"</title></rect>"
            )
    height = PAD + len(lines) * row + 10
    return (
        f'<svg class="timeline" role="img" aria-label="timeline of the lines\' numbers" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}">'
        f'<text x="{label}" y="14">{start:%d %b %Y}</text>'
        f'<text x="{WIDTH - 90}" y="14">{end:%d %b %Y}</text>{"".join(shapes)}</svg>'
    )
