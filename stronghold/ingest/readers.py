"""Reading a supplier file into DuckDB as text columns, each row with the line it came from.

- CSV and gzipped CSV up to `EXACT_LIMIT` bytes are read with Python's csv module: encoding
  (UTF-8 with or without a BOM, else Windows-1252) and delimiter (comma, semicolon, tab or
  bar) are detected, line numbers are exact, and rows with the wrong number of fields are
  reported, not loaded.
- Bigger CSV files are read by DuckDB's parallel reader, which reports the rows it cannot
  split; line numbers then count records (they equal physical lines unless a quoted field
  spans lines, which bulk returns do not have).
- Parquet rows are numbered from 1; Excel rows are the sheet's own row numbers.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import islice
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from stronghold import sql_text
from stronghold.ingest.errors import IngestError, Problem
from stronghold.ingest.profiles import TableLayout

__all__ = ["EXACT_LIMIT", "Source", "read_source"]

EXACT_LIMIT = 64 * 1024 * 1024
csv.field_size_limit(1 << 30)  # a long intelligence report is one field
DELIMITERS = (",", ";", "\t", "|")


@dataclass
class Source:
    """A file readable as DuckDB view `relation`: `_line` then its columns, all text."""

    path: Path
    relation: str
    columns: list[str]
    encoding: str | None = None
    delimiter: str | None = None
    problems: list[Problem] = field(default_factory=list)  # rows the reader could not split
    rejects: str | None = None  # DuckDB's table of rows it could not split (big CSV files)
    header_row: int = 1

    @property
    def exact_lines(self) -> bool:
        """Whether `_line` is filled for every row (not for big CSV files)."""
        return self.rejects is None

    @property
    def first_line(self) -> int:
        return self.header_row + 1


def read_source(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    layout: TableLayout,
    relation: str,
    staging: Path,
    *,
    bulk: bool = True,
) -> Source:
    """Make `path` readable as `relation`; raises IngestError when nothing can be read.

    Only tables marked bulk read big CSV files the fast way (without exact line numbers):
    the others are small enough to read line by line whatever their size."""
    name = path.name.lower()
    if name.endswith(".parquet"):
        return _parquet(con, path, relation)
    if name.endswith(".xlsx"):
        return _excel(con, path, layout, relation)
    size = path.stat().st_size * (4 if name.endswith(".gz") else 1)
    if size <= EXACT_LIMIT or not bulk:
        return _small_csv(con, path, layout, relation)
    try:
        return _big_csv(con, path, layout, relation, staging)
    except duckdb.Error:  # DuckDB cannot work out its dialect (stray carriage returns ...)
        return _small_csv(con, path, layout, relation)  # slower, but nothing is lost


def reader_problems(con: duckdb.DuckDBPyConnection, source: Source) -> list[tuple[int, int]]:
    """After a scan of a big CSV: add the rows DuckDB could not split to `source.problems`,
    and return the steps that correct the provisional lines: from each provisional line on,
    add the number of rows skipped so far."""
    if source.rejects is None:
        return []
    shift = source.header_row - 1
    rejected = con.execute(
        f"select line, any_value(csv_line), min(error_message) from {source.rejects} "
        f"group by line order by line"
    ).fetchall()
    source.problems += [
        Problem(int(line) + shift, None, (raw or "")[:200], str(message).split("\n")[0])
        for line, raw, message in rejected
    ]
    return [
        (source.first_line + int(line) - 2 - j, j + 1) for j, (line, _, _) in enumerate(rejected)
    ]


def _register(con: duckdb.DuckDBPyConnection, relation: str, table: pa.Table) -> None:
    con.register(relation, table)


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    result = []
    for raw in names:
        name = (raw or "").strip() or "column"
        count = seen.get(name.lower(), 0)
        seen[name.lower()] = count + 1
        result.append(name if count == 0 else f"{name}_{count + 1}")
    return result


def _decode(data: bytes, wanted: str | None) -> tuple[str, str]:
    if wanted:
        return data.decode(wanted), wanted
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def _delimiter(header: str, wanted: str | None) -> str:
    if wanted:
        return wanted
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _small_csv(
    con: duckdb.DuckDBPyConnection, path: Path, layout: TableLayout, relation: str
) -> Source:
    data = path.read_bytes()
    if path.name.lower().endswith(".gz"):
        data = gzip.decompress(data)
    text, encoding = _decode(data, layout.encoding)
    lines = io.StringIO(text, newline="").readlines()  # the csv module's own line breaks
    start = layout.header_row - 1
    if len(lines) <= start or not lines[start].strip():
        raise IngestError(f"{path.name} is empty: no header row on line {layout.header_row}")
    delimiter = _delimiter(lines[start], layout.delimiter)
    try:
        header = next(csv.reader([lines[start]], delimiter=delimiter, strict=True))
    except csv.Error as error:
        raise IngestError(f"{path.name}: its header row cannot be read: {error}") from error
    columns = _unique(header)
    values: list[list[str | None]] = [[] for _ in columns]
    numbers: list[int] = []
    problems: list[Problem] = []
    position = start + 1  # index of the next line to read
    while position < len(lines):
        reader = csv.reader(islice(lines, position, None), delimiter=delimiter, strict=True)
        consumed = 0
        try:
            for row in reader:
                line = position + consumed + 1  # where this record starts in the file
                consumed = reader.line_num
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) != len(columns):
                    kind = "truncated?" if len(row) < len(columns) else "extra fields"
                    problems.append(
                        Problem(
                            line,
                            None,
                            delimiter.join(row)[:200],
                            f"expected {len(columns)} fields, found {len(row)} ({kind})",
                        )
                    )
                    continue
                numbers.append(line)
                for column, cell in zip(values, row, strict=True):
                    column.append(cell.strip())
            position = len(lines)
        except csv.Error as error:  # report the line, then carry on from the next one
            bad = position + consumed
            problems.append(
                Problem(bad + 1, None, lines[bad].rstrip("\r\n")[:200], f"unreadable CSV: {error}")
            )
            position = bad + 1
    table = pa.table(
        {
            "_line": pa.array(numbers, pa.int64()),
            **{name: pa.array(col, pa.string()) for name, col in zip(columns, values, strict=True)},
        }
    )
    _register(con, relation, table)
    return Source(path, relation, columns, encoding, delimiter, problems)


def _big_csv(
    con: duckdb.DuckDBPyConnection, path: Path, layout: TableLayout, relation: str, staging: Path
) -> Source:
    """A view reading the file in parallel, without line numbers (numbering rows in order
    would make the whole reading single-threaded): `line_numbers` finds the lines of the
    rows that need them."""
    readable = path
    gzipped = path.name.lower().endswith(".gz")
    with gzip.open(path, "rb") if gzipped else path.open("rb") as handle:
        sample = handle.read(4 * 1024 * 1024)
    _, encoding = _decode(sample[: sample.rfind(b"\n") + 1] or sample, layout.encoding)
    if encoding not in ("utf-8", "utf-8-sig"):  # DuckDB reads UTF-8: transcode first
        readable = staging / f"{relation}.utf8.csv"
        opener = gzip.open if gzipped else open
        with (
            opener(path, "rt", encoding=encoding, errors="replace", newline="") as source,
            readable.open("w", encoding="utf-8", newline="") as target,
        ):
            while chunk := source.read(1 << 22):
                target.write(chunk)
    header = sample.decode("utf-8", errors="replace").splitlines()[layout.header_row - 1 :]
    delimiter = _delimiter(header[0] if header else "", layout.delimiter)
    rejects = f"{relation}_rejects"
    con.execute(f"""create or replace temp view {relation} as
        select null::bigint as _line, * from read_csv(
            {sql_text.text(str(readable))}, all_varchar = true, header = true,
            delim = '{delimiter}', skip = {layout.header_row - 1}, store_rejects = true,
            ignore_errors = true, rejects_table = '{rejects}',
            rejects_scan = '{relation}_scans')""")
    columns = [c for c in con.sql(f"select * from {relation} limit 0").columns if c != "_line"]
    return Source(
        path, relation, columns, encoding, delimiter, rejects=rejects, header_row=layout.header_row
    )


def _parquet(con: duckdb.DuckDBPyConnection, path: Path, relation: str) -> Source:
    """The file's columns as text, as a CSV file would give them: a list as its items
    separated by ';', a time with its offset when it has one."""
    quoted = sql_text.text(str(path))
    columns = con.execute(f"describe select * from read_parquet({quoted})").fetchall()
    casts = []
    for name, kind, *_ in columns:
        ref = sql_text.quote(name)
        if kind.endswith("[]"):
            casts.append(
                f"array_to_string(list_transform({ref}, lambda x: cast(x as varchar)), ';') "
                f"as {ref}"
            )
        else:
            casts.append(f"cast({ref} as varchar) as {ref}")
    con.execute(f"""create or replace temp view {relation} as select file_row_number + 1
        as _line, {", ".join(casts)} from read_parquet({quoted}, file_row_number = true)""")
    return Source(path, relation, [name for name, *_ in columns])


def _excel(
    con: duckdb.DuckDBPyConnection, path: Path, layout: TableLayout, relation: str
) -> Source:
    from openpyxl import load_workbook  # only Excel imports need it

    book = load_workbook(path, read_only=True, data_only=True)
    if layout.sheet and layout.sheet not in book.sheetnames:
        raise IngestError(
            f"{path.name} has no sheet {layout.sheet!r} (it has {', '.join(book.sheetnames)})"
        )
    sheet = book[layout.sheet] if layout.sheet else book.worksheets[0]
    rows = sheet.iter_rows(min_row=layout.header_row, values_only=True)
    header = next(rows, None)
    if header is None:
        raise IngestError(f"{path.name} is empty: no header row")
    columns = _unique([_cell(v) or "" for v in header])
    values: list[list[str | None]] = [[] for _ in columns]
    numbers = []
    for offset, row in enumerate(rows, start=layout.header_row + 1):
        cells = [_cell(v) for v in row] + [None] * (len(columns) - len(row))
        if not any(c and c.strip() for c in cells):
            continue
        numbers.append(offset)
        for column, cell in zip(values, cells[: len(columns)], strict=True):
            column.append(cell)
    book.close()
    _register(
        con,
        relation,
        pa.table(
            {
                "_line": pa.array(numbers, pa.int64()),
                **{
                    name: pa.array(col, pa.string())
                    for name, col in zip(columns, values, strict=True)
                },
            }
        ),
    )
    return Source(path, relation, columns)


def _cell(value: Any) -> str | None:
    """An Excel cell as the text a person would read in it."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
