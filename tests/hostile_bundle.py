"""A hostile case bundle: the tiny synthetic world with every text field of every file
carrying values a spreadsheet would run (`=HYPERLINK(...)`, `+cmd|' /C calc'!A0` ...) or XML
does not allow (`\\x01`, `\\x1b`, U+FFFE), and markup and CSV punctuation besides.

Identifiers get the same hostile form in every file, so the analyses still find the lines,
runners, premises and groups; the lines' controller numbers become values that are not
numbers (kept verbatim by the import); and a few rows are broken on purpose so that the
quarantine holds hostile values too."""

from __future__ import annotations

import csv
import json
import zlib
from collections.abc import Callable
from pathlib import Path

from stronghold.ingest.normalise.phones import normalise_number

__all__ = ["CONTROLLER_IDS", "HYPERLINK", "hostile_bundle"]

HYPERLINK = '=HYPERLINK("http://x.invalid","y")'
FORMULAS = (HYPERLINK, "+cmd|' /C calc'!A0", "@SUM(1)", "-2+3", "\t=1", "\uff1d1+1", "'=1")
ID_ENDS = ("\x01", "\x1b[2J", "\ufffe", "[/]", '"', "'")  # no ';': ids sit in lists
TEXT_ENDS = (*ID_ENDS, "; =1+1", "\r\n@SUM(2)", ",\"'")
# the person ids of the records added for the lines' controllers (their numbers stay numbers:
# a value that is not one is no subscriber, and never a contact)
CONTROLLER_IDS = ("+cmd|' /C calc'!A0", "=1+1")

Row = dict[str, str]


def _pick(value: str, choices: tuple[str, ...], salt: str) -> str:
    return choices[zlib.crc32((salt + value).encode("utf-8")) % len(choices)]


def hostile_id(value: str) -> str:
    """The same hostile form of an identifier wherever it appears."""
    if not value:
        return value
    return _pick(value, FORMULAS, "id") + value + _pick(value, ID_ENDS, "end")


def hostile_text(value: str) -> str:
    """Free text (a town, a name, a report) with a formula before it and worse after."""
    if not value:
        return value
    return _pick(value, FORMULAS, "text") + value + _pick(value, TEXT_ENDS, "end")


def _each(change: Callable[[str], str]) -> Callable[[str], str]:
    """`change` applied to each item of a `;`-separated list."""
    return lambda value: ";".join(change(item) for item in value.split(";")) if value else value


CHANGES: dict[str, dict[str, Callable[[str], str]]] = {
    "comms": {
        **dict.fromkeys(
            ("a_cell", "b_cell", "a_imei", "b_imei", "a_imsi", "record_id"), hostile_id
        ),
        "source": hostile_text,
    },
    "cells": {"cell_id": hostile_id, **dict.fromkeys(("site_name", "postcode"), hostile_text)},
    "people": {
        **dict.fromkeys(("person_id", "address_id"), hostile_id),
        **dict.fromkeys(("forename", "surname", "gender"), hostile_text),
        "aliases": _each(hostile_text),
        "flags": lambda value: f"{value};-2+3" if value else "@SUM(1)",
    },
    "addresses": {
        "address_id": hostile_id,
        **dict.fromkeys(("line1", "town", "postcode"), hostile_text),
    },
    "vehicles": {
        **dict.fromkeys(("make", "model", "colour"), hostile_text),
        "keeper_person_id": hostile_id,
    },
    "anpr": {"camera_id": hostile_id, "direction": hostile_text},
    "intelligence": {
        **dict.fromkeys(("ref", "address_id"), hostile_id),
        **dict.fromkeys(("text", "handling_conditions", "area"), hostile_text),
        "subjects": _each(hostile_id),
    },
    "incidents": {
        **dict.fromkeys(("incident_id", "address_id"), hostile_id),
        **dict.fromkeys(("category", "description"), hostile_text),
    },
    "missing_episodes": {"person_id": hostile_id, "found_location": hostile_text},
    "stop_search": {
        "person_id": hostile_id,
        **dict.fromkeys(("object_of_search", "outcome"), hostile_text),
        "items_found": _each(hostile_text),
    },
}
BROKEN = {  # rows the import must refuse, so that the quarantine holds hostile values
    "comms": ({"kind": "@SUM(1)"}, {"start_time": HYPERLINK}, {"duration_s": "-2+3"}),
    "people": ({"date_of_birth": "=1+1"}, {"date_of_birth": "\x1b[2J"}),
    "addresses": ({"tenure": "+cmd|' /C calc'!A0"},),
    "vehicles": ({"vrm": "=1+2"},),
}


def hostile_bundle(source: Path, target: Path) -> Path:
    """Write the hostile version of the bundle at `source` (a synthetic one, with its
    truth.json) to `target`."""
    truth = json.loads((source / "truth.json").read_text(encoding="utf-8"))
    controllers = sorted({n for line in truth["lines"] for n in line["controller_numbers"]})
    named = dict(zip(controllers, CONTROLLER_IDS * len(controllers), strict=False))
    target.mkdir(parents=True)
    for path in sorted(source.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        table = path.stem
        changes = CHANGES.get(table, {})
        rows = [{k: changes[k](v) if k in changes else v for k, v in r.items()} for r in rows]
        if table == "comms":
            rows += [{**rows[i], "b_number": "@SUM(1)", "record_id": f"x{i}"} for i in range(3)]
        if table == "people":
            for row in rows:  # the controllers' numbers are theirs alone
                row["phone_numbers"] = ";".join(n for n in _items(row) if not _of(n, named))
            blank = dict.fromkeys(rows[0], "")
            rows += [
                {**blank, "person_id": person, "phone_numbers": number}
                for number, person in sorted(named.items())
            ]
        for i, broken in enumerate(BROKEN.get(table, ())):
            rows.append({**rows[i], **broken})
        with (target / path.name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    return target


def _items(row: Row) -> list[str]:
    return [n for n in row["phone_numbers"].split(";") if n]


def _of(written: str, named: dict[str, str]) -> bool:
    normal = normalise_number(written)
    return bool(normal and normal.value in named)
