"""Public research datasets turned into case bundles, for tests on data nobody here made.

The datasets live outside the repository, in `../shared/data` beside it (each folder has a
README naming its source, authors and counts). A test that needs one skips, saying why, when
the folder is absent.

Participants and phones are anonymous integer ids. They become numbers in Ofcom's range for
drama (`+447700900000` to `+447700900999`), so `number_of(7)` is `+447700900007`: tests speak in
the dataset's own ids and no real number can appear.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
COPENHAGEN = DATA / "copenhagen_networks_calls"
VAST = DATA / "vast2008_mc3_cellphone"
CAVIAR = DATA / "caviar_morselli"
# CAVIAR's 11 phases cover about two months each of 1994-1996; the matrices carry counts,
# not times, so each phase's communications are spread over its own 60 days from here
CAVIAR_START = datetime(2026, 1, 5, tzinfo=UTC)

# The Copenhagen study publishes times as seconds since an unpublished start; any fixed
# instant will do (a Monday, clear of both clock changes).
COPENHAGEN_START = datetime(2026, 2, 2, tzinfo=UTC)

DRAMA_PREFIX = "+447700900"  # Ofcom's drama block: 1,000 numbers, never allocated
COMMS_COLUMNS = ("start_time", "a_number", "b_number", "kind", "duration_s")


def number_of(dataset_id: int) -> str:
    """The number a dataset's participant or phone id is given in a bundle."""
    if not 0 <= dataset_id <= 999:
        raise ValueError(
            f"id {dataset_id} does not fit the 1,000 drama numbers {DRAMA_PREFIX}000-999"
        )
    return f"{DRAMA_PREFIX}{dataset_id:03d}"


def id_of(number: str) -> int:
    """The dataset id behind a bundle's number (the inverse of `number_of`)."""
    tail = number.removeprefix(DRAMA_PREFIX)
    if tail == number or len(tail) != 3 or not tail.isdigit():
        raise ValueError(f"{number!r} is not one of the numbers {DRAMA_PREFIX}000-999")
    return int(tail)


