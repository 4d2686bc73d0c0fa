"""Which file of a bundle holds which contract table, under a profile."""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

from stronghold.contract import CONTRACT, EXTENSIONS
from stronghold.ingest.profiles import Profile

__all__ = ["discover", "outside"]


def outside(path: Path, bundle: Path) -> bool:
    """Whether `path` (a file of `bundle`, or a link there) resolves outside the bundle."""
    return not path.resolve().is_relative_to(bundle.resolve())


def discover(bundle: Path, profile: Profile) -> tuple[list[tuple[Path, str]], list[Path]]:
    """(file, table) pairs in contract order, and the files no table claims.

    A profile's own patterns come first; otherwise a file is named after its table in any
    accepted format (`comms.csv`, `COMMS.CSV.GZ`, `people.xlsx` ...). A link is listed like
    a file; `outside` says which lead out of the bundle (they are never read).
    """
    files = sorted(p for p in bundle.iterdir() if p.is_file() and not p.name.startswith("."))
    claimed: dict[Path, str] = {}
    for table in CONTRACT:
        layout = profile.tables.get(table)
        for path in files:
            if path in claimed:
                continue
            name = path.name.lower()
            if layout is not None and layout.files:
                if any(fnmatch(name, pattern.lower()) for pattern in layout.files):
                    claimed[path] = table
            elif any(name == f"{table}{extension}" for extension in EXTENSIONS):
                claimed[path] = table
    order = list(CONTRACT)
    pairs = sorted(claimed.items(), key=lambda item: (order.index(item[1]), item[0].name))
    ignored = [p for p in files if p not in claimed and p.name != "truth.json"]
    return pairs, ignored
