"""Premises: the homes a line's runners use in the county (cuckooed homes, trap houses).

Runners stay overnight where they deal from. So an address is a candidate when a cell that
one of the line's runner phones used at night covers it (within the cell's radius, or 500 m),
and something about it points at the line: a vulnerable resident (drug dependency, mental
health, learning disability), a resident who is one of the line's customers, anti-social
behaviour or drugs incidents there while the line was active, or intelligence of drug supply
from it. The score is a weighted sum of shares in [0, 1] (`PremisesSettings.weights`):

- presence: runner-nights on the cell expected to serve it (the nearest mast, the sector
  facing it), against the most for any address of the line (one cell serves many homes, so
  presence alone cannot pick one out);
- vulnerable resident; customer resident;
- incidents: anti-social behaviour, drugs, violence or weapons recorded at the address during
  the line's activity (3 or more count fully). Those recorded with no address within 150 m
  of it are shown as evidence but not scored: every neighbour shares them (measured: scoring
  them at half or a quarter put 10-14 of 69 cuckooed homes on five worlds below neighbours;
  not scoring them, 3);
- intelligence: a report naming the address whose text speaks of drug supply or a takeover
  (`SUPPLY_WORDS`); others naming it (stolen goods, cannabis use, a fight nearby) are shown,
  not scored;
- rented: a social or private tenancy (cuckooing targets tenants; owner-occupiers rarely).

The sum is then scaled by `absent_share + (1 - absent_share) x presence`: signs about a home
that the line's phones never came near cannot make it a high-scoring premises (a
vulnerable tenant with incidents is a safeguarding concern, not evidence of this line). And
a home with no sign at the address itself (no incident recorded at it, no report of supply)
keeps `unsigned_share` of its score: the line's phones on its cell, a vulnerable or customer
tenant, are true of its neighbours too (on sixteen small worlds halving them raised the
worst share of cuckooed homes among the best 2N from 0.889 to 0.938). An address is
reported for one line only: the line it scores best for.

Steps read `runners`, `runner_events`, `line_numbers`, `line_inbound` and `cells` and the
records (`people`, `person_phones`, `addresses`, `incidents`, `intelligence`).
"""

from __future__ import annotations

from dataclasses import dataclass

from stronghold.distance import sql_km_apart, sql_within_box
from stronghold.engine.pipeline import Step
from stronghold.sql_text import text

__all__ = [
    "NO_CELLS",
    "VULNERABLE",
    "PremisesSettings",
    "nearest_masts",
    "premises_steps",
    "serving_cells",
]

# the `cells` relation of a workspace that holds no cells: no premises can be placed
NO_CELLS = (
    "select cast(null as varchar) as cell_id, cast(null as double) as latitude, "
    "cast(null as double) as longitude, cast(null as double) as azimuth_deg, "
    "cast(null as double) as radius_m limit 0"
)

VULNERABLE = ("drug_dependency", "mental_health", "learning_disability")
# what neighbours report around a home a line deals from
LINE_INCIDENTS = ("anti-social-behaviour", "drugs", "violent-crime", "possession-of-weapons")
# what an intelligence report says when it is about supply from, or a takeover of, a home
SUPPLY_WORDS = (
    "deal",
    "supply",
    "sell",
    "crack",
    "heroin",
    "cocaine",
    "class a",
    "cuckoo",
    "county line",
    "trap house",
    "taken over",
)
RENTED = ("social", "private_rented")  # tenures cuckooing targets: tenancies
BEARING = (
    "degrees(atan2((a.longitude - m.longitude) * cos(radians(m.latitude)), "
    "a.latitude - m.latitude))"
)
DISTANCE = sql_km_apart("a", "m")


@dataclass(frozen=True)
class PremisesSettings:
    # presence, vulnerable resident, customer resident, incidents, intelligence, rented
    weights: tuple[float, float, float, float, float, float] = (0.2, 0.15, 0.1, 0.3, 0.15, 0.1)
    night_from: int = 22  # hours (UTC) counted as night: from this hour ...
    night_to: int = 6  # ... to before this one
    min_radius_m: int = 500  # a cell covers at least this far from its mast
    mast_search_km: float = 5.0  # the nearest mast to a home is looked for this far away
    incidents_full: int = 3
    reported: int = 10  # the best this many candidates per line are reported
    incident_km: float = 0.15  # an incident this close to the address counts for it
    area_km: float = 1.0  # the surrounding area: out to this far
    stay_nights: int = 5  # runners on its cell this many nights make a full stay
    absent_share: float = 0.25  # of its score an address keeps with no presence at all
    unsigned_share: float = 0.5  # ... and with no incident at it or report of supply from it


