"""Organised crime groups and their county lines: who leads, who holds, who runs, who buys.

Hub groups run lines from an urban hub into county towns; local groups, based in a county
town, supply other towns of their own force and mostly start later in the period (the trend
of lines localising within one force). Customers are county residents, drug-dependent people
far more often than others; some buy from two lines, and a few are children.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np

from stronghold.synthetic.geography import Town
from stronghold.synthetic.names import BRANDS
from stronghold.synthetic.people import CHILD, DRUGS, LEARNING, MENTAL, MISSING, OFFENDER
from stronghold.synthetic.phones import PhoneBook
from stronghold.synthetic.recruitment import Recruiter
from stronghold.synthetic.scales import Scale

__all__ = ["CrimeGroup", "Line", "recruit_groups"]

MIN_CUSTOMERS, MAX_CUSTOMERS = 50, 2000
T = TypeVar("T")


@dataclass
class CrimeGroup:
    ocg_id: str
    hub: int  # town index
    local: bool
    leaders: list[int]
    members: list[int]
    controllers: list[int]
    controller_phones: list[int]


@dataclass
class Line:
    line_id: str
    brand: str
    group: int  # index of its CrimeGroup
    hub: int
    county: int
    start_day: int
    holder: int  # person
    driver: int  # the group member who drives the line's car
    runners: list[int]
    runner_phones: list[int]  # each runner's work phone, same order
    local_runners: list[int]  # county residents who sell for the line without travelling
    customers: np.ndarray  # persons
    order_rate: np.ndarray  # orders per day of each customer
    broadcasts_per_day: float
    mode: str  # how runners usually travel: "rail" or "road"
    numbers: list[int] = field(default_factory=list)  # deal-line phones, in order of use
    number_from: list[int] = field(default_factory=list)  # UTC instants
    number_to: list[int] = field(default_factory=list)
    handover_reasons: list[str] = field(default_factory=list)


def recruit_groups(
    rng: np.random.Generator,
    recruiter: Recruiter,
    phones: PhoneBook,
    towns: list[Town],
    scale: Scale,
    days: int,
) -> tuple[list[CrimeGroup], list[Line]]:
    """The world's crime groups and lines, with everyone recruited into their parts."""
    index = {t.name: i for i, t in enumerate(towns)}
    counties = [index[name] for name in scale.counties]
    bases = [(index[h], False) for h in _cycle(scale.hubs, scale.hub_ocgs)]
    local_hubs = [
        t
        for t in counties
        if towns[t].hub and any(towns[c].force == towns[t].force and c != t for c in counties)
    ]
    bases += [(h, True) for h in _cycle(local_hubs, scale.local_ocgs if local_hubs else 0)]

    groups: list[CrimeGroup] = []
    lines: list[Line] = []
    brands = list(rng.permutation(BRANDS))
    for g, (hub, local) in enumerate(bases):
        leaders = recruiter.pick(
            hub, int(rng.integers(1, 3)), ages=(22, 40), male=0.95, flags=OFFENDER
        ).tolist()
        members = recruiter.pick(
            hub, int(rng.integers(3, 7)), ages=(17, 32), male=0.9, flags=OFFENDER
        ).tolist()
        controllers = members[: int(rng.integers(1, 3))]
        controller_phones = phones.add_mobiles(np.asarray(controllers)).tolist()
        groups.append(
            CrimeGroup(
                f"OCG{g + 1:02d}", hub, local, leaders, members, controllers, controller_phones
            )
        )
        targets = [
            c for c in counties if c != hub and (not local or towns[c].force == towns[hub].force)
        ]
        count = int(rng.integers(scale.lines_per_ocg[0], scale.lines_per_ocg[1] + 1))
        for n in range(count):
            county = _market(lines, targets, towns, rng, first=n == 0)
            if local:
                start = int(days * rng.uniform(0.25, 0.6))
            else:
                start = 0 if rng.random() < 0.75 else int(days * rng.uniform(0.0, 0.35))
            holder = leaders[n % len(leaders)]
            driver = recruiter.one(hub, ages=(18, 30), male=0.95, flags=OFFENDER)
            groups[-1].members.append(driver)
            lines.append(
                _line(
                    rng,
                    recruiter,
                    phones,
                    scale,
                    len(lines),
                    brands.pop(),
                    g,
                    hub,
                    county,
                    start,
                    holder,
                    driver,
                    lines,
                )
            )
    return groups, lines


