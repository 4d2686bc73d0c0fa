"""Residents: households at each address, with ages, names, vulnerabilities and habits.

Only people aged 11 and over are modelled (they carry phones). Rates of vulnerability are set
for a plausible town, higher in social housing, as the safeguarding literature reports.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from stronghold.distance import KM_PER_DEGREE
from stronghold.synthetic.addresses import Addresses
from stronghold.synthetic.names import FEMALE_FORENAMES, MALE_FORENAMES, SURNAMES

__all__ = ["FLAGS", "Population", "build_population", "flag_names"]

FLAGS = (
    "drug_dependency",
    "mental_health",
    "learning_disability",
    "child",
    "missing_history",
    "known_offender",
)
DRUGS, MENTAL, LEARNING, CHILD, MISSING, OFFENDER = (1 << n for n in range(len(FLAGS)))
HOUSEHOLD_SIZES = np.array([1, 2, 3, 4, 5])
HOUSEHOLD_SHARE = np.array([0.30, 0.34, 0.16, 0.14, 0.06])


@dataclass
class Population:
    """Everyone in the world, as column arrays indexed by person."""

    town: np.ndarray  # index into the world's towns
    address: np.ndarray  # index into Addresses
    age: np.ndarray
    male: np.ndarray
    forename: list[str]
    surname: list[str]
    flags: np.ndarray  # bit set over FLAGS
    activity: np.ndarray  # conversations a person starts on an ordinary day
    sms_share: np.ndarray  # how many of those are texts rather than calls
    day_latitude: np.ndarray  # where they spend a weekday (work, school or home)
    day_longitude: np.ndarray
    town_start: np.ndarray  # people of town t are town_start[t] .. town_start[t+1]-1

    def __len__(self) -> int:
        return len(self.town)

    def in_town(self, town: int) -> np.ndarray:
        return np.arange(self.town_start[town], self.town_start[town + 1])


def flag_names(bits: int) -> str:
    """The `;`-separated flag names of a bit set, as people.csv writes them."""
    return ";".join(name for n, name in enumerate(FLAGS) if bits & (1 << n))


def build_population(
    rng: np.random.Generator, addresses: Addresses, counts: list[int], town_radius_km: list[float]
) -> Population:
    """`counts[t]` residents for each town t, in households filling its addresses in order."""
    towns, homes, roles = [], [], []
    for t, count in enumerate(counts):
        town_addresses = np.flatnonzero(addresses.town == t)
        sizes = rng.choice(HOUSEHOLD_SIZES, size=len(town_addresses), p=HOUSEHOLD_SHARE)
        filled = np.searchsorted(np.cumsum(sizes), count) + 1
        if filled > len(town_addresses):
            raise ValueError(f"town {t} has too few addresses for {count} people")
        sizes = sizes[:filled]
        sizes[-1] -= sizes.sum() - count
        homes.append(np.repeat(town_addresses[:filled], sizes))
        roles.append(np.concatenate([np.arange(s) for s in sizes]))
        towns.append(np.full(count, t, dtype=np.int16))
    town = np.concatenate(towns)
    address = np.concatenate(homes).astype(np.int32)
    role = np.concatenate(roles)
    n = len(town)

    head_age = rng.choice(np.arange(18, 90), size=n, p=_adult_age_weights())
    # People share their household's head age; partners are near it, children are 11-17.
    head_of = np.maximum.accumulate(np.where(role == 0, np.arange(n), 0))
    base_age = head_age[head_of]
    partner_age = np.clip(base_age + rng.integers(-6, 7, size=n), 18, 92)
    family = (base_age >= 29) & (base_age <= 58)
    child_age = rng.integers(11, 18, size=n)
    flatmate_age = np.clip(base_age + rng.integers(-8, 9, size=n), 18, 92)
    age = np.where(
        role == 0,
        base_age,
        np.where(
            role == 1,
            np.where(rng.random(n) < 0.75, partner_age, child_age),
            np.where(family, child_age, flatmate_age),
        ),
    )
    age = np.where((role == 1) & ~family & (age < 18), partner_age, age).astype(np.int16)
    male = rng.random(n) < 0.49
    surname_of_head = rng.integers(len(SURNAMES), size=n)[head_of]
    own_surname = rng.integers(len(SURNAMES), size=n)
    surname_index = np.where((role == 0) | (rng.random(n) < 0.8), surname_of_head, own_surname)
    female_names = rng.integers(len(FEMALE_FORENAMES), size=n)
    male_names = rng.integers(len(MALE_FORENAMES), size=n)
    forename = [
        MALE_FORENAMES[m] if is_male else FEMALE_FORENAMES[f]
        for is_male, m, f in zip(
            male.tolist(), male_names.tolist(), female_names.tolist(), strict=True
        )
    ]
    surname = [SURNAMES[s] for s in surname_index.tolist()]

    flags = _flags(rng, age, male, addresses.tenure[address] == 0)
    activity = rng.lognormal(np.log(1.0), 0.85, size=n)
    activity *= np.where(age < 18, 1.3, np.where(age >= 70, 0.5, 1.0))
    sms_share = np.where(age < 25, 0.85, np.where(age >= 65, 0.35, 0.6))

    day_lat = addresses.latitude[address].copy()
    day_lon = addresses.longitude[address].copy()
    goes_out = ((age >= 18) & (age <= 66) & (rng.random(n) < 0.72)) | (age < 18)
    radius = np.asarray(town_radius_km)[town] * np.sqrt(rng.random(n)) * 0.8
    angle = rng.random(n) * 2 * np.pi
    centre_lat = np.asarray(
        [addresses.latitude[addresses.town == t].mean() for t in range(len(counts))]
    )[town]
    centre_lon = np.asarray(
        [addresses.longitude[addresses.town == t].mean() for t in range(len(counts))]
    )[town]
    out_lat = centre_lat + radius * np.cos(angle) / KM_PER_DEGREE
    out_lon = centre_lon + radius * np.sin(angle) / (KM_PER_DEGREE * np.cos(np.radians(centre_lat)))
    day_lat = np.where(goes_out, out_lat, day_lat)
    day_lon = np.where(goes_out, out_lon, day_lon)
    return Population(
        town=town,
        address=address,
        age=age,
        male=male,
        forename=forename,
        surname=surname,
        flags=flags,
        activity=activity.astype(np.float32),
        sms_share=sms_share.astype(np.float32),
        day_latitude=day_lat,
        day_longitude=day_lon,
        town_start=np.r_[0, np.cumsum(counts)].astype(np.int64),
    )


def _adult_age_weights() -> np.ndarray:
    ages = np.arange(18, 90)
    weights = np.where(ages < 30, 1.0, np.where(ages < 60, 1.1, np.where(ages < 75, 0.8, 0.35)))
    return weights / weights.sum()


def _flags(
    rng: np.random.Generator, age: np.ndarray, male: np.ndarray, social_housing: np.ndarray
) -> np.ndarray:
    n = len(age)
    adult = age >= 18
    risk = np.where(social_housing, 3.0, 1.0)
    flags = np.zeros(n, dtype=np.int16)
    flags |= np.where(adult & (age < 62) & (rng.random(n) < 0.012 * risk), DRUGS, 0).astype(
        np.int16
    )
    flags |= np.where(rng.random(n) < 0.035 * np.sqrt(risk), MENTAL, 0).astype(np.int16)
    flags |= np.where(rng.random(n) < 0.01, LEARNING, 0).astype(np.int16)
    flags |= np.where(~adult, CHILD, 0).astype(np.int16)
    flags |= np.where(~adult & (rng.random(n) < 0.02 * risk), MISSING, 0).astype(np.int16)
    offender = male & (age >= 16) & (age <= 45) & (rng.random(n) < 0.04 * risk)
    flags |= np.where(offender, OFFENDER, 0).astype(np.int16)
    return flags