def nearest_masts(addresses: str, search_km: float) -> str:
    """SQL: the nearest mast (`latitude`, `longitude`) within `search_km` to each
    `address_id` of the relation `addresses` (SQL written in the code, never from input)."""
    return (
        f"select address_id, latitude, longitude from (select a.address_id, "
        f"m.latitude, m.longitude, row_number() over (partition by a.address_id "
        f"order by {DISTANCE}, m.latitude, m.longitude) as pick "
        f"from {addresses} c join addresses a on a.address_id = c.address_id "
        f"join (select distinct latitude, longitude from cells) m "
        f"on {sql_within_box('a', 'm', search_km)}) x where pick = 1"
    )


def serving_cells(sites: str) -> str:
    """SQL: of the nearest mast's cells (`sites`, as `nearest_masts` gives), the one whose
    sector faces each address: the cell expected to serve it (best-server prediction)."""
    return (
        f"select address_id, cell_id from (select a.address_id, m.cell_id, row_number() "
        f"over (partition by a.address_id order by "
        f"abs((({BEARING} - coalesce(m.azimuth_deg, 0) + 540) % 360) - 180), m.cell_id) "
        f"as pick from {sites} t join addresses a on a.address_id = t.address_id "
        f"join cells m on m.latitude = t.latitude and m.longitude = t.longitude) x "
        f"where pick = 1"
    )


