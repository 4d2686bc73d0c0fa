"""The four sizes of world: tiny (tests), small (the demo), medium and large (benchmarks)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["DEFAULT_START", "SCALES", "Scale"]

DEFAULT_START = date(2026, 3, 2)  # a Monday; the default periods span the spring clock change


@dataclass(frozen=True)
class Scale:
    """How big a world is: its places, population, crime groups and businesses."""

    name: str
    people: int  # ordinary residents with phones, across all towns
    days: int  # default length of the period covered
    hubs: tuple[str, ...]
    counties: tuple[str, ...]
    hub_ocgs: int  # organised crime groups in urban hubs running lines into county towns
    local_ocgs: int  # groups based in a county town, supplying towns of the same force
    lines_per_ocg: tuple[int, int]  # inclusive range
    customers_median: int  # customers per line: log-normal around this, within 50-2,000
    businesses_per_town: int  # per town (hubs too); kinds cycle across the world
    couriers: int
    commuter_share: float  # share of county residents who travel to a hub each workday

    @property
    def towns(self) -> tuple[str, ...]:
        return self.hubs + tuple(t for t in self.counties if t not in self.hubs)


SCALES: dict[str, Scale] = {
    "tiny": Scale(
        name="tiny",
        people=1_600,
        days=14,
        hubs=("Lambeth",),
        counties=("Banbury",),
        hub_ocgs=1,
        local_ocgs=0,
        lines_per_ocg=(2, 2),
        customers_median=70,
        businesses_per_town=1,
        couriers=1,
        commuter_share=0.02,
    ),
    "small": Scale(
        name="small",
        people=9_000,
        days=45,
        hubs=("Lambeth", "Birmingham"),
        counties=("Banbury", "Oxford", "Bicester", "Wheatley"),
        hub_ocgs=2,
        local_ocgs=1,
        lines_per_ocg=(2, 3),
        customers_median=160,
        businesses_per_town=2,
        couriers=3,
        commuter_share=0.02,
    ),
    "medium": Scale(
        name="medium",
        people=60_000,
        days=60,
        hubs=("Lambeth", "Birmingham", "Hackney", "Liverpool", "Manchester"),
        counties=(
            "Banbury",
            "Oxford",
            "Bicester",
            "Wheatley",
            "Northampton",
            "Leicester",
            "Lincoln",
            "Derby",
            "Kettering",
        ),
        hub_ocgs=6,
        local_ocgs=2,
        lines_per_ocg=(2, 4),
        customers_median=260,
        businesses_per_town=4,
        couriers=12,
        commuter_share=0.02,
    ),
    "large": Scale(
        name="large",
        people=600_000,
        days=60,
        hubs=(
            "Lambeth",
            "Birmingham",
            "Hackney",
            "Liverpool",
            "Manchester",
            "Croydon",
            "Tottenham",
            "Newham",
        ),
        counties=(
            "Banbury",
            "Oxford",
            "Bicester",
            "Wheatley",
            "Northampton",
            "Leicester",
            "Lincoln",
            "Derby",
            "Kettering",
            "Aylesbury",
            "High Wycombe",
            "Reading",
        ),
        hub_ocgs=16,
        local_ocgs=5,
        lines_per_ocg=(2, 4),
        customers_median=320,
        businesses_per_town=12,
        couriers=60,
        commuter_share=0.02,
    ),
}
