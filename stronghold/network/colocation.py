"""Co-location from the comms data's cells: two of the phones the analyses named (lines,
holders, controllers, runners and their people's numbers) used on the same cell in the
same quarter hour of the clock on at least `MIN_DAYS` days. A holder's own phone beside the
line phone, night after night, is the classic attribution; runners on the same cells travel
together.

Only named phones are compared: every phone against every other on a busy town-centre
cell says nothing but that both were in town."""

from __future__ import annotations

from stronghold.engine import Engine
from stronghold.network.intelligence_links import Link

__all__ = ["MIN_DAYS", "cell_colocation"]

MIN_DAYS = 3
SLOT = "15 minutes"


def cell_colocation(engine: Engine, numbers: set[str]) -> list[Link]:
    """Links between `numbers` seen on the same cell and quarter hour on MIN_DAYS days."""
    if len(numbers) < 2:
        return []
    engine.register_values("watched", numbers)
    rows = engine.arrow(
        "with seen as (select a_number as number, a_cell as cell, start_time from comms "
        "where a_cell is not null and a_number in (select number from watched) union all "
        "select b_number, b_cell, start_time from comms where b_cell is not null "
        "and b_number in (select number from watched)), "
        f"slots as (select distinct number, cell, time_bucket(interval '{SLOT}', start_time) "
        "as slot from seen) "
        "select x.number as a, y.number as b, count(distinct cast(x.slot as date)) as days, "
        "min(x.slot) as first_at, max(x.slot) as last_at from slots x join slots y "
        "on x.cell = y.cell and x.slot = y.slot and x.number < y.number group by 1, 2 "
        f"having count(distinct cast(x.slot as date)) >= {MIN_DAYS}"
    ).to_pylist()
    return [
        Link(
            r["a"],
            r["b"],
            "co-location",
            f"comms cells: {r['a']} and {r['b']} on the same cell in the same quarter hour "
            f"on {r['days']} days "
            f"({r['first_at']:%Y-%m-%d} to {r['last_at']:%Y-%m-%d})",
            r["first_at"],
            weight=float(r["days"]),
        )
        for r in rows
    ]
