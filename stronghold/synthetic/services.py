"""The numbers a return carries that are not people: access points, voicemail platforms,
banks' text services, premium, freephone, non-geographic and directory numbers, short codes,
withheld callers, and the family abroad that some people ring.

Every number is synthetic and can ring nobody: UK numbers come from Ofcom's drama ranges
(07700 900xxx, 0808 157 0xxx, 0909 879 0xxx, 0306 999 0xxx); foreign ones from blocks that
libphonenumber accepts as possible but not as allocated (France's from ARCEP's range kept
for fiction); access points are invented names under `.example` or addresses from the
documentation ranges of RFC 5737. They are registered after every phone of the world, so no
earlier number or random draw moves (the drama mobile range is part of the pool personal
numbers come from, so a service takes only what no phone holds).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from stronghold.synthetic.phones import NETWORKS, PhoneBook

__all__ = ["ABROAD", "APNS", "Services", "register_services"]

# network -> (access point name or gateway address as that network's returns show it, share)
APNS: dict[str, tuple[tuple[str, float], ...]] = {
    "EE": (("everywhere.example", 0.8), ("internet", 0.2)),
    "O2": (("mobile.o2.example", 0.7), ("payandgo.o2.example", 0.3)),
    "Vodafone": (("pp.vodafone.example", 0.6), ("internet", 0.4)),
    "Three": (("203.0.113.17", 0.5), ("203.0.113.18", 0.5)),  # this supplier gives the gateway
}
# network -> its voicemail platform: a short code, or a full number (a drama-range mobile)
VOICEMAIL = {"EE": "mobile", "O2": "901", "Vodafone": "121", "Three": "mobile"}
SERVICES: dict[str, tuple[str, ...]] = {  # kind -> its numbers ("mobile": a drama mobile)
    "bank_text": ("61101", "mobile"),
    "premium": ("+449098790114", "+449098790276", "+449098790530"),
    "freephone": ("+448081570102", "+448081570349", "+448081570611", "+448081570870"),
    "non_geographic": ("+443069990140", "+443069990388", "+443069990507", "+443069990925"),
    "directory": ("118990", "118404"),
    "short_code": ("61144", "83050", "88020"),  # pay-by-text parking, a competition, a vote
}
WITHHELD = ("Withheld", "Private", "Unknown")  # as returns label a caller who hides the number
# country code -> (prefix of an unallocated block, digits after it, share of families abroad)
ABROAD: dict[str, tuple[str, int, float]] = {
    "+91": ("50", 8, 0.24),  # India
    "+48": ("27", 7, 0.20),  # Poland
    "+92": ("350", 7, 0.17),  # Pakistan
    "+40": ("715", 6, 0.15),  # Romania
    "+353": ("80", 7, 0.09),  # Ireland
    "+234": ("900", 7, 0.08),  # Nigeria
    "+33": ("63998", 4, 0.07),  # France: ARCEP's fiction range 06 39 98 xx xx
}
FAMILY_ABROAD_SHARE = 0.06  # people who ring family abroad on the network (not over apps)
DRAMA_MOBILE_FIRST = 7_700_900_000  # 07700 900000-900999


@dataclass
class Services:
    """Phone-book indices of every service, and who has family abroad."""

    kinds: dict[int, str] = field(default_factory=dict)  # phone -> kind, every service
    apn: dict[str, list[int]] = field(default_factory=dict)  # network -> its access points
    apn_share: dict[str, list[float]] = field(default_factory=dict)
    voicemail: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))  # per network
    numbers: dict[str, list[int]] = field(default_factory=dict)  # service kind -> phones
    withheld: list[int] = field(default_factory=list)
    family: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # people ...
    family_phone: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))  # ... abroad

    def truth(self, number: list[str], data_sessions: bool) -> list[dict[str, Any]]:
        """`truth.json`'s `services`: every service number written, and the access points
        when the world has data sessions."""
        rows = [
            {"number": number[phone], "kind": kind}
            for phone, kind in self.kinds.items()
            if data_sessions or kind != "access_point"
        ]
        return sorted(rows, key=lambda row: (row["kind"], row["number"]))


def register_services(rng: np.random.Generator, phones: PhoneBook, people: int) -> Services:
    """Add every service number to `phones` (after all of the world's own phones) and choose
    the `people` with family abroad; the draws come from the services' own stream `rng`."""
    services = Services()
    known = {number: index for index, number in enumerate(phones.number)}
    drama = (f"+44{DRAMA_MOBILE_FIRST + n}" for n in rng.permutation(1000).tolist())

    def add(value: str, kind: str) -> int:
        if value == "mobile":
            value = next(n for n in drama if n not in known)
        phone = known[value] if value in known else phones.add_special(value)
        known[value] = phone
        services.kinds[phone] = kind
        return phone

    for network, choices in APNS.items():
        services.apn[network] = [add(name, "access_point") for name, _ in choices]
        services.apn_share[network] = [share for _, share in choices]
    services.voicemail = np.array(
        [add(VOICEMAIL[network], "voicemail") for network in NETWORKS], np.int32
    )
    for kind, values in SERVICES.items():
        services.numbers[kind] = [add(value, kind) for value in values]
    services.withheld = [add(label, "withheld") for label in WITHHELD]
    _family_abroad(rng, phones, people, services, add)
    return services


def _family_abroad(
    rng: np.random.Generator,
    phones: PhoneBook,
    people: int,
    services: Services,
    add: Any,
) -> None:
    """About 6% of people have one or two relatives abroad, all in one country."""
    family = np.flatnonzero(rng.random(people) < FAMILY_ABROAD_SHARE)
    relatives = rng.integers(1, 3, size=len(family))
    codes = list(ABROAD)
    shares = np.array([ABROAD[c][2] for c in codes])
    country = rng.choice(len(codes), size=len(family), p=shares / shares.sum())
    who = np.repeat(family, relatives)
    where = np.repeat(country, relatives)
    phone = np.empty(len(who), np.int32)
    for c, code in enumerate(codes):
        rows = np.flatnonzero(where == c)
        prefix, digits, _ = ABROAD[code]
        wanted = min(len(rows), 10**digits)
        suffix = rng.choice(10**digits, size=wanted, replace=False)
        for row, value in zip(rows[:wanted].tolist(), suffix.tolist(), strict=True):
            phone[row] = add(f"{code}{prefix}{value:0{digits}d}", "international")
        phone[rows[wanted:]] = phone[rows[0]] if wanted else 0
    services.family, services.family_phone = who, phone
