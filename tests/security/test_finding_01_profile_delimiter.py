"""Finding 1: a profile's delimiter was pasted into DuckDB's `read_csv(... delim = '...')` on
the big-file path, so a crafted delimiter ran `COPY (SELECT 42) TO '<path>'`.

After the fix `load_profile` refuses a delimiter that is not exactly one character (or is a
quote, a line break or NUL), naming the field; and a layout made without validation is
still quoted into SQL, so it writes no file either."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
import yaml

from stronghold.ingest import importer, readers
from stronghold.ingest.importer import ingest_bundle
from stronghold.ingest.profiles import Profile, ProfileError, TableLayout, load_profile
from stronghold.settings import Settings
from stronghold.workspace import Workspace
from tests.security.conftest import comms_csv, write_bundle


def injection(target: Path) -> str:
    """A delimiter that closes the string, copies a row to `target`, and leaves the rest of
    the statement valid SQL (so DuckDB runs every statement in it)."""
    return f",'); copy (select 42) to '{target}'; select '"


def profile_file(folder: Path, delimiter: str) -> Path:
    path = folder / "profile.yaml"
    data = {
        "name": "hostile",
        "description": "a supplier layout with a crafted delimiter",
        "tables": {"comms": {"delimiter": delimiter}},
    }
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "delimiter",
    ["ab", "", '"', "\n", "\r", "\x00", ",,", "INJECTION"],
    ids=["two-chars", "empty", "quote", "newline", "carriage-return", "nul", "two-commas", "sql"],
)
def test_finding_01_load_profile_refuses_a_bad_delimiter(tmp_path: Path, delimiter: str) -> None:
    for good in (",", ";", "\t", "|"):  # the control: one ordinary character is accepted
        assert load_profile(profile_file(tmp_path, good)).tables["comms"].delimiter == good
    if delimiter == "INJECTION":
        delimiter = injection(tmp_path / "pwned.csv")
    with pytest.raises(ProfileError, match="delimiter"):
        load_profile(profile_file(tmp_path, delimiter))


def test_finding_01_crafted_delimiter_in_a_profile_runs_no_sql(
    store: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers, "EXACT_LIMIT", 16)  # the big-file path, for a small file
    target = tmp_path / "pwned.csv"
    bundle = write_bundle(tmp_path / "bundle", {"comms.csv": comms_csv()})
    profile = profile_file(tmp_path, injection(target))
    with pytest.raises(ProfileError, match="delimiter"):
        ingest_bundle(bundle, Workspace.open(store.workspace), store, str(profile))
    assert not target.exists(), "the profile's delimiter ran SQL"


def constructed(delimiter: str) -> Profile:
    """A profile built without validation, as code (not a YAML file) could make one."""
    layout = TableLayout.model_construct(delimiter=delimiter)
    return Profile.model_construct(name="built", description="no checks", tables={"comms": layout})


def test_finding_01_unvalidated_layout_is_quoted_not_run(
    store: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers, "EXACT_LIMIT", 16)
    space = Workspace.open(store.workspace)
    # control: the same route loads a file with an ordinary constructed delimiter
    monkeypatch.setattr(importer, "load_profile", lambda name="": constructed(","))
    bundle = write_bundle(tmp_path / "good", {"comms.csv": comms_csv(1)})
    (outcome,) = ingest_bundle(bundle, space, store).files
    assert (outcome.status, outcome.staged and outcome.staged.loaded) == ("loaded", 3)

    target = tmp_path / "pwned.csv"
    monkeypatch.setattr(importer, "load_profile", lambda name="": constructed(injection(target)))
    bundle = write_bundle(tmp_path / "bad", {"comms.csv": comms_csv(2)})
    with contextlib.suppress(Exception):  # refused or failed: either way, no SQL of its own
        ingest_bundle(bundle, space, store)
    assert not target.exists(), "an unvalidated delimiter ran SQL"
