"""Phones that spend their nights together: a household, from cell sites.

Two phones in touch with each other `MIN_EVENTS` times or more that used the same cell on
the same night, on `MIN_NIGHTS` nights or more, sleep under one roof or next door: a
go-between's wife or mother rings him as often as his boss does, but sleeps where he
sleeps; his boss does not (measured on leaders-via-go-between 1: the phone most in touch
with a go-between after his boss shared his night cell on most nights). Such a pair is
linked ("household"), and no one is found to direct a person of their own household
(go_between_bosses.py). Only the phones in the lines' business are compared
(sleeping.business_phones): every household of a county is not the network's business.
"""

from __future__ import annotations

from stronghold.engine import Engine
from stronghold.network.intelligence_links import Link
from stronghold.network.sleeping import MIN_NIGHTS, nights_on_cells

__all__ = ["nights_together"]


def nights_together(engine: Engine, numbers: set[str], pairs: str, min_events: float) -> list[Link]:
    """ "household" links between two of `numbers` in touch `min_events` times or more (`pairs`:
    SQL giving a, b, events) on one cell on `MIN_NIGHTS` or more of the same nights."""
    if len(numbers) < 2:
        return []
    engine.register_values("household_numbers", numbers)
    watched = "(select number from household_numbers)"
    rows = engine.arrow(
        f"with nights as ({nights_on_cells('household_numbers')}), "
        f"strong as (select a, b from ({pairs}) p where events >= {min_events} "
        f"and a in {watched} and b in {watched}) "
        "select s.a, s.b, count(distinct x.night) as nights from strong s "
        "join nights x on x.number = s.a join nights y on y.number = s.b "
        "and y.cell = x.cell and y.night = x.night group by 1, 2 "
        f"having count(distinct x.night) >= {MIN_NIGHTS}"
    ).to_pylist()
    return [
        Link(
            r["a"],
            r["b"],
            "household",
            f"cell sites: {r['a']} and {r['b']} on one cell on {r['nights']} of the same nights",
        )
        for r in sorted(rows, key=lambda r: (r["a"], r["b"]))
    ]
