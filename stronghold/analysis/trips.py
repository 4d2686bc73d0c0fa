"""Runners' trips between hub and county, from the cells their phones use.

The county is where the line's runners ring its customers back: the cells of those
callbacks. An event on a cell within `near_km` of one of them is in the county; one farther
than `away_km` from all of them is away (in the hub, or on the way); in between says
nothing. A trip is an arrival: an event in the county whose last located event before it
was away. Runners' work phones are often off between shifts; the check-ins on the way in
are what show the journey.

Steps read `runner_events`, `line_inbound` and `cells`.
"""

from __future__ import annotations

from dataclasses import dataclass

from stronghold.distance import sql_km_apart
from stronghold.engine.pipeline import Step

__all__ = ["TripSettings", "trip_steps"]


@dataclass(frozen=True)
class TripSettings:
    near_km: float = 5.0
    away_km: float = 25.0


def trip_steps(settings: TripSettings | None = None) -> list[Step]:
    """Steps ending in `runner_trips`: (line_id, number, arrived, from_km) per trip."""
    s = settings or TripSettings()
    distance = sql_km_apart("m", "k")
    return [
        Step(
            "county_cells",
            "select distinct e.line_id, m.latitude, m.longitude from runner_events e "
            "join (select distinct line_id, customer from line_inbound) c "
            "on c.line_id = e.line_id and c.customer = e.other "
            "join cells m on m.cell_id = e.cell where e.direction = 'out'",
        ),
        Step(
            "runner_places",
            f"select e.line_id, e.number, e.start_time, min({distance}) as km "
            f"from runner_events e join cells m on m.cell_id = e.cell "
            f"join county_cells k on k.line_id = e.line_id "
            f"group by e.line_id, e.number, e.start_time",
        ),
        Step(
            "runner_trips",
            f"select line_id, number, start_time as arrived, round(previous_km, 1) as from_km "
            f"from (select line_id, number, start_time, km, lag(km) over (partition by "
            f"line_id, number order by start_time) as previous_km from runner_places "
            f"where km <= {s.near_km} or km >= {s.away_km}) p "
            f"where km <= {s.near_km} and previous_km >= {s.away_km}",
        ),
    ]
