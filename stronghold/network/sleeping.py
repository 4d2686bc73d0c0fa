"""Phones that sleep where a person lives: attribution from cell sites to recorded homes.

An analyst attributes an unlisted phone to a person when it spends its nights where that
person lives. Here a phone *sleeps at* a recorded home when on at least `NIGHT_SHARE` of the
nights it was seen at all (and `MIN_NIGHTS` or more) it used the cell expected to serve that
home: the sector of the nearest mast that faces it (premises' night hours and best-server
prediction; one mast's sectors point at different streets: measured on the
leaders-via-go-between worlds, any sector of the mast tied a go-between's wife to the
holder who lives near them). A cell serves hundreds of homes, so this says nothing alone;
the network uses it only beside something else:

- reading which line a report's line name means (intelligence_links.line_names): a report's
  subject at whose home a line's unlisted holder or controller phone sleeps is taken as
  working that line (the holder who runs the line from a second phone, with only his own
  number on record);
- a person intelligence ties to a line is linked ("nights") to each unlisted phone that
  sleeps at their home and is in the lines' business (`business_phones`), never a
  runner's: the leader behind a go-between, whose own number is on no record (measured on
  leaders-via-go-between 3: a phone that slept near a runner's home and knew the
  go-between, but was most in touch with its own family, named a child runner as the
  line's leader until the business rule). named_leaders.py then counts that phone's calls
  with the line's command as theirs, and the evidence says through which phone. A line's
  own unlisted holder or controller phone that spent `MIN_NIGHTS` nights at their home,
  whatever its share, is linked too: they are that chief, or live with him, and so are not
  above his line (measured on leaders-via-go-between 1: a holder's mother's phone, most in
  touch with him, named the holder as his own line's leader until this rule; his phone
  spent 16 of its nights at home and 18 at one other mast).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

import pyarrow as pa

from stronghold.analysis.premises import PremisesSettings, nearest_masts, serving_cells
from stronghold.engine import Engine
from stronghold.network.intelligence_links import Link

__all__ = ["MIN_NIGHTS", "NIGHT_SHARE", "business_phones", "night_links", "sleeping_at"]

MIN_NIGHTS = 3
NIGHT_SHARE = 1 / 3


def nights_on_cells(numbers: str) -> str:
    """SQL: each (number, cell, night) on which a number of the relation `numbers` (a table
    name from the code) used the cell in premises' night hours; a night runs to the morning."""
    if not numbers.isidentifier():
        raise ValueError(f"not a table name: {numbers!r}")
    night = PremisesSettings()
    hours = f"(hour(start_time) >= {night.night_from} or hour(start_time) < {night.night_to})"
    return (
        "select distinct number, cell, "
        f"cast(start_time - interval {night.night_to} hour as date) as night from "
        "(select a_number as number, a_cell as cell, start_time from comms "
        "where a_cell is not null union all select b_number, b_cell, start_time from comms "
        f"where b_cell is not null) s where number in (select number from {numbers}) "
        f"and {hours}"
    )


def sleeping_at(
    engine: Engine, numbers: set[str], homes: Mapping[str, str], share: float = NIGHT_SHARE
) -> dict[str, dict[str, tuple[int, int]]]:
    """person -> number -> (its nights on the cell expected to serve the person's recorded
    home, its nights seen at all), for each of `numbers` that spent `MIN_NIGHTS` and `share`
    of its nights there (`homes`: person -> address id)."""
    if not numbers or not homes:
        return {}
    night = PremisesSettings()
    engine.register_values("sleep_numbers", numbers)
    engine.register_arrow(
        "sleep_homes",
        pa.table({"person_id": list(homes), "address_id": [homes[p] for p in homes]}),
    )
    masts = nearest_masts("(select distinct address_id from sleep_homes)", night.mast_search_km)
    rows = engine.arrow(
        f"with nights as ({nights_on_cells('sleep_numbers')}), "
        "per_cell as (select number, cell, count(distinct night) as nights from nights "
        "group by 1, 2), "
        "total as (select number, count(distinct night) as nights from nights group by 1), "
        f"masts as ({masts}), serving as ({serving_cells('masts')}) "
        "select h.person_id, c.number, c.nights, t.nights as all_nights from sleep_homes h "
        "join serving v on v.address_id = h.address_id join per_cell c on c.cell = v.cell_id "
        "join total t on t.number = c.number "
        f"where c.nights >= {MIN_NIGHTS} and c.nights >= {float(share)} * t.nights"
    ).to_pylist()
    slept: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
    for r in rows:
        slept[r["person_id"]][r["number"]] = (int(r["nights"]), int(r["all_nights"]))
    return dict(slept)


def business_phones(engine: Engine, command: set[str], pairs: str, min_events: float) -> set[str]:
    """The numbers in the lines' business (`pairs`: SQL giving a, b, events): the `command`
    numbers; the ring around them, those in touch `min_events` times or more with two or
    more of them (a go-between) or most in touch with one of them (a leader above one
    holder); and those most in touch, `min_events` times or more, with one of the ring (the
    leader behind a go-between). A runner is in touch with his controller but most with
    his customers and friends, and a customer's friend is no one's business (measured on
    rival-lines 1: a ring of everyone in touch with the command took in a customer, and so a
    runner's phone most in touch with him, and named the runner above his line)."""
    engine.register_values("business_command", command)
    chiefs = "(select number from business_command)"
    found = engine.arrow(
        f"with p as ({pairs}), "
        "both_ways as (select a as x, b as y, events from p union all "
        "select b, a, events from p), "
        "heaviest as (select x, y, events from (select x, y, events, row_number() over "
        "(partition by x order by events desc, y) as pick from both_ways) h "
        f"where pick = 1 and events >= {min_events}), "
        f"ring as (select number from business_command union select x from heaviest "
        f"where y in {chiefs} union select x from both_ways where y in {chiefs} "
        f"and events >= {min_events} group by x having count(*) >= 2) "
        "select number as x from ring union "
        "select x from heaviest where y in (select number from ring)"
    )
    return set(found["x"].to_pylist())


def night_links(
    engine: Engine,
    tied: Mapping[str, str],
    command: set[str],
    business: set[str],
    listed: set[str],
) -> list[Link]:
    """ "nights" links between each person intelligence ties to a line (`tied`: person ->
    recorded address) and the unlisted phones that sleep at their home: the lines'
    `command` numbers and the `business` phones (not `listed`: numbers the records give
    someone, and runners' phones, which sleep where they deal from)."""
    business = business - command - listed
    slept = sleeping_at(engine, business, tied)
    for person, numbers in sleeping_at(engine, command - listed, tied, share=0.0).items():
        slept.setdefault(person, {}).update(numbers)
    links = []
    for person, numbers in sorted(slept.items()):
        for number, (nights, seen) in sorted(numbers.items()):
            links.append(
                Link(
                    person,
                    number,
                    "nights",
                    f"cell sites: {number} spent {nights} of its {seen} nights on the cell "
                    f"expected to serve {tied[person]}, where {person} lives",
                )
            )
    return links
