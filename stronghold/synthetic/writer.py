"""Writing a case bundle: each table as CSV, gzipped CSV or Parquet, byte-for-byte repeatable.

Big tables are streamed in batches so memory stays flat however long the period is.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

__all__ = ["FORMATS", "BundleWriter", "TableStream"]

Format = Literal["csv", "csv.gz", "parquet"]
FORMATS: tuple[Format, ...] = ("csv", "csv.gz", "parquet")


class TableStream:
    """One output table written batch by batch."""

    def __init__(self, path: Path, schema: pa.Schema, fmt: Format, plain: bool) -> None:
        self.path = path
        self.rows = 0
        self._schema = schema
        self._raw: Any = None
        self._writer: pacsv.CSVWriter | pq.ParquetWriter | None = None
        self._text: Any = None
        if fmt == "parquet":
            self._writer = pq.ParquetWriter(path, schema, compression="zstd")
            return
        # gzip with a zero timestamp and no file name, so the bytes depend only on content
        self._raw = (
            gzip.GzipFile(filename="", mode="wb", fileobj=path.open("wb"), mtime=0)
            if fmt == "csv.gz"
            else path.open("wb")
        )
        if plain:  # values never hold commas, quotes or newlines: Arrow's fast writer, unquoted
            self._raw.write((",".join(schema.names) + "\n").encode())
            self._writer = pacsv.CSVWriter(
                self._raw,
                schema,
                write_options=pacsv.WriteOptions(include_header=False, quoting_style="none"),
            )
        else:  # text that may need quoting: the csv module quotes only where needed
            self._text = io.TextIOWrapper(self._raw, encoding="utf-8", newline="")
            self._csv = csv.writer(self._text, lineterminator="\n")
            self._csv.writerow(schema.names)

    def write(self, table: pa.Table) -> None:
        if not table.num_rows:
            return
        table = table.cast(self._schema)
        if self._writer is not None:
            self._writer.write_table(table)
        else:
            columns = [column.to_pylist() for column in table.columns]
            self._csv.writerows(
                ["" if value is None else value for value in row]
                for row in zip(*columns, strict=True)
            )
        self.rows += table.num_rows

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
        if self._text is not None:
            self._text.flush()
            self._text.detach()
        if self._raw is not None:
            fileobj = getattr(self._raw, "fileobj", None)
            self._raw.close()
            if fileobj is not None:
                fileobj.close()

    def __enter__(self) -> TableStream:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


class BundleWriter:
    """A case bundle folder: tables named as in the contract, plus truth.json."""

    def __init__(self, folder: Path, fmt: Format = "csv") -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.folder = folder
        self.fmt = fmt
        folder.mkdir(parents=True, exist_ok=True)
        self.rows: dict[str, int] = {}

    def path(self, name: str) -> Path:
        return self.folder / f"{name}.{self.fmt}"

    def stream(self, name: str, schema: pa.Schema, plain: bool = False) -> TableStream:
        """A table to write in batches; `plain` promises no value needs CSV quoting."""
        return TableStream(self.path(name), schema, self.fmt, plain)

    def table(self, name: str, table: pa.Table, plain: bool = False) -> None:
        """Write a whole table at once; `plain` as for `stream`."""
        with self.stream(name, table.schema, plain) as out:
            out.write(table)
        self.rows[name] = table.num_rows

    def truth(self, truth: dict[str, Any]) -> None:
        text = json.dumps(truth, indent=1, sort_keys=True, ensure_ascii=False)
        (self.folder / "truth.json").write_text(text + "\n", encoding="utf-8")
