"""Column-mapping profiles: one YAML file per supplier layout, so adding a layout needs no code.

A profile says, per contract table, which files hold it and how their columns map onto the
contract's: renamed columns, a date and a time in separate columns, a direction column
instead of a and b numbers, supplier words for call kinds. (Durations need no key: seconds,
hh:mm:ss and mm:ss are all read.) Keys
are checked against a closed set: a misspelt key is an error that names it, never ignored.

Profiles are shared between suppliers and forces, so a profile is input like any other:
values are checked on load (a delimiter is one character, an encoding is one Python knows,
a header row is within the first thousand lines), YAML aliases are refused (a few lines of
them can expand to gigabytes), and every value reaches SQL only as quoted text.
"""

from __future__ import annotations

import codecs
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from stronghold.contract import CONTRACT
from stronghold.errors import StrongholdError
from stronghold.shown import excerpt, path_excerpt
from stronghold.store.models import ImportLog

__all__ = ["BUILTIN_PROFILES", "Profile", "ProfileError", "TableLayout", "load_profile"]


MAX_HEADER_ROW = 1_000
PROFILE_NAME_LENGTH = int(ImportLog.__table__.columns["profile"].type.length)  # type: ignore[attr-defined]
MAX_PROFILE_BYTES = 1 << 20
NOT_DELIMITERS = frozenset('"\r\n\x00')


class ProfileError(StrongholdError, ValueError):
    """A profile that cannot be used, with the reason in words."""


class _NoAliases(yaml.SafeLoader):
    """YAML without aliases: `&a [*a, *a]` nested a few times is a billion items."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise ProfileError("uses YAML aliases (*name), which profiles may not")
        return super().compose_node(parent, index)


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
    header_row: int = Field(default=1, ge=1, le=MAX_HEADER_ROW)  # line (or row) of the names
    columns: dict[str, str] = Field(default_factory=dict)  # contract column -> file column
    split_times: dict[str, SplitTime] = Field(default_factory=dict)  # contract column -> parts
    time_formats: list[str] = Field(default_factory=list)  # for times without an offset
    date_formats: list[str] = Field(default_factory=list)
    timezone: Literal["Europe/London", "UTC"] = "Europe/London"
    ambiguous_times: Literal["earliest", "latest"] = "earliest"
    direction: Direction | None = None
    values: dict[str, dict[str, str]] = Field(default_factory=dict)  # column -> word -> value

    @field_validator("delimiter")
    @classmethod
    def _one_character(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if len(value) != 1 or value in NOT_DELIMITERS:
            raise ValueError(
                "a delimiter is one character, such as ',' ';' '|' or a tab, and not a "
                "quote, a line break or a NUL"
            )
        return value

    @field_validator("encoding")
    @classmethod
    def _known_encoding(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            info = codecs.lookup(value)
        except (LookupError, ValueError):
            raise ValueError(
                "not an encoding Python knows (e.g. utf-8, cp1252, latin-1, utf-16)"
            ) from None
        if not getattr(info, "_is_text_encoding", True):
            raise ValueError("not a text encoding (e.g. utf-8, cp1252, latin-1, utf-16)")
        return value


class Profile(_Strict):
    name: str = Field(min_length=1, max_length=PROFILE_NAME_LENGTH)  # as the import log keeps
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
    """A built-in profile by name, or a YAML file by path; ProfileError says what is wrong."""
    if str(name_or_path) in BUILTIN_PROFILES:
        text = (
            resources.files("stronghold.ingest") / "profile_files" / f"{name_or_path}.yaml"
        ).read_text(encoding="utf-8")
        where = f"built-in profile {name_or_path}"
    else:
        text, where = _profile_text(Path(name_or_path)), f"profile {path_excerpt(name_or_path)}"
    try:
        return Profile.model_validate(yaml.load(text, Loader=_NoAliases))
    except ProfileError as error:
        raise ProfileError(f"{where} {error}") from error
    except yaml.YAMLError as error:
        raise ProfileError(f"{where} is not valid YAML: {excerpt(error, 200)}") from error
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()
        )
        raise ProfileError(f"{where}: {excerpt(problems, 300)}") from error


def _profile_text(path: Path) -> str:
    shown = path_excerpt(path)
    if "\x00" in str(path) or not path.exists():
        raise ProfileError(
            f"no profile {shown!r}: neither a file nor one of {', '.join(BUILTIN_PROFILES)}"
        )
    if not path.is_file():
        raise ProfileError(f"profile {shown} is a folder, not a YAML file: give the file's path")
    if path.stat().st_size > MAX_PROFILE_BYTES:
        raise ProfileError(f"profile {shown} is over {MAX_PROFILE_BYTES:,} bytes: is it a profile?")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ProfileError(
            f"profile {shown} is not UTF-8 text (byte {error.start}): save it as UTF-8"
        ) from error
    except OSError as error:
        raise ProfileError(f"profile {shown} cannot be read: {error.strerror}") from error
