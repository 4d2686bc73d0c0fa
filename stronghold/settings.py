"""The one Settings object: every option Stronghold reads from the environment (STRONGHOLD_*).

Settings are added here as the features that read them land; docs/configuration.md lists
them all (a test checks). Each is checked when it is read: a value of the wrong shape is
refused with its name, never passed on to a database or a file name.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import ByteSize, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings"]

# DuckDB's own memory sizes: a number and a unit (1000- or 1024-based), or a share of RAM
MEMORY_LIMIT = re.compile(r"\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB|%)", re.IGNORECASE)


class Settings(BaseSettings):
    """Configuration, from arguments first, then `STRONGHOLD_*` environment variables."""

    model_config = SettingsConfigDict(env_prefix="STRONGHOLD_", extra="ignore")

    workspace: Path = Field(
        default=Path("stronghold-workspace"),
        description="Folder holding one investigation's stores; Stronghold writes nowhere else.",
    )
    database_url: str | None = Field(
        default=None,
        description="Operational store: a SQLAlchemy URL (postgresql://...); default SQLite "
        "inside the workspace.",
    )
    duckdb_memory_limit: str = Field(
        default="2GB", description="Memory DuckDB may use before spilling to the workspace."
    )
    unpacked_limit: ByteSize = Field(
        default=ByteSize(1 << 30),
        description="The most a compressed file that Stronghold reads itself (records tables, "
        "small comms files) may unpack to; a file unpacking past it is refused.",
    )

    @field_validator("workspace")
    @classmethod
    def _a_path(cls, value: Path) -> Path:
        if "\x00" in str(value):
            raise ValueError("a workspace path cannot hold a NUL character")
        return value

    @field_validator("duckdb_memory_limit")
    @classmethod
    def _a_memory_size(cls, value: str) -> str:
        if not MEMORY_LIMIT.fullmatch(value.strip()):
            raise ValueError("give a size such as 2GB, 512MiB or 80%")
        return value.strip()

    @field_validator("unpacked_limit")
    @classmethod
    def _positive(cls, value: ByteSize) -> ByteSize:
        if value <= 0:
            raise ValueError("give a size above zero, such as 1GB")
        return value
