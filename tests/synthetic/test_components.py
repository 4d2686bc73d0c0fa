"""The world's parts: numbers, handsets, plates, postcodes, routes and the clock."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import numpy as np
import phonenumbers
import pytest

from stronghold.synthetic.geography import TOWNS
from stronghold.synthetic.phones import PhoneBook
from stronghold.synthetic.rhythms import Calendar
from stronghold.synthetic.routes import route
from stronghold.synthetic.seeding import stream
from stronghold.synthetic.spatial import distance_km
from stronghold.synthetic.vehicles import Fleet
from stronghold.synthetic.whereabouts import Itinerary


def luhn_ok(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value // 10 + value % 10
    return total % 10 == 0


def test_mobiles_are_well_formed_but_unallocated() -> None:
    book = PhoneBook(stream(1, "test"))
    numbers = book.add_mobiles(np.arange(2000))
    for index in numbers.tolist():
        parsed = phonenumbers.parse(book.number[index], None)
        assert phonenumbers.is_possible_number(parsed)
        assert not phonenumbers.is_valid_number(parsed)  # Ofcom has not allocated the block
        assert book.number[index][:7] in ("+447700", "+447911")
    assert len(set(book.number)) == len(book.number)


def test_handsets_have_valid_imeis_and_sims_uk_imsis() -> None:
    book = PhoneBook(stream(2, "test"))
    book.add_mobiles(np.arange(500))
    assert all(len(imei) == 15 and luhn_ok(imei) for imei in book.imei)
    assert all(re.fullmatch(r"234(10|15|20|30)\d{10}", imsi) for imsi in book.imsi)


def test_landlines_come_from_drama_ranges() -> None:
    book = PhoneBook(stream(3, "test"))
    london = book.number[book.add_landline("020")]
    elsewhere = book.number[book.add_landline("01865")]
    assert london.startswith("+4420794600") and elsewhere.startswith("+441632960")


def test_number_plates_are_never_issued_marks() -> None:
    fleet = Fleet(stream(4, "test"))
    for _ in range(300):
        fleet.add(-1)
    assert all(re.fullmatch(r"Z[A-Z]\d{2} [A-Z]{3}", vrm) for vrm in fleet.vrm)
    assert len(set(fleet.vrm)) == 300


@pytest.mark.parametrize("mode", ["road", "rail"])
def test_every_hub_reaches_every_county_town(mode: str) -> None:
    for hub in (t for t in TOWNS if t.hub):
        for county in (t for t in TOWNS if t.county and t is not hub):
            journey = route(hub.name, county.name, mode)
            straight = float(
                distance_km(hub.latitude, hub.longitude, county.latitude, county.longitude)
            )
            assert straight <= journey.km <= 1.6 * straight + 10, (hub.name, county.name)
            assert 0.1 < journey.hours < 8


def test_clock_changes_are_resolved() -> None:
    spring = Calendar(date(2026, 3, 29), 1)  # clocks go forward at 01:00 GMT
    assert spring.utc(0, np.array([30 * 60]))[0] == _epoch(2026, 3, 29, 0, 30)
    assert spring.utc(0, np.array([3 * 3600]))[0] == _epoch(2026, 3, 29, 2, 0)  # 03:00 BST
    autumn = Calendar(date(2026, 10, 25), 1)  # 01:00-02:00 happens twice
    assert autumn.utc(0, np.array([3600 + 1800]))[0] == _epoch(2026, 10, 25, 0, 30)  # BST
    assert autumn.utc(0, np.array([3 * 3600]))[0] == _epoch(2026, 10, 25, 3, 0)  # GMT
    summer = Calendar(date(2026, 6, 1), 2)
    local = np.arange(0, 86_400, 1800)
    assert (summer.local_seconds(summer.utc(1, local)) == local).all()
    assert (summer.day_of(summer.utc(1, local)) == 1).all()


def test_journeys_pass_their_cells_in_order() -> None:
    itinerary = Itinerary()
    itinerary.journey(1000, 2000, np.array([5, 6, 7, 8, 9]))
    itinerary.stay(np.array([3000, 5000]), np.array([4000, 6000]), np.array([1, 2]))
    rng = stream(5, "test")
    cells = itinerary.locate(rng, np.array([999, 1000, 1250, 1999, 2500, 3500, 5500, 7000]))
    assert cells[0] == -2 and list(cells[1:4]) == [5, 6, 9]
    assert cells[4] == -2 and cells[5] in (1, 2) and cells[6] in (1, 2) and cells[7] == -2


def test_postcodes_belong_to_their_town(tiny_bundle) -> None:
    import csv

    districts = {t.name: set(t.districts) for t in TOWNS}
    with (tiny_bundle / "addresses.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    for row in rows:
        district, unit = row["postcode"].split(" ")
        assert district in districts[row["town"]]
        assert re.fullmatch(r"\d[A-Z]{2}", unit)


def _epoch(*parts: int) -> int:
    return int(datetime(*parts, tzinfo=UTC).timestamp())


def test_serving_sector_faces_the_phone() -> None:
    from stronghold.synthetic.cells import build_cell_network
    from stronghold.synthetic.geography import town

    places = [town("Banbury")]
    cells = build_cell_network(stream(6, "test"), places, [])
    rng = stream(7, "test")
    lat = places[0].latitude + rng.normal(0, 0.01, 2000)
    lon = places[0].longitude + rng.normal(0, 0.015, 2000)
    served = cells.serving_cell(lat, lon)
    from stronghold.synthetic.spatial import bearing_deg

    facing = bearing_deg(cells.latitude[served], cells.longitude[served], lat, lon)
    off = np.abs((facing - cells.azimuth[served] + 180.0) % 360.0 - 180.0)
    assert off.max() <= 60.0 + 1e-6  # three sectors of 120 degrees each
