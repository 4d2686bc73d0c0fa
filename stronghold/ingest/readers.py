"""Reading a supplier file into DuckDB as text columns, each row with the line it came from.

- CSV and gzipped CSV up to `EXACT_LIMIT` bytes unpacked, and every file of the tables that
  are not bulk, are read with Python's csv module (csv_text.py): encoding and delimiter are
  detected, line numbers are exact, and rows with the wrong number of fields are reported,
  not loaded. The file streams, up to the settings' `unpacked_limit`.
- Bigger CSV files are read by DuckDB's parallel reader, which reports the rows it cannot
  split; line numbers then count records (they equal physical lines unless a quoted field
  spans lines, which bulk returns do not have).
- Parquet rows are numbered from 1; Excel rows are the sheet's own row numbers.

Every reader names its columns through `csv_text.column_names`: Stronghold's own `_line`
cannot be taken by a supplier's column, and a header of thousands of columns is refused.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from stronghold import sql_text
from stronghold.ingest.csv_text import (
    ColumnBuilder,
    column_names,
    delimiter_of,
    read_csv_text,
    sniff,
)
from stronghold.ingest.errors import IngestError, Problem
from stronghold.ingest.file_streams import binary_problem, opened_bytes, unpacks_past
from stronghold.ingest.profiles import TableLayout
from stronghold.shown import excerpt

__all__ = ["EXACT_LIMIT", "Source", "read_source"]

EXACT_LIMIT = 64 * 1024 * 1024  # bytes unpacked: bigger bulk files are read by DuckDB


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
    limit: int = 1 << 30,
) -> Source:
    """Make `path` readable as `relation`; raises IngestError when nothing can be read.

    Only tables marked bulk read big CSV files the fast way (without exact line numbers):
    the others are read line by line whatever their size, up to `limit` bytes unpacked."""
    name = path.name.lower()
    if name.endswith(".parquet"):
        return _parquet(con, path, relation)
    if name.endswith(".xlsx"):
        return _excel(con, path, layout, relation, limit)
    if not bulk or not unpacks_past(path, EXACT_LIMIT):
        return _small_csv(con, path, layout, relation, limit)
    try:
        return _big_csv(con, path, layout, relation, staging)
    except duckdb.Error:  # DuckDB cannot work out its dialect (stray carriage returns ...)
        return _small_csv(con, path, layout, relation, limit)  # slower, but nothing is lost


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


def _small_csv(
    con: duckdb.DuckDBPyConnection, path: Path, layout: TableLayout, relation: str, limit: int
) -> Source:
    read = read_csv_text(path, layout.encoding, layout.delimiter, layout.header_row, limit)
    _register(con, relation, read.table)
    return Source(path, relation, read.columns, read.encoding, read.delimiter, read.problems)


def _big_csv(
    con: duckdb.DuckDBPyConnection, path: Path, layout: TableLayout, relation: str, staging: Path
) -> Source:
    """A view reading the file in parallel, without line numbers (numbering rows in order
    would make the whole reading single-threaded): `line_numbers` finds the lines of the
    rows that need them. Every value reaches DuckDB quoted as SQL text."""
    readable = path
    with opened_bytes(path) as handle:
        sample = handle.read(4 * 1024 * 1024)
    problem = binary_problem(path, sample[:4096])
    if problem:
        raise IngestError(problem)
    encoding = _encoding(sample, layout.encoding)
    if encoding not in ("utf-8", "utf-8-sig"):  # DuckDB reads UTF-8: transcode first
        readable = staging / f"{relation}.utf8.csv"
        with (
            opened_bytes(path) as raw,
            io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="") as source,
            readable.open("w", encoding="utf-8", newline="") as target,
        ):
            while chunk := source.read(1 << 22):
                target.write(chunk)
    lines = sample.decode(encoding, errors="replace").splitlines()[layout.header_row - 1 :]
    header = lines[0] if lines else ""
    delimiter = delimiter_of(header, layout.delimiter)
    columns = column_names(path, next(csv.reader([header], delimiter=delimiter), []))
    names = ", ".join(sql_text.text(c) for c in columns)
    rejects = f"{relation}_rejects"
    con.execute(f"""create or replace temp view {relation} as
        select null::bigint as _line, * from read_csv(
            {sql_text.text(str(readable))}, all_varchar = true, header = true,
            names = [{names}], delim = {sql_text.text(delimiter)},
            skip = {layout.header_row - 1:d}, store_rejects = true, ignore_errors = true,
            rejects_table = {sql_text.text(rejects)},
            rejects_scan = {sql_text.text(relation + "_scans")})""")
    return Source(
        path, relation, columns, encoding, delimiter, rejects=rejects, header_row=layout.header_row
    )


def _encoding(sample: bytes, wanted: str | None) -> str:
    """The profile's encoding, a byte-order mark's, UTF-8 if the sample's whole lines are,
    else Windows-1252."""
    encoding = sniff(sample, wanted)
    if encoding != "utf-8":
        return encoding
    try:
        (sample[: sample.rfind(b"\n") + 1] or sample).decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def _parquet(con: duckdb.DuckDBPyConnection, path: Path, relation: str) -> Source:
    """The file's columns as text, as a CSV file would give them: a list as its items
    separated by ';', a time with its offset when it has one."""
    quoted = sql_text.text(str(path))
    try:
        described = con.execute(f"describe select * from read_parquet({quoted})").fetchall()
    except duckdb.Error as error:
        raise IngestError(
            f"{path.name} cannot be read as Parquet ({excerpt(str(error).splitlines()[0])}): "
            "export it again, or as CSV"
        ) from error
    columns = column_names(path, [name for name, *_ in described])
    casts = []
    for (name, kind, *_), alias in zip(described, columns, strict=True):
        ref = sql_text.quote(name)
        if kind.endswith("[]"):
            ref = f"array_to_string(list_transform({ref}, lambda x: cast(x as varchar)), ';')"
        casts.append(f"cast({ref} as varchar) as {sql_text.quote(alias)}")
    con.execute(f"""create or replace temp view {relation} as select file_row_number + 1
        as _line, {", ".join(casts)} from read_parquet({quoted}, file_row_number = true)""")
    return Source(path, relation, columns)


def _excel(
    con: duckdb.DuckDBPyConnection, path: Path, layout: TableLayout, relation: str, limit: int
) -> Source:
    from openpyxl import load_workbook  # only Excel imports need it

    _check_workbook(path, limit)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise IngestError(
            f"{path.name} cannot be read as an Excel workbook ({excerpt(error)}): "
            "save it again from Excel as .xlsx, or export it as CSV"
        ) from error
    try:
        if layout.sheet and layout.sheet not in book.sheetnames:
            raise IngestError(
                f"{path.name} has no sheet {excerpt(layout.sheet)!r} "
                f"(it has {excerpt(', '.join(book.sheetnames), 200)})"
            )
        sheet = book[layout.sheet] if layout.sheet else book.worksheets[0]
        rows = sheet.iter_rows(min_row=layout.header_row, values_only=True)
        header = next(rows, None)
        if header is None:
            raise IngestError(f"{path.name} is empty: no header row")
        columns = column_names(path, [_cell(v) or "" for v in header])
        builder = ColumnBuilder(columns)
        for offset, row in enumerate(rows, start=layout.header_row + 1):
            cells = [_cell(v) for v in row[: len(columns)]]
            cells += [None] * (len(columns) - len(cells))
            if any(c and c.strip() for c in cells):
                builder.add(offset, cells)
    finally:
        book.close()
    _register(con, relation, builder.table())
    return Source(path, relation, columns)


def _check_workbook(path: Path, limit: int) -> None:
    """Refuse a file that is not a zip archive, or whose parts would unpack past `limit`
    (zipfile never unpacks a part past the size its directory gives)."""
    if not zipfile.is_zipfile(path):
        raise IngestError(
            f"{path.name} is not an Excel workbook (.xlsx files are zip archives; this one is "
            "not): save it from Excel as .xlsx, or give it the name of what it is"
        )
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > limit:
        raise IngestError(
            f"{path.name} unpacks to {unpacked:,} bytes, more than the {limit:,} Stronghold "
            "reads into memory (STRONGHOLD_UNPACKED_LIMIT): split the workbook or export CSV"
        )


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
