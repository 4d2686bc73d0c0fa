"""The one Settings object: every option Stronghold reads from the environment (STRONGHOLD_*)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

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
        description="Operational store URL; default is SQLite inside the workspace.",
    )
    engine: Literal["duckdb", "spark"] = Field(
        default="duckdb", description="Analytics engine for the SQL pipelines."
    )
    spark_master: str = Field(
        default="local[2]", description="Spark master URL when the engine is spark."
    )
    duckdb_memory_limit: str = Field(
        default="2GB", description="Memory cap for DuckDB; beyond it DuckDB spills to disk."
    )
