"""Every number in the world, the SIM behind it (IMSI) and the handset it sits in (IMEI).

Mobile numbers come only from blocks Ofcom has not allocated (07700 2xxxxx, 07700 4xxxxx to
6xxxxx, 07700 9xxxxx, 07911 3xxxxx to 6xxxxx and 07911 9xxxxx: a million numbers that
libphonenumber accepts as possible UK mobiles but not as valid ones), so no synthetic number
can ring a real phone.
Business landlines come from Ofcom's drama ranges (01632 960xxx, 020 7946 0xxx ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

__all__ = ["NETWORKS", "SPECIAL_NUMBERS", "FrozenPhones", "PhoneBook"]

NETWORKS = ("EE", "O2", "Vodafone", "Three")
NETWORK_SHARE = (0.32, 0.27, 0.24, 0.17)
MOBILE_NETWORK_CODES = ("30", "10", "15", "20")
UNALLOCATED_MOBILE_BLOCKS = (  # (first national number, how many)
    (7_700_200_000, 100_000),
    (7_700_400_000, 300_000),
    (7_700_900_000, 100_000),
    (7_911_300_000, 400_000),
    (7_911_900_000, 100_000),
)
UNALLOCATED_MOBILE_COUNT = sum(count for _, count in UNALLOCATED_MOBILE_BLOCKS)
DRAMA_LANDLINES = {  # dialling code -> first number of Ofcom's 1,000-number drama range
    "01632": "01632960",
    "020": "02079460",
    "0121": "01214960",
    "0151": "01514960",
    "0161": "01614960",
    "0116": "01164960",
    "0118": "01184960",
}
SPECIAL_NUMBERS = ("Withheld", "121", "88020")  # withheld caller, voicemail, a short code
# (every other service, access point and number abroad is registered by services.py, after
# all of the world's phones, so these indices and the phones' draws never move)


def _luhn_check_digit(body: np.ndarray) -> np.ndarray:
    """Luhn check digits for rows of 14 IMEI digits."""
    digits = body.copy()
    doubled = digits[:, 1::2] * 2
    digits[:, 1::2] = doubled // 10 + doubled % 10
    return (10 - digits.sum(axis=1) % 10) % 10


@dataclass
class PhoneBook:
    """A growing register of numbers; indices are stable once assigned."""

    rng: np.random.Generator
    number: list[str] = field(default_factory=list)
    owner: list[int] = field(default_factory=list)  # person index, or -1
    handset: list[int] = field(default_factory=list)  # handset index, or -1 (landline, special)
    network: list[int] = field(default_factory=list)  # index into NETWORKS, or -1
    imsi: list[str] = field(default_factory=list)
    imei: list[str] = field(default_factory=list)  # one per handset
    _pool: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    _models: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # TACs
    _next_mobile: int = 0
    _next_landline: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        block = np.concatenate(
            [
                np.arange(first, first + count, dtype=np.int64)
                for first, count in UNALLOCATED_MOBILE_BLOCKS
            ]
        )
        self._pool = block[self.rng.permutation(UNALLOCATED_MOBILE_COUNT)]
        self._models = 35_000_000 + self.rng.integers(0, 999_999, size=40)

    def __len__(self) -> int:
        return len(self.number)

    def new_handsets(self, count: int) -> np.ndarray:
        """`count` new handsets with valid IMEIs (TAC, serial, Luhn digit); their indices."""
        tac = self._models[self.rng.integers(len(self._models), size=count)]
        serial = self.rng.integers(0, 1_000_000, size=count)
        body = np.column_stack(
            [tac // 10 ** (7 - k) % 10 for k in range(8)]
            + [serial // 10 ** (5 - k) % 10 for k in range(6)]
        )
        check = _luhn_check_digit(body)
        start = len(self.imei)
        self.imei.extend(
            "".join(map(str, row)) + str(c) for row, c in zip(body, check, strict=True)
        )
        return np.arange(start, start + count)

    def add_mobiles(
        self,
        owners: np.ndarray,
        networks: np.ndarray | None = None,
        handsets: np.ndarray | None = None,
    ) -> np.ndarray:
        """New mobile numbers for `owners` (person indices or -1); returns their indices."""
        count = len(owners)
        if self._next_mobile + count > UNALLOCATED_MOBILE_COUNT:
            raise ValueError("the world needs more mobile numbers than the unallocated block")
        national = self._pool[self._next_mobile : self._next_mobile + count]
        self._next_mobile += count
        if networks is None:
            networks = self.rng.choice(len(NETWORKS), size=count, p=NETWORK_SHARE)
        if handsets is None:
            handsets = self.new_handsets(count)
        subscriber = self.rng.integers(0, 10**10, size=count)
        start = len(self.number)
        self.number.extend(f"+44{n}" for n in national.tolist())
        self.owner.extend(np.asarray(owners).tolist())
        self.handset.extend(np.asarray(handsets).tolist())
        self.network.extend(np.asarray(networks).tolist())
        self.imsi.extend(
            f"234{MOBILE_NETWORK_CODES[n]}{s:010d}"
            for n, s in zip(np.asarray(networks).tolist(), subscriber.tolist(), strict=True)
        )
        return np.arange(start, start + count)

    def add_landline(self, dialling_code: str) -> int:
        """A business landline from the drama range of `dialling_code` (01632 if it has none)."""
        prefix = DRAMA_LANDLINES.get(dialling_code, DRAMA_LANDLINES["01632"])
        used = self._next_landline.get(prefix, 0)
        if used >= 1000:
            raise ValueError(f"more than 1,000 landlines asked for in {prefix}")
        self._next_landline[prefix] = used + 1
        return self._append(f"+44{prefix[1:]}{used:03d}", -1, -1, -1, "")

    def add_special(self, label: str) -> int:
        """A value that is not a dialable number (withheld, short codes): kept verbatim."""
        return self._append(label, -1, -1, -1, "")

    def _append(self, number: str, owner: int, handset: int, network: int, imsi: str) -> int:
        self.number.append(number)
        self.owner.append(owner)
        self.handset.append(handset)
        self.network.append(network)
        self.imsi.append(imsi)
        return len(self.number) - 1

    def frozen(self) -> FrozenPhones:
        """Column arrays for fast look-up while events are written."""
        return FrozenPhones(
            number=np.asarray(self.number, dtype=object),
            owner=np.asarray(self.owner, dtype=np.int32),
            handset=np.asarray(self.handset, dtype=np.int32),
            network=np.asarray(self.network, dtype=np.int8),
            imsi=np.asarray(self.imsi, dtype=object),
            imei=np.asarray([*self.imei, ""], dtype=object),  # index -1 is the empty IMEI
        )


@dataclass(frozen=True)
class FrozenPhones:
    number: np.ndarray
    owner: np.ndarray
    handset: np.ndarray
    network: np.ndarray
    imsi: np.ndarray
    imei: np.ndarray
