"""What safeguarding needs, gathered from the engine (lines, customers, people on record)
and the database (missing episodes)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine as Database
from sqlalchemy import select

from stronghold.analysis.safeguarding import SafeguardingInputs
from stronghold.engine import Engine
from stronghold.store.models import MissingEpisode

__all__ = ["gather_safeguarding"]


def gather_safeguarding(
    engine: Engine,
    database: Database,
    runners: list[dict[str, Any]],
    premises: list[dict[str, Any]],
) -> SafeguardingInputs:
    people = {
        r["person_id"]: {**r, "flags": r["flags"] or ""}
        for r in engine.arrow(
            "select p.person_id, p.date_of_birth, p.flags, p.address_id, a.town from people p "
            "left join addresses a on a.address_id = p.address_id"
        ).to_pylist()
    }
    # its customers: numbers that contacted the line (orders counted) or that it texted
    customers = engine.arrow(
        "select k.line_id, pp.person_id, k.customer as number, count(*) as orders, "
        "min(k.start_time) as first_contact "
        "from line_inbound k join person_phones pp on pp.number = k.customer "
        "group by k.line_id, pp.person_id, k.customer"
    ).to_pylist()
    customers.sort(key=lambda c: (c["line_id"], c["person_id"], c["number"]))
    known = {(c["line_id"], c["person_id"], c["number"]) for c in customers}
    texted = engine.arrow(
        "select l.line_id, pp.person_id, p.other as number, "
        "min(p.first_text_out) as first_contact from pairs p "
        "join line_numbers l on l.number = p.number "
        "join person_phones pp on pp.number = p.other where p.first_text_out is not null "
        "group by l.line_id, pp.person_id, p.other"
    ).to_pylist()
    customers += [
        {**t, "orders": 0}
        for t in sorted(texted, key=lambda t: (t["line_id"], t["person_id"], t["number"]))
        if (t["line_id"], t["person_id"], t["number"]) not in known
    ]
    periods = {
        r["line_id"]: (r["first_seen"], r["last_seen"])
        for r in engine.arrow("select * from line_periods").to_pylist()
    }
    end = engine.arrow("select last_seen as end from period").column("end")[0].as_py()
    return SafeguardingInputs(
        as_of=end.date(),
        people=people,
        customers=customers,
        runners=runners,
        premises=premises,
        missing=_missing(database, end),
        line_periods=periods,
    )


def _missing(database: Database, end: datetime) -> list[dict[str, Any]]:
    query = select(
        MissingEpisode.person_id,
        MissingEpisode.missing_from,
        MissingEpisode.returned_at,
        MissingEpisode.found_location,
        MissingEpisode.found_latitude,
        MissingEpisode.found_longitude,
    )
    with database.connect() as connection:
        rows = [dict(r._mapping) for r in connection.execute(query)]
    for row in rows:  # the database keeps UTC; SQLite hands it back without a zone
        row["missing_from"] = _utc(row["missing_from"])
        row["returned_at"] = _utc(row["returned_at"]) if row["returned_at"] else end
    return rows


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
