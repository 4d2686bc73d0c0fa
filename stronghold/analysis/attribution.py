"""Who uses a number, as the nominal records say (`person_phones`, from people.csv)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Engine, select

from stronghold.store.models import PersonPhone

__all__ = ["owners"]


def owners(database: Engine, numbers: Iterable[str]) -> dict[str, list[str]]:
    """The person ids recorded against each of `numbers` (numbers with none are left out)."""
    wanted = sorted(set(numbers))
    found: dict[str, list[str]] = {}
    with database.connect() as connection:
        for first in range(0, len(wanted), 500):
            rows = connection.execute(
                select(PersonPhone.number, PersonPhone.person_id)
                .where(PersonPhone.number.in_(wanted[first : first + 500]))
                .order_by(PersonPhone.number, PersonPhone.person_id)
            )
            for number, person in rows:
                found.setdefault(number, []).append(person)
    return found
