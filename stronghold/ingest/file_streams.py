"""A supplier's file opened as a stream of bytes: gzip unpacked as it is read, never past the
limit in the settings, and a file that is not what its name says refused in a sentence.

Nothing here reads a whole file into memory. The limit counts the bytes unpacked (or read,
for a plain file) as they stream, so a small gzip that would unpack to gigabytes stops at
the limit, whatever its header claims.
"""

from __future__ import annotations

import codecs
import gzip
import io
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, cast

from stronghold.ingest.errors import IngestError

__all__ = ["BOMS", "binary_problem", "is_gzip", "opened_bytes", "unpacks_past"]

GZIP_MAGIC = b"\x1f\x8b"
CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r")
BUFFER = 1 << 20
# byte-order marks and the encoding each announces
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def is_gzip(path: Path) -> bool:
    return path.name.lower().endswith(".gz")


class _Counted(io.RawIOBase):
    """Bytes from `inner`, refused past `limit` (None: no limit)."""

    def __init__(self, inner: BinaryIO, name: str, limit: int | None) -> None:
        self.inner, self.name, self.limit, self.count = inner, name, limit, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self.inner.read(len(buffer))
        buffer[: len(data)] = data
        self.count += len(data)
        if self.limit is not None and self.count > self.limit:
            raise IngestError(
                f"{self.name} holds more than {self.limit:,} bytes unpacked, the most "
                "Stronghold reads into memory (STRONGHOLD_UNPACKED_LIMIT): split the file, "
                "or raise the limit if the machine has the memory"
            )
        return len(data)


@contextmanager
def opened_bytes(path: Path, limit: int | None = None) -> Iterator[io.BufferedReader]:
    """`path`'s bytes, unpacked if it is gzipped, at most `limit` of them. A gzip that is
    not one, or is damaged or cut short, raises IngestError naming the file."""
    with path.open("rb") as handle:
        gzipped = is_gzip(path)
        if gzipped and handle.read(2) != GZIP_MAGIC:
            raise IngestError(
                f"{path.name} is not gzip-compressed, though its name ends in .gz: "
                "compress it with gzip, or remove the .gz from its name"
            )
        handle.seek(0)
        inner = cast(BinaryIO, gzip.GzipFile(fileobj=handle, mode="rb") if gzipped else handle)
        try:
            yield io.BufferedReader(_Counted(inner, path.name, limit), BUFFER)
        except EOFError as error:
            raise IngestError(
                f"{path.name} is cut short: its gzip stream ends before its end marker "
                "(a copy that did not finish?): copy or export it again"
            ) from error
        except (gzip.BadGzipFile, zlib.error) as error:
            raise IngestError(
                f"{path.name} is a damaged gzip file ({error}): copy or export it again"
            ) from error


def unpacks_past(path: Path, size: int) -> bool:
    """Whether `path` holds more than `size` bytes once unpacked (reads at most that)."""
    if not is_gzip(path) or path.stat().st_size > size:  # gzip never packs to more
        return path.stat().st_size > size
    with opened_bytes(path) as stream:
        read = 0
        while chunk := stream.read(BUFFER):
            read += len(chunk)
            if read > size:
                return True
    return False


def binary_problem(path: Path, start: bytes) -> str | None:
    """Why a file that should be text is not, from its first bytes; None when it may be.
    Binary is a NUL in the first line (where the header is) or control characters in more
    than one byte in twenty: a stray NUL in a cell further down is that row's problem."""
    if any(start.startswith(bom) for bom, encoding in BOMS if encoding == "utf-16"):
        return None  # UTF-16 text holds NUL bytes
    controls = sum(start.count(bytes([c])) for c in CONTROL_BYTES)
    if b"\x00" in start.split(b"\n", 1)[0] or controls * 20 > len(start):
        kind = " (a zip archive: an Excel workbook?)" if start.startswith(b"PK\x03\x04") else ""
        return f"{path.name} is not a text file{kind}: export it as CSV text"
    return None
