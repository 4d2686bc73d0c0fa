"""Organised crime groups and their county lines: who leads, who holds, who runs, who buys.

Hub groups run lines from an urban hub into county towns; local groups, based in a county
town, supply other towns of their own force and mostly start later in the period (the trend
of lines localising within one force). Customers are county residents, drug-dependent people
far more often than others; some buy from two lines, and a few are children.

The world's draw (variants.py) may put several hub groups in the first hub city
(`groups_per_hub`), sets the share of a new line's customers already buying from a line in
the same town (`rival_share`) and scales a line's customers, broadcasts and runners; who
directs each line above its runners is command.py's.
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
from stronghold.synthetic.variants import WorldDraw

__all__ = ["Command", "CrimeGroup", "Line", "recruit_groups"]

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
    go_between: int = -1  # the member the leaders talk to instead of the holders, if any


@dataclass
class Command:
    """Who directs a line above its runners, and over which phones. command.py fills it in
    from the world's draw; in the baseline the holder is a leader with one phone, and the
    group's controllers manage the line's runners."""

    seed: int = 0  # the world's seed: traffic only some worlds have draws from its own stream
    holder_phones: list[int] = field(default_factory=list)  # personal, then a business phone
    controller_phones: list[int] = field(default_factory=list)  # who manage its runners
    boss: int = -1  # the leader above a holder who is not a leader
    boss_talks_to: str = "holders"  # holders | controllers | go_between
    holder_calls_runners: float = 0.0  # share of the holder's management calls to runners

    @property
    def management_phone(self) -> int:
        """The phone the holder directs the line from: the business phone when there is one."""
        return self.holder_phones[-1]


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
    command: Command = field(default_factory=Command)


def recruit_groups(
    rng: np.random.Generator,
    recruiter: Recruiter,
    phones: PhoneBook,
    towns: list[Town],
    scale: Scale,
    days: int,
    draw: WorldDraw | None = None,
) -> tuple[list[CrimeGroup], list[Line]]:
    """The world's crime groups and lines, with everyone recruited into their parts."""
    draw = draw or WorldDraw()
    index = {t.name: i for i, t in enumerate(towns)}
    counties = [index[name] for name in scale.counties]
    bases = [(index[h], False) for h in _hub_bases(scale, draw.groups_per_hub)]
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
                    draw,
                )
            )
            lines[-1].command.controller_phones = list(controller_phones)
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
    draw: WorldDraw,
) -> Line:
    """A line of `group` from `hub` into `county`: its runners and its customers, in the
    numbers the world's draw says (the scale's own when it is the baseline)."""
    p = recruiter.population
    travelling = []
    fewest, most = draw.travelling_runners
    for _ in range(int(rng.integers(fewest, most + 1))):
        kind = rng.random()
        if kind < 0.7:  # a child from the hub: most runners are 14-17
            chosen = recruiter.pick(hub, 1, ages=(14, 17), male=0.85, flags=MISSING)
        elif kind < 0.85:  # a vulnerable young adult from the hub
            chosen = recruiter.pick(hub, 1, ages=(18, 24), male=0.8, flags=LEARNING | MENTAL)
        else:  # a young adult member of the group
            chosen = recruiter.pick(hub, 1, ages=(18, 23), male=0.95, flags=OFFENDER)
        travelling += chosen.tolist()
    local_runners = recruiter.pick(
        county, int(rng.random() < draw.local_runner_chance), ages=(20, 50), flags=DRUGS
    ).tolist()
    runners = travelling + local_runners
    runner_phones = phones.add_mobiles(np.asarray(runners)).tolist()

    adults = p.in_town(county)
    available = len(adults)
    size = int(
        np.clip(
            rng.lognormal(np.log(scale.customers_median * draw.customers_factor), 0.55),
            MIN_CUSTOMERS,
            MAX_CUSTOMERS,
        )
    )
    size = max(MIN_CUSTOMERS, min(size, int(available * 0.25)))
    buying_elsewhere = np.concatenate(
        [line.customers for line in earlier if line.county == county] or [np.zeros(0, np.int64)]
    )
    shared = (
        rng.choice(
            buying_elsewhere,
            size=min(len(buying_elsewhere), int(size * draw.rival_share)),
            replace=False,
        )
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
        broadcasts_per_day=float(rng.uniform(*draw.broadcasts_per_day)),
        mode="rail" if rng.random() < 0.6 else "road",
    )


def _cycle(items: Sequence[T], count: int) -> list[T]:
    return [items[i % len(items)] for i in range(count)] if items else []


def _hub_bases(scale: Scale, groups_per_hub: int) -> list[str]:
    """The hub city of each hub group: the scale's groups spread over its hubs or, with
    `groups_per_hub`, that many groups sharing the first hub and the scale's other groups spread
    over the other hubs (rival groups in one city, which a network must still tell apart)."""
    if not groups_per_hub:
        return _cycle(scale.hubs, scale.hub_ocgs)
    return [scale.hubs[0]] * groups_per_hub + _cycle(scale.hubs[1:], scale.hub_ocgs - 1)


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
