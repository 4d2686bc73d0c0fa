"""The one Settings object: every option Stronghold reads from the environment (STRONGHOLD_*).

Settings are added here as the features that read them land; docs/configuration.md lists
them all (a test checks).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings"]


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
