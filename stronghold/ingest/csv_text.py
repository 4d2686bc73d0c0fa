"""Reading a CSV file line by line with Python's csv module: exact line numbers, rows with the
wrong number of fields reported rather than loaded, and memory that grows with the rows kept
as Arrow columns, not with the text (the file streams; see file_streams.py).

The encoding is the profile's, else announced by a byte-order mark, else UTF-8, else (when
the file turns out not to be UTF-8) Windows-1252, read again from the start. The delimiter is
the profile's, else the one of comma, semicolon, tab or bar that the header uses most.
"""

from __future__ import annotations

import csv
import io
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from stronghold.ingest.errors import IngestError, Problem
from stronghold.ingest.file_streams import BOMS, binary_problem, opened_bytes
from stronghold.shown import excerpt

__all__ = [
    "DELIMITERS",
    "MAX_COLUMNS",
    "ColumnBuilder",
    "CsvText",
    "column_names",
    "read_csv_text",
    "sniff",
]

csv.field_size_limit(1 << 30)  # a long intelligence report is one field
DELIMITERS = (",", ";", "\t", "|")
MAX_COLUMNS = 1_000  # more, in a header, is a wrong delimiter or not a table
CHUNK = 50_000  # rows held as Python text before they become Arrow columns
LINE_NUMBER = "_line"  # Stronghold's own column: a supplier's column of that name is renamed


@dataclass
class CsvText:
    table: pa.Table  # `_line` then the file's columns, as text
    columns: list[str]
    encoding: str
    delimiter: str
    problems: list[Problem] = field(default_factory=list)


def sniff(start: bytes, wanted: str | None) -> str:
    """The encoding to try first: the profile's, a byte-order mark's, else UTF-8."""
    if wanted:
        return wanted
    return next((encoding for bom, encoding in BOMS if start.startswith(bom)), "utf-8")


def delimiter_of(header: str, wanted: str | None) -> str:
    if wanted:
        return wanted
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def column_names(path: Path, names: list[str]) -> list[str]:
    """The header's names made usable: blank ones named `column`, repeats and Stronghold's
    own `_line` numbered (`Ref`, `Ref_2`; `_line_2`); too many refused."""
    if len(names) > MAX_COLUMNS:
        raise IngestError(
            f"{path.name} has {len(names):,} columns; Stronghold reads at most "
            f"{MAX_COLUMNS:,}: is the delimiter right, and is it a table?"
        )
    seen: dict[str, int] = {LINE_NUMBER: 1}
    result = []
    for raw in names:
        name = (raw or "").strip() or "column"
        count = seen.get(name.lower(), 0)
        seen[name.lower()] = count + 1
        result.append(name if count == 0 else f"{name}_{count + 1}")
    return result


def read_csv_text(
    path: Path,
    wanted_encoding: str | None,
    wanted_delimiter: str | None,
    header_row: int,
    limit: int,
) -> CsvText:
    """The file's rows as text columns; raises IngestError when it has no header."""
    with opened_bytes(path, limit) as stream:
        start = stream.peek(4096)[:4096]
    problem = binary_problem(path, start)
    if problem:
        raise IngestError(problem)
    encoding = sniff(start, wanted_encoding)
    try:
        return _read(path, encoding, wanted_delimiter, header_row, limit)
    except UnicodeDecodeError as error:
        if wanted_encoding or encoding != "utf-8":
            raise IngestError(
                f"{path.name} is not {encoding} text ({error.reason} at byte {error.start} of "
                "a block): give the profile's encoding"
            ) from error
    return _read(path, "cp1252", wanted_delimiter, header_row, limit)  # read again


def _read(
    path: Path, encoding: str, wanted_delimiter: str | None, header_row: int, limit: int
) -> CsvText:
    errors = "replace" if encoding == "cp1252" else "strict"
    with opened_bytes(path, limit) as stream:
        lines = iter(io.TextIOWrapper(stream, encoding=encoding, errors=errors, newline=""))
        for _ in range(header_row - 1):
            next(lines, None)
        header_line = next(lines, "")
        if not header_line.strip():
            raise IngestError(f"{path.name} is empty: no header row on line {header_row}")
        delimiter = delimiter_of(header_line, wanted_delimiter)
        try:
            header = next(csv.reader([header_line], delimiter=delimiter, strict=True))
        except csv.Error as error:
            raise IngestError(f"{path.name}: its header row cannot be read: {error}") from error
        columns = column_names(path, header)
        builder = ColumnBuilder(columns)
        problems: list[Problem] = []
        for found in _records(lines, delimiter, header_row + 1):
            if isinstance(found, Problem):
                problems.append(found)
                continue
            line, row = found
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(columns):
                kind = "truncated?" if len(row) < len(columns) else "extra fields"
                problems.append(
                    Problem(
                        line,
                        None,
                        excerpt(delimiter.join(row), 200),
                        f"expected {len(columns)} fields, found {len(row)} ({kind})",
                    )
                )
                continue
            builder.add(line, [cell.strip() for cell in row])
    return CsvText(builder.table(), columns, encoding, delimiter, problems)


def _records(
    lines: Iterator[str], delimiter: str, first: int
) -> Iterator[tuple[int, list[str]] | Problem]:
    """(line, fields) for each record from line `first` on; a record the csv module cannot
    read is reported as a Problem at its first line, and reading carries on from the line
    after it (the lines it had taken are read again)."""
    pending: deque[str] = deque()  # lines to read again after an unreadable record
    number = first  # the line number of the next line to be read
    while True:
        taken: list[str] = []

        def feed(taken: list[str] = taken) -> Iterator[str]:
            while True:
                text = pending.popleft() if pending else next(lines, None)
                if text is None:
                    return
                taken.append(text)
                yield text

        reader = csv.reader(feed(), delimiter=delimiter, strict=True)
        try:
            for row in reader:
                yield number, row
                number += len(taken)
                taken.clear()
            return
        except csv.Error as error:
            yield Problem(
                number, None, excerpt(taken[0].rstrip("\r\n"), 200), f"unreadable CSV: {error}"
            )
            pending.extendleft(reversed(taken[1:]))
            number += 1


class ColumnBuilder:
    """Rows gathered as Python text a chunk at a time, kept as Arrow record batches: the
    table a reader registers, `_line` then the file's columns."""

    def __init__(self, columns: list[str]) -> None:
        self.schema = pa.schema(
            [pa.field(LINE_NUMBER, pa.int64()), *(pa.field(c, pa.string()) for c in columns)]
        )
        self.lines: list[int] = []
        self.values: list[list[str | None]] = [[] for _ in columns]
        self.batches: list[pa.RecordBatch] = []

    def add(self, line: int, row: list[str | None]) -> None:
        self.lines.append(line)
        for column, cell in zip(self.values, row, strict=True):
            column.append(cell)
        if len(self.lines) >= CHUNK:
            self._flush()

    def _flush(self) -> None:
        arrays = [
            pa.array(self.lines, pa.int64()),
            *(pa.array(v, pa.string()) for v in self.values),
        ]
        self.batches.append(pa.RecordBatch.from_arrays(arrays, schema=self.schema))
        self.lines = []
        self.values = [[] for _ in self.values]

    def table(self) -> pa.Table:
        if self.lines or not self.batches:
            self._flush()
        return pa.Table.from_batches(self.batches, schema=self.schema)
