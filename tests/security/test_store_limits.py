"""What the store cannot keep is quarantined, not a crash: found by the hostile bundle on
PostgreSQL, where a postcode longer than its column (20 characters) failed the whole import
(SQLite does not enforce lengths, so only PostgreSQL showed it). Also NUL, which neither
store keeps as text, in a value and in a supplier's extra column."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from stronghold.ingest.importer import ingest_bundle
from stronghold.settings import Settings
from stronghold.store.models import Address, Person, PersonPhone
from stronghold.workspace import Workspace
from tests.security.conftest import open_store, write_bundle

LONG_ID = "P" * 121  # person_id keeps 120
LONG_POSTCODE = "=HYPERLINK(1)OX15 7WY[/]"  # postcode keeps 20
LONG_NUMBER = "9" * 70  # a phone number keeps 64 (kept verbatim: it is not a number)


def test_values_the_store_cannot_keep_are_quarantined_and_the_rest_loads(
    store: Settings, tmp_path: Path
) -> None:
    people = (
        "person_id,forename,phone_numbers,Notes\n"
        "P1,Ann,07700 900123,fine\n"
        f"{LONG_ID},Bob,,\n"
        f"P3,Cat,07700 900124;{LONG_NUMBER},\n"
        "P4,Dan\x00,,\n"
        "P5,Eve,,note\x00\n"
    )
    addresses = f"address_id,line1,postcode\nA1,1 High St,OX15 7WY\nA2,2 Low Rd,{LONG_POSTCODE}\n"
    bundle = write_bundle(tmp_path / "b", {"people.csv": people, "addresses.csv": addresses})
    report = ingest_bundle(bundle, Workspace.open(store.workspace), store)
    assert [f.status for f in report.files] == ["loaded", "loaded"], report.files
    by_table = {f.table: f.staged for f in report.files if f.staged}
    assert (by_table["people"].loaded, by_table["people"].quarantined) == (1, 4)
    assert (by_table["addresses"].loaded, by_table["addresses"].quarantined) == (1, 1)
    engine = open_store(store)
    with engine.connect() as connection:
        people_ids = set(connection.scalars(select(Person.person_id)))
        numbers = set(connection.scalars(select(PersonPhone.number)))
        postcodes = set(connection.scalars(select(Address.postcode)))
    engine.dispose()
    assert people_ids == {"P1"}
    assert numbers == {"+447700900123"}
    assert postcodes == {"OX15 7WY"}
