"""Column-mapping profiles: one YAML file per supplier layout, so adding a layout needs no code.

A profile says, per contract table, which files hold it and how their columns map onto the
contract's: renamed columns, a date and a time in separate columns, a direction column
instead of a and b numbers, supplier words for call kinds. (Durations need no key: seconds,
hh:mm:ss and mm:ss are all read.) Keys
are checked against a closed set: a misspelt key is an error that names it, never ignored.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from stronghold.contract import CONTRACT

__all__ = ["BUILTIN_PROFILES", "Profile", "ProfileError", "TableLayout", "load_profile"]


class ProfileError(ValueError):
    """A profile that cannot be used, with the reason in words."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SplitTime(_Strict):
    """A time written as a date column and a time-of-day column."""

    date: str
    time: str
    date_format: str = "%d/%m/%Y"
    time_format: str = "%H:%M:%S"


class Direction(_Strict):
    """One subscriber per row, with a column saying whether the event went out or came in."""

    column: str
    subscriber: str
    other: str
    outgoing: list[str]
    incoming: list[str]


class TableLayout(_Strict):
    """How one supplier file maps onto one contract table."""

    files: list[str] = Field(default_factory=list)  # glob patterns within the bundle
    sheet: str | None = None  # Excel sheet (default: the first)
    delimiter: str | None = None  # default: sniffed from the file
    encoding: str | None = None  # default: UTF-8 (with or without BOM), else Windows-1252
    header_row: int = Field(default=1, ge=1)  # line (or Excel row) holding the column names
    columns: dict[str, str] = Field(default_factory=dict)  # contract column -> file column
    split_times: dict[str, SplitTime] = Field(default_factory=dict)  # contract column -> parts
    time_formats: list[str] = Field(default_factory=list)  # for times without an offset
    date_formats: list[str] = Field(default_factory=list)
    timezone: Literal["Europe/London", "UTC"] = "Europe/London"
    ambiguous_times: Literal["earliest", "latest"] = "earliest"
    direction: Direction | None = None
    values: dict[str, dict[str, str]] = Field(default_factory=dict)  # column -> word -> value


class Profile(_Strict):
    name: str
    description: str
    tables: dict[str, TableLayout]

    @model_validator(mode="after")
    def _known_tables_and_columns(self) -> Profile:
        for table, layout in self.tables.items():
            if table not in CONTRACT:
                raise ValueError(f"unknown table {table!r}; the contract has {', '.join(CONTRACT)}")
            known = {c.name for c in CONTRACT[table].columns}
            named = {*layout.columns, *layout.split_times, *layout.values}
            if layout.direction is not None:
                named |= {"a_number", "b_number"}
            unknown = sorted(named - known)
            if unknown:
                raise ValueError(f"table {table}: unknown contract column(s) {', '.join(unknown)}")
        return self

    def layout(self, table: str) -> TableLayout:
        """The layout for `table`, or the contract's own when the profile does not name it."""
        return self.tables.get(table, TableLayout())


def _builtin_names() -> list[str]:
    folder = resources.files("stronghold.ingest") / "profile_files"
    return sorted(
        p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml")
    )


BUILTIN_PROFILES = tuple(_builtin_names())


def load_profile(name_or_path: str | Path = "contract") -> Profile:
    """A built-in profile by name, or a YAML file by path."""
    path = Path(name_or_path)
    if str(name_or_path) in BUILTIN_PROFILES:
        text = (
            resources.files("stronghold.ingest") / "profile_files" / f"{name_or_path}.yaml"
        ).read_text(encoding="utf-8")
        where = f"built-in profile {name_or_path}"
    elif path.exists():
        text, where = path.read_text(encoding="utf-8"), str(path)
    else:
        raise ProfileError(
            f"no profile {name_or_path!r}: neither a file nor one of {', '.join(BUILTIN_PROFILES)}"
        )
    try:
        return Profile.model_validate(yaml.safe_load(text))
    except yaml.YAMLError as error:
        raise ProfileError(f"{where} is not valid YAML: {error}") from error
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()
        )
        raise ProfileError(f"{where}: {problems}") from error