def _line(
    rng: np.random.Generator,
    recruiter: Recruiter,
    phones: PhoneBook,
    scale: Scale,
    number: int,
    brand: str,
    group: int,
    hub: int,
    county: int,
    start: int,
    holder: int,
    driver: int,
    earlier: list[Line],
) -> Line:
    p = recruiter.population
    travelling = []
    for _ in range(int(rng.integers(2, 5))):
        kind = rng.random()
        if kind < 0.7:  # a child from the hub: most runners are 14-17
            chosen = recruiter.pick(hub, 1, ages=(14, 17), male=0.85, flags=MISSING)
        elif kind < 0.85:  # a vulnerable young adult from the hub
            chosen = recruiter.pick(hub, 1, ages=(18, 24), male=0.8, flags=LEARNING | MENTAL)
        else:  # a young adult member of the group
            chosen = recruiter.pick(hub, 1, ages=(18, 23), male=0.95, flags=OFFENDER)
        travelling += chosen.tolist()
    local_runners = recruiter.pick(
        county, int(rng.random() < 0.5), ages=(20, 50), flags=DRUGS
    ).tolist()
    runners = travelling + local_runners
    runner_phones = phones.add_mobiles(np.asarray(runners)).tolist()

    adults = p.in_town(county)
    available = len(adults)
    size = int(
        np.clip(rng.lognormal(np.log(scale.customers_median), 0.55), MIN_CUSTOMERS, MAX_CUSTOMERS)
    )
    size = max(MIN_CUSTOMERS, min(size, int(available * 0.25)))
    buying_elsewhere = np.concatenate(
        [line.customers for line in earlier if line.county == county] or [np.zeros(0, np.int64)]
    )
    shared = (
        rng.choice(buying_elsewhere, size=min(len(buying_elsewhere), size // 8), replace=False)
        if len(buying_elsewhere)
        else np.zeros(0, np.int64)
    )
    weights = np.where(p.flags & DRUGS, 60.0, 1.0) * np.where(p.flags & CHILD, 0.25, 1.0)
    weights[shared] = 0.0  # already chosen
    fresh = recruiter.pick(county, size - len(shared), ages=(15, 68), weights=weights, mark=False)
    customers = np.unique(np.concatenate([fresh, shared]).astype(np.int64))
    habit = rng.choice(3, size=len(customers), p=[0.3, 0.45, 0.25])
    order_rate = np.array([0.6, 0.22, 0.05])[habit] * rng.uniform(0.7, 1.3, len(customers))
    return Line(
        line_id=f"L{number + 1:03d}",
        brand=brand,
        group=group,
        hub=hub,
        county=county,
        start_day=start,
        holder=holder,
        driver=driver,
        runners=runners,
        runner_phones=runner_phones,
        local_runners=local_runners,
        customers=customers,
        order_rate=order_rate,
        broadcasts_per_day=float(rng.uniform(1.0, 5.0)),
        mode="rail" if rng.random() < 0.6 else "road",
    )


def _cycle(items: Sequence[T], count: int) -> list[T]:
    return [items[i % len(items)] for i in range(count)] if items else []


def _market(
    lines: list[Line], targets: list[int], towns: list[Town], rng: np.random.Generator, first: bool
) -> int:
    """A county town for a new line: bigger towns draw more lines; a group's first line goes
    where fewest lines are yet."""
    if first:
        served = {t: sum(1 for line in lines if line.county == t) for t in targets}
        targets = [t for t in targets if served[t] == min(served.values())]
    weights = np.array([towns[t].weight for t in targets])
    return targets[int(rng.choice(len(targets), p=weights / weights.sum()))]
