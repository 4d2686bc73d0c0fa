"""From a supplier's columns to the contract's: renames, split dates and times, direction
columns, supplier words for values. The result is SQL over the file's text columns."""

from __future__ import annotations

from dataclasses import dataclass, field

from stronghold.contract import Table
from stronghold.ingest.errors import IngestError
from stronghold.ingest.normalise.times import DEFAULT_TIME_FORMATS
from stronghold.ingest.profiles import TableLayout
from stronghold.ingest.readers import Source
from stronghold.shown import excerpt
from stronghold.sql_text import quote, text

__all__ = ["Mapping", "map_columns"]


@dataclass
class Mapping:
    """SQL expressions (over the source relation) for each contract column, and the rest."""

    expressions: dict[str, str]  # contract column -> SQL giving its text (or NULL)
    extras: list[str]  # source columns the contract does not name: kept as they are
    time_formats: dict[str, tuple[str, ...]]
    checks: list[tuple[str, str, str, str]] = field(default_factory=list)  # cond, col, val, why
    absent: list[str] = field(default_factory=list)  # columns the profile names but the file lacks

    def select(self, relation: str) -> str:
        columns = [f"{sql} as {quote(name)}" for name, sql in self.expressions.items()]
        columns += [f"{quote(extra)} as {quote('extra:' + extra)}" for extra in self.extras]
        for n, (condition, _, value, _) in enumerate(self.checks):  # checks on source columns
            columns += [f"{condition} as _check{n}", f"{value} as _checkvalue{n}"]
        return f"select _line, {', '.join(columns)} from {relation}"

    def mapped_checks(self) -> list[tuple[str, str, str, str]]:
        """The checks on source columns, as conditions over the mapped rows."""
        return [
            (f"t._check{n}", column, f"t._checkvalue{n}", reason)
            for n, (_, column, _, reason) in enumerate(self.checks)
        ]


def map_columns(table: Table, layout: TableLayout, source: Source) -> Mapping:
    """How `source` fills `table` under `layout`; raises when a required column is missing."""
    index = {name.strip().lower(): name for name in source.columns}
    used: set[str] = set()
    expressions: dict[str, str] = {}
    formats: dict[str, tuple[str, ...]] = {}
    absent: list[str] = []
    checks: list[tuple[str, str, str, str]] = []

    def find(wanted: str) -> str | None:
        found = index.get(wanted.strip().lower())
        if found is not None:
            used.add(found)
        return found

    for column in table.columns:
        name = column.name
        if name in layout.split_times:
            parts = layout.split_times[name]
            day, clock = find(parts.date), find(parts.time)
            if day is None or clock is None:
                absent += [p for p, f in ((parts.date, day), (parts.time, clock)) if f is None]
                expressions[name] = "null"
                continue
            expressions[name] = f"concat_ws(' ', trim({quote(day)}), trim({quote(clock)}))"
            formats[name] = (f"{parts.date_format} {parts.time_format}",)
            continue
        if layout.direction is not None and name in ("a_number", "b_number"):
            expressions[name] = _direction(layout, find, absent, checks, name)
            continue
        wanted = layout.columns.get(name, name)
        found = find(wanted)
        if found is None and name in layout.columns:
            absent.append(wanted)
        expressions[name] = quote(found) if found else "null"
        if column.kind == "time":
            formats[name] = tuple(layout.time_formats) or DEFAULT_TIME_FORMATS
    for name, words in layout.values.items():
        cases = " ".join(
            f"when {text(word.strip().lower())} then {text(value)}" for word, value in words.items()
        )
        original = expressions[name]
        expressions[name] = f"case lower(trim({original})) {cases} else {original} end"
    missing = [c for c in table.required if expressions.get(c, "null") == "null"]
    if missing:
        looked = ", ".join(layout.columns.get(c, c) for c in missing)
        raise IngestError(
            f"{source.path.name} has no column for required "
            f"{', '.join(missing)} (looked for {excerpt(looked, 200)}); its columns are: "
            f"{excerpt(', '.join(source.columns), 300) or 'none'}"
        )
    extras = [c for c in source.columns if c not in used]
    return Mapping(expressions, extras, formats, checks, absent)


def _direction(
    layout: TableLayout,
    find: object,
    absent: list[str],
    checks: list[tuple[str, str, str, str]],
    name: str,
) -> str:
    direction = layout.direction
    assert direction is not None
    column = find(direction.column)  # type: ignore[operator]
    subscriber = find(direction.subscriber)  # type: ignore[operator]
    other = find(direction.other)  # type: ignore[operator]
    if column is None or subscriber is None or other is None:
        absent += [
            n
            for n, f in (
                (direction.column, column),
                (direction.subscriber, subscriber),
                (direction.other, other),
            )
            if f is None
        ]
        return "null"
    outgoing = ", ".join(text(w.lower()) for w in direction.outgoing)
    incoming = ", ".join(text(w.lower()) for w in direction.incoming)
    word = f"lower(trim({quote(column)}))"
    first, second = (subscriber, other) if name == "a_number" else (other, subscriber)
    if name == "a_number":
        out_words, in_words = ", ".join(direction.outgoing), ", ".join(direction.incoming)
        reason = f"direction is neither outgoing ({out_words}) nor incoming ({in_words})"
        checks.append(
            (f"{word} not in ({outgoing}, {incoming})", direction.column, quote(column), reason)
        )
    return (
        f"case when {word} in ({outgoing}) then {quote(first)} "
        f"when {word} in ({incoming}) then {quote(second)} end"
    )