def _folder(folder: Path) -> Path:
    if not folder.is_dir():
        pytest.skip(f"public dataset {folder.name} not found at {folder} (see {DATA}/README.md)")
    return folder


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _write(out: Path, columns: Iterable[str], rows: list[dict[str, str]]) -> Path:
    """Write comms.csv into `out` (made if need be), rows in time order, and return `out`."""
    out.mkdir(parents=True, exist_ok=True)
    rows.sort(key=lambda row: row["start_time"])  # stable: ties keep the dataset's order
    with (out / "comms.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return out


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def copenhagen_bundle(out: Path) -> Path:
    """The Copenhagen Networks Study's calls and texts among ~700 students as a bundle in `out`.

    Ordinary people only: every number is a negative for deal-line and runner detectors.
    Times count from `COPENHAGEN_START` in UTC; a missed call (duration -1) lasts 0 s. The
    data has no cells. The study's 21 texts that repeat another exactly (same second, sender
    and recipient) are kept, so an importer sees them as the repeats they are.
    """
    folder = _folder(COPENHAGEN)

    def start(seconds: str) -> str:
        return _iso(COPENHAGEN_START + timedelta(seconds=int(seconds)))

    rows = [
        {
            "start_time": start(call["timestamp"]),
            "a_number": number_of(int(call["from"])),
            "b_number": number_of(int(call["to"])),
            "kind": "call",
            "duration_s": str(max(int(call["duration"]), 0)),
        }
        for call in _read(folder / "calls.csv")
    ]
    rows += [
        {
            "start_time": start(text["timestamp"]),
            "a_number": number_of(int(text["from"])),
            "b_number": number_of(int(text["to"])),
            "kind": "sms",
            "duration_s": "",
        }
        for text in _read(folder / "sms.csv")
    ]
    return _write(out, COMMS_COLUMNS, rows)


def vast_bundle(out: Path) -> Path:
    """The VAST 2008 mini challenge 3 call records (synthetic, 400 phones, 2006-06-01 to 10)
    as a bundle in `out`.

    Times are as given, read as UTC. `a_cell` is the caller's tower as `T01`..`T30`. Four
    records carry a negative duration; they are kept as calls with the duration left empty
    (unknown) rather than handed to the importer to refuse.
    """
    folder = _folder(VAST)
    rows = []
    for call in _read(folder / "CellPhoneCallRecords_cdr.csv"):
        seconds = int(call["Duration(seconds)"])
        rows.append(
            {
                "start_time": _iso(datetime.strptime(call["Datetime"], "%Y%m%d %H%M")),
                "a_number": number_of(int(call["From"])),
                "b_number": number_of(int(call["To"])),
                "kind": "call",
                "duration_s": str(seconds) if seconds >= 0 else "",
                "a_cell": f"T{int(call['Cell Tower']):02d}",
            }
        )
    return _write(out, (*COMMS_COLUMNS, "a_cell"), rows)


def caviar_matrix(phase: int | None = None) -> dict[tuple[int, int], int]:
    """CAVIAR's communications (from, to) -> count: the full 110 x 110 matrix, or a phase's."""
    folder = _folder(CAVIAR)
    path = folder / "caviar_full_110x110_adjacency.csv"
    if phase is not None:
        path = folder / "phases" / f"phase{phase}.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    heads = [int(h) for h in rows[0][1:]]
    counts = {}
    for row in rows[1:]:
        for to, value in zip(heads, row[1:], strict=True):
            if int(float(value or 0)) and int(row[0]) != to:
                counts[(int(row[0]), to)] = int(float(value))
    return counts


def caviar_bundle(out: Path, phase: int | None = None) -> Path:
    """CAVIAR's wiretapped communications as a comms bundle: each counted communication from
    i to j is a call from `number_of(i)` to `number_of(j)`, a minute apart within the
    phase's 60 days (the data holds no times). The full matrix is a bundle of its own."""
    began = CAVIAR_START + timedelta(days=60 * ((phase or 1) - 1))
    rows = []
    for (source, target), count in sorted(caviar_matrix(phase).items()):
        for n in range(count):
            at = began + timedelta(minutes=len(rows) % (60 * 24 * 59))
            rows.append(
                {
                    "start_time": _iso(at),
                    "a_number": number_of(source),
                    "b_number": number_of(target),
                    "kind": "call",
                    "duration_s": str(60 + n % 7),
                }
            )
    return _write(out, COMMS_COLUMNS, rows)


MONTAGNA = DATA / "montagna_cavallaro"
MONTAGNA_KINDS = ("phonecalls", "meetings")
# Montagna's edge lists count meetings and calls from 2003-2007 but carry no times; each
# counted contact is a call a minute apart from here
MONTAGNA_START = datetime(2026, 1, 5, tzinfo=UTC)


def montagna_edges(kinds: Iterable[str] = ("phonecalls",)) -> dict[tuple[int, int], int]:
    """Montagna's contacts (from, to) -> count, summed over the edge lists of `kinds`
    (`phonecalls`, `meetings`): tab-separated `source target weight`, no header. A pair
    listed both ways keeps both rows (the authors read the graphs as undirected)."""
    folder = _folder(MONTAGNA)
    counts: dict[tuple[int, int], int] = {}
    for kind in kinds:
        if kind not in MONTAGNA_KINDS:
            raise ValueError(f"Montagna has no {kind!r} edge list (only {MONTAGNA_KINDS})")
        with (folder / f"Montagna_{kind}_edgelist.csv").open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    source, target, weight = (int(x) for x in line.split())
                    if source != target:
                        counts[(source, target)] = counts.get((source, target), 0) + weight
    return counts


def montagna_bundle(out: Path, kinds: Iterable[str] = ("phonecalls",)) -> Path:
    """Montagna's meetings and phone calls as a comms bundle: each counted contact from i to
    j is a call from `number_of(i)` to `number_of(j)`, a minute apart from MONTAGNA_START
    (a meeting is made a call: the network is the adjacency, whatever the contact was)."""
    rows: list[dict[str, str]] = []
    for (source, target), count in sorted(montagna_edges(kinds).items()):
        for n in range(count):
            rows.append(
                {
                    "start_time": _iso(MONTAGNA_START + timedelta(minutes=len(rows))),
                    "a_number": number_of(source),
                    "b_number": number_of(target),
                    "kind": "call",
                    "duration_s": str(60 + n % 7),
                }
            )
    return _write(out, COMMS_COLUMNS, rows)


def montagna_roles() -> dict[int, str]:
    """Montagna's participant id -> role as the court order's summary gives it (e.g. "boss
    family ''Mistretta''", "enterpreneur"; empty where none is given)."""
    with (_folder(MONTAGNA) / "Montagna_Roles.csv").open(encoding="utf-8-sig") as handle:
        return {int(row["Node"].removeprefix("N")): row["Role"] for row in csv.DictReader(handle)}