def premises_steps(settings: PremisesSettings | None = None) -> list[Step]:
    """Steps ending in `premises`: one row per (line, address) candidate, with its score."""
    s = settings or PremisesSettings()
    w_presence, w_vulnerable, w_customer, w_incidents, w_intel, w_rented = s.weights
    vulnerable = " or ".join(f"p.flags like {text('%' + flag + '%')}" for flag in VULNERABLE)
    categories = ", ".join(text(c) for c in LINE_INCIDENTS)
    rented = ", ".join(text(t) for t in RENTED)
    supply = " or ".join(f"lower(text) like {text('%' + word + '%')}" for word in SUPPLY_WORDS)
    near = sql_km_apart("i", "a")
    return [
        Step(
            "runner_nights",
            f"select distinct c.line_id, c.number, c.cell, "
            f"cast(c.start_time - interval {s.night_to} hour as date) as night "
            f"from runner_events c "
            f"where c.cell is not null and (hour(c.start_time) >= {s.night_from} "
            f"or hour(c.start_time) < {s.night_to})",
        ),
        Step(
            "night_cells",
            "select distinct n.line_id, n.cell, m.latitude, m.longitude, "
            f"greatest(coalesce(m.radius_m, 0), {s.min_radius_m}) / 1000.0 as km "
            "from runner_nights n join cells m on m.cell_id = n.cell",
        ),
        Step(
            "covered_addresses",
            f"select distinct m.line_id, a.address_id "
            f"from night_cells m join addresses a "
            f"on {sql_within_box('m', 'a', 'm.km')} where {DISTANCE} <= m.km",
        ),
        Step(
            "line_periods",
            "select l.line_id, min(t.first_seen) as first_seen, max(t.last_seen) as last_seen "
            "from line_numbers l join totals t on t.number = l.number group by l.line_id",
        ),
        Step(
            "address_residents",
            f"select c.line_id, c.address_id, "
            f"max(case when {vulnerable} then p.person_id end) as vulnerable_resident, "
            f"max(case when k.customer is not null then p.person_id end) "
            f"as customer_resident, max(p.person_id) as resident "
            f"from covered_addresses c join people p on p.address_id = c.address_id "
            f"left join person_phones pp on pp.person_id = p.person_id "
            f"left join (select distinct line_id, customer from line_inbound) k "
            f"on k.line_id = c.line_id and k.customer = pp.number "
            f"group by c.line_id, c.address_id",
        ),
        Step(
            "line_incidents",
            f"select lp.line_id, i.incident_id, i.address_id, i.latitude, i.longitude "
            f"from incidents i join line_periods lp on i.reported_at between lp.first_seen "
            f"and lp.last_seen where i.category in ({categories})",
        ),
        Step(
            "address_incidents",
            # at the address; and, shown but not scored, with no address within 150 m
            "select c.line_id, c.address_id, count(*) as incidents_here "
            "from covered_addresses c join line_incidents i on i.line_id = c.line_id "
            "and i.address_id = c.address_id group by c.line_id, c.address_id",
        ),
        Step(
            "premises_signals",
            f"select c.line_id, c.address_id, r.vulnerable_resident, r.customer_resident, "
            f"r.resident, coalesce(i.incidents_here, 0) as incidents_here, "
            f"coalesce(g.reports, 0) as reports, "
            f"coalesce(g.all_reports, 0) - coalesce(g.reports, 0) as other_reports, "
            f"a.tenure, case when a.tenure in ({rented}) then 1 else 0 end as rented "
            f"from covered_addresses c join addresses a on a.address_id = c.address_id "
            f"left join address_residents r on r.line_id = c.line_id "
            f"and r.address_id = c.address_id "
            f"left join address_incidents i on i.line_id = c.line_id "
            f"and i.address_id = c.address_id "
            f"left join (select address_id, count(case when {supply} then 1 end) as reports, "
            f"count(*) as all_reports from intelligence where address_id is not null "
            f"group by address_id) g on g.address_id = c.address_id "
            f"where r.vulnerable_resident is not null or r.customer_resident is not null "
            f"or i.incidents_here > 0 or g.reports > 0",
        ),
        Step(
            "serving_sites",
            nearest_masts("(select distinct address_id from premises_signals)", s.mast_search_km),
        ),
        Step("serving_cells", serving_cells("serving_sites")),
        Step(
            "cell_stays",
            # each cell the line's runners spent nights on: how many nights, over what span,
            # and on how many of the nights in that span any of its runners was on it
            "select n.line_id, n.cell, count(distinct n.night) as nights, "
            "count(distinct n.number || ' ' || cast(n.night as varchar)) as phone_nights, "
            "min(n.night) as first_night, max(n.night) as last_night "
            "from runner_nights n group by n.line_id, n.cell",
        ),
        Step(
            "served_nights",
            "select s.line_id, s.address_id, c.phone_nights as served_nights, c.nights, "
            "count(distinct l.night) as line_nights from premises_signals s "
            "join serving_cells v on v.address_id = s.address_id "
            "join cell_stays c on c.line_id = s.line_id and c.cell = v.cell_id "
            "join runner_nights l on l.line_id = c.line_id "
            "and l.night between c.first_night and c.last_night "
            "group by s.line_id, s.address_id, c.phone_nights, c.nights",
        ),
        Step(
            "premises",
            # the signs' weighted sum, held down where the line's phones were not there
            f"select *, round(({w_presence} * presence + "
            f"{w_vulnerable} * (case when vulnerable_resident is null then 0 else 1 end) + "
            f"{w_customer} * (case when customer_resident is null then 0 else 1 end) + "
            f"{w_incidents} * least(incidents_here / {s.incidents_full}, 1.0) + "
            f"{w_intel} * (case when reports > 0 then 1 else 0 end) + "
            f"{w_rented} * rented) * "
            f"({s.absent_share} + {1 - s.absent_share} * presence) * "
            f"(case when incidents_here + reports > 0 then 1 else {s.unsigned_share} end), 3) "
            f"as score from ("
            f"select s.*, coalesce(n.served_nights, 0) as served_nights, "
            f"coalesce(n.nights, 0) as nights, coalesce(n.line_nights, 0) as line_nights, "
            f"round(coalesce(n.nights / greatest(n.line_nights, 1) * "
            f"least(n.nights / {s.stay_nights}, 1.0), 0), 3) as presence "
            f"from premises_signals s left join served_nights n on n.line_id = s.line_id "
            f"and n.address_id = s.address_id) x",
        ),
        Step(
            "reported_ranked",
            # each address for the one line it scores best for, then the best
            # `reported` of each line
            f"select r.*, a.town, a.latitude, a.longitude from (select *, row_number() "
            f"over (partition by line_id order by score desc, "
            f"incidents_here + reports desc, address_id) as rank "
            f"from (select *, row_number() over (partition by address_id order by "
            f"score desc, presence desc, line_id) as for_line from premises) o "
            f"where for_line = 1) r join addresses a on a.address_id = r.address_id "
            f"where r.rank <= {s.reported}",
        ),
        Step(
            "reported_premises",
            # incidents around each reported premises while the line was active: with no
            # address within 150 m (shown, not scored), and any within 150 m against the
            # density of the ring from there to 1 km (the surrounding area)
            f"select r.*, coalesce(n.incidents_near, 0) as incidents_near, "
            f"coalesce(n.incidents_close, 0) as incidents_close, "
            f"coalesce(n.incidents_around, 0) as incidents_around "
            f"from reported_ranked r left join (select line_id, address_id, "
            f"count(case when km <= {s.incident_km} and address_id_i is null then 1 end) "
            f"as incidents_near, count(case when km <= {s.incident_km} then 1 end) "
            f"as incidents_close, count(case when km > {s.incident_km} then 1 end) "
            f"as incidents_around from (select a.line_id, a.address_id, "
            f"i.address_id as address_id_i, {near} as km from reported_ranked a "
            f"join line_incidents i on i.line_id = a.line_id "
            f"and {sql_within_box('a', 'i', s.area_km)}) x "
            f"where km <= {s.area_km} group by line_id, address_id) n "
            f"on n.line_id = r.line_id and n.address_id = r.address_id",
        ),
        Step(
            "premises_sightings",
            # the line's runner phones on the cell serving each reported premises, any hour
            "select p.line_id, p.address_id, c.number, c.start_time from reported_premises p "
            "join serving_cells v on v.address_id = p.address_id "
            "join runner_events c on c.line_id = p.line_id and c.cell = v.cell_id",
        ),
        Step(
            "runner_activity",
            "select line_id, number, start_time from runner_events",
        ),
    ]
