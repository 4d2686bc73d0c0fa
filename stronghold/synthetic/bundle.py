"""Writing a world out as a case bundle: comms streamed day by day, then the other tables and
the truth. Memory stays flat: only one day of events is held at a time."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from stronghold.synthetic.businesses import BusinessActivity
from stronghold.synthetic.churn import NumberRemap
from stronghold.synthetic.comms_output import COMMS_SCHEMA, CommsFormatter
from stronghold.synthetic.data_sessions import DataSessions
from stronghold.synthetic.events import LOCATE, Events, TrafficSource
from stronghold.synthetic.line_activity import LineActivity
from stronghold.synthetic.nominals import (
    address_table,
    cell_table,
    nominal_records,
    people_table,
)
from stronghold.synthetic.ordinary import OrdinaryLife
from stronghold.synthetic.seeding import stream
from stronghold.synthetic.service_traffic import ServiceTraffic
from stronghold.synthetic.travellers import CourierActivity
from stronghold.synthetic.truth import build_truth
from stronghold.synthetic.world import World
from stronghold.synthetic.writer import BundleWriter, Format

__all__ = ["write_bundle"]

Progress = Callable[[int, int], None]  # (days done, events written so far)
WRITE_BATCH = 200_000  # events formatted and written at a time


def _activities(world: World) -> list[tuple[str, TrafficSource]]:
    """Every source of traffic, each with a stable name for its random stream."""
    sources: list[tuple[str, TrafficSource]] = [
        (
            "ordinary",
            OrdinaryLife(
                world.population,
                world.contacts,
                world.personal_phone,
                world.calendar,
                world.specials["Withheld"],
                world.specials["121"],
                world.specials["88020"],
            ),
        )
    ]
    for n, line in enumerate(world.lines):
        sources.append(
            (
                f"line {n}",
                LineActivity(
                    line,
                    world.groups[line.group],
                    world.shifts[n],
                    world.personal_phone,
                    world.calendar,
                ),
            )
        )
    for n, business in enumerate(world.businesses):
        sources.append(
            (
                f"business {n}",
                BusinessActivity(business, world.personal_phone, world.home_cell, world.calendar),
            )
        )
    for n, courier in enumerate(world.couriers):
        sources.append(
            (
                f"courier {n}",
                CourierActivity(
                    courier,
                    world.population.in_town(courier.area),
                    world.personal_phone,
                    world.home_cell,
                    world.calendar,
                ),
            )
        )
    # last, each locating its own rows: every earlier row keeps its draws (services.py)
    sources.append(("services", ServiceTraffic.of(world)))
    data_sessions = DataSessions.of(world)
    if data_sessions is not None:
        sources.append(("data sessions", data_sessions))
    return sources


def _locate(world: World, owner: np.ndarray, rng: np.random.Generator, events: Events) -> Events:
    """Fill in the cells still to be located from where each phone's owner is."""
    for side in ("a", "b"):
        cells = getattr(events, f"{side}_cell")
        pending = cells == LOCATE
        if pending.any():
            phones = getattr(events, side)[pending]
            cells[pending] = world.whereabouts.locate(rng, owner[phones], events.time[pending])
    return events


def write_bundle(
    world: World, folder: Path, fmt: Format = "csv", progress: Progress | None = None
) -> dict[str, int]:
    """Write `world` to `folder`; returns the rows written per table."""
    out = BundleWriter(folder, fmt)
    phones = world.phones.frozen()
    formatter = CommsFormatter(phones, world.cells, world.roaming.cell_ids)
    churn = (
        NumberRemap(world.changed_numbers, len(phones.number)) if world.changed_numbers else None
    )
    sources = _activities(world)
    calendar = world.calendar
    carried = Events.empty()
    written = 0
    with out.stream("comms", COMMS_SCHEMA, plain=True) as comms:
        for day in range(calendar.days):
            parts = [carried] + [
                source.day(stream(world.seed, "traffic", name, day), day)
                for name, source in sources
            ]
            events = Events.join(parts)
            day_end = calendar.utc(day + 1, np.array([0]))[0]
            later = events.time >= day_end
            carried = events.take(np.flatnonzero(later & (events.time < calendar.last_instant)))
            events = events.take(np.flatnonzero(~later))
            events = events.take(np.argsort(events.time, kind="stable"))
            if churn is not None:  # people who changed number use the new one from then on
                events = churn.apply(events)
            events = _locate(world, phones.owner, stream(world.seed, "cells", day), events)
            abroad = stream(world.seed, "roaming", day)  # roaming.py: foreign cells
            events = world.roaming.relocate(abroad, phones.owner, events)
            for first in range(0, len(events), WRITE_BATCH):  # bounded memory per batch
                batch = events.take(np.arange(first, min(first + WRITE_BATCH, len(events))))
                comms.write(formatter.table(batch, written))
                written += len(batch)
            if progress:
                progress(day + 1, written)
    out.rows["comms"] = written
    numbers = _write_reference_tables(world, out)
    listed = {person for person, written in numbers.items() if written}
    out.truth(build_truth(world, listed, {n for written in numbers.values() for n in written}))
    return dict(out.rows)


def _write_reference_tables(world: World, out: BundleWriter) -> dict[int, list[str]]:
    """The reference tables; returns the numbers each person's nominal record lists."""
    rng = stream(world.seed, "reference tables")
    town_names = [t.name for t in world.towns]
    out.table("cells", cell_table(world.cells))
    out.table("addresses", address_table(world.addresses, town_names))
    known, numbers = nominal_records(world, rng)
    out.table("people", people_table(rng, world, known, numbers))
    out.table("vehicles", world.fleet.table(world.person_ids))
    out.table("anpr", world.anpr.table(world.fleet.vrm), plain=True)
    for name, table in world.records.tables().items():
        out.table(name, table)
    return numbers
