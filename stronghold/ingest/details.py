"""What an import says about a file beyond its counts: encoding and delimiter, clock changes
resolved, numbers kept verbatim, coordinates swapped back, postcodes not recognised."""

from __future__ import annotations

from typing import Any

import duckdb

from stronghold.ingest.readers import Source
from stronghold.ingest.validation import CheckQuery
from stronghold.sql_text import quote

__all__ = ["file_details", "stored_flag"]


def stored_flag(flag: str) -> str:
    """The name a check's flag column has in the event store."""
    if flag.startswith("_clock_"):
        return flag.removeprefix("_clock_") + "_clock"
    if flag.startswith("_swapped_"):
        return flag.removeprefix("_swapped_").replace("latitude", "coordinates") + "_swapped"
    return flag


def file_details(
    con: duckdb.DuckDBPyConnection,
    good: str,
    query: CheckQuery,
    source: Source,
    absent: list[str],
    stored: bool,
) -> dict[str, Any]:
    """Counts over the loaded rows of `good` (flags named as stored when `stored`)."""
    details: dict[str, Any] = {
        "encoding": source.encoding,
        "delimiter": source.delimiter,
        "line_numbers": "line" if source.exact_lines else "record",
    }
    if absent:
        details["columns_not_found"] = absent
    measures: list[tuple[str, str, str]] = []  # (group, name, SQL)
    for flag in query.flags:
        column = quote(stored_flag(flag) if stored else flag)
        if flag.startswith("_clock_"):
            measures += [
                ("clock_changes_resolved", kind, f"count(*) filter (where {column} = '{kind}')")
                for kind in ("ambiguous", "nonexistent")
            ]
        elif flag.endswith("_kind"):
            measures += [
                ("numbers_kept_verbatim", kind, f"count(*) filter (where {column} = '{kind}')")
                for kind in ("withheld", "short_code", "invalid")
            ]
        elif flag.endswith("_valid"):
            measures.append(
                ("", "postcodes_not_recognised", f"count(*) filter (where {column} = false)")
            )
        else:
            measures.append(("", "coordinates_swapped", f"count(*) filter (where {column})"))
    if not measures:
        return details
    totals = con.execute(f"select {', '.join(m[2] for m in measures)} from {good}").fetchall()[0]
    for (group, name, _), total in zip(measures, totals, strict=True):
        if group:
            details.setdefault(group, {}).setdefault(name, 0)
            details[group][name] += int(total or 0)
        else:
            details[name] = details.get(name, 0) + int(total or 0)
    return details
