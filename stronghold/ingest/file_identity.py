"""A file's identity: its SHA-256 (the import log's key), and a quick likeness to tell
at once that two files differ, worked out without reading a big file into memory."""

from __future__ import annotations

import hashlib
import mmap
import os
import threading
from pathlib import Path

__all__ = ["Hashing", "file_hash", "fingerprint"]

HASH_SLICE = 64 << 20  # bytes of a file hashed at a time (a multiple of the page size)


def file_hash(path: Path) -> str:
    """The file's SHA-256: its identity in the import log. The file is mapped into memory
    rather than read (half the time for a big file: nothing is copied through buffers), a
    slice at a time, each slice let go once hashed so that memory stays small."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size == 0:
            return digest.hexdigest()
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            for start in range(0, size, HASH_SLICE):
                end = min(size, start + HASH_SLICE)
                with memoryview(mapped)[start:end] as piece:
                    digest.update(piece)
                mapped.madvise(mmap.MADV_DONTNEED, start, end - start)
    return digest.hexdigest()


def fingerprint(path: Path) -> str:
    """A quick likeness of a file (its size, first and last 64 KiB): files with different
    fingerprints differ; equal ones are compared by their full hash."""
    size = path.stat().st_size
    digest = hashlib.sha256(str(size).encode())
    with path.open("rb") as handle:
        digest.update(handle.read(1 << 16))
        handle.seek(max(0, size - (1 << 16)))
        digest.update(handle.read(1 << 16))
    return digest.hexdigest()


class Hashing(threading.Thread):
    """The full hash of a file, worked out beside the import (hashlib releases the GIL)."""

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True)
        self.path = path
        self.digest = ""
        self.start()

    def run(self) -> None:
        self.digest = file_hash(self.path)
