"""The spreadsheet rule (stronghold/spreadsheet.py): cells a spreadsheet would run get an
apostrophe, plain numbers stay as they are, `restore_cell` undoes it, and the SQL form used
by DuckDB's COPY agrees with the Python one."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stronghold.results_files import read_results_csv, write_results_csv
from stronghold.spreadsheet import (
    DANGEROUS_FIRST,
    is_plain_number,
    restore_cell,
    runs_in_a_spreadsheet,
    safe_cell,
    safe_cell_sql,
)

HOSTILE = (
    '=HYPERLINK("http://x.invalid","y")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-2+3",
    "\t=1",
    "\r=1",
    "\n=1",
    "\uff1d1+1",  # full-width equals
    "+",
    "-",
)
NUMBERS = ("+447700900123", "-0.25", "1e-3", "-1e-05", "+.5E+3", "0", "12.", "-7")
LEFT_ALONE = ("", "P0001234", "a=1", " =1", "'", "''", "'abc", "Flat 1, 1 Road", "1 -2", "٣")

# Text a spreadsheet cares about: its dangerous first characters, apostrophes, the pieces of
# numbers, and anything else.
FIRST_AND_NUMBERS = st.text(alphabet=[*DANGEROUS_FIRST, "'", *"0123456789.eE", " ", "x"])
CELLS = st.one_of(
    st.text(),
    FIRST_AND_NUMBERS,
    st.floats().map(str),
    st.integers().map(lambda n: f"+{n}"),
    st.tuples(st.sampled_from([*HOSTILE, "'", "''"]), st.text()).map("".join),
)
UTF8_CELLS = CELLS.filter(lambda v: not any("\ud800" <= c <= "\udfff" for c in v))


@pytest.mark.parametrize("value", HOSTILE)
def test_a_cell_that_would_run_gets_an_apostrophe(value: str) -> None:
    assert runs_in_a_spreadsheet(value)
    assert safe_cell(value) == "'" + value
    assert restore_cell(safe_cell(value)) == value


@pytest.mark.parametrize("value", NUMBERS)
def test_plain_numbers_stay_as_they_are(value: str) -> None:
    assert is_plain_number(value) and not runs_in_a_spreadsheet(value)
    assert safe_cell(value) == value == restore_cell(value)


@pytest.mark.parametrize("value", LEFT_ALONE)
def test_other_cells_stay_as_they_are(value: str) -> None:
    assert safe_cell(value) == value == restore_cell(value)


def test_a_cell_already_marked_gets_one_more_mark_so_it_reads_back() -> None:
    assert safe_cell("'=1") == "''=1" and restore_cell("''=1") == "'=1"
    assert safe_cell("'+447700900123") == "''+447700900123"  # a number only without the mark
    assert safe_cell("''@x") == "'''@x" and restore_cell("'''@x") == "''@x"


@given(CELLS)
def test_restore_undoes_safe(value: str) -> None:
    assert restore_cell(safe_cell(value)) == value


@given(CELLS)
def test_a_safe_cell_never_runs(value: str) -> None:
    safe = safe_cell(value)
    assert not runs_in_a_spreadsheet(safe)
    assert safe == value or safe == "'" + value


@given(st.lists(UTF8_CELLS, max_size=40))
def test_the_sql_rule_is_the_python_rule(values: list[str]) -> None:
    with duckdb.connect() as con:
        rows = con.execute(
            f"select v, {safe_cell_sql('v')} from unnest($1::varchar[]) as t(v)", [values]
        ).fetchall()
    assert [sql for _, sql in rows] == [safe_cell(v) for v, _ in rows]
    assert sorted(v for v, _ in rows) == sorted(values)


def test_the_sql_rule_keeps_null() -> None:
    with duckdb.connect() as con:
        assert con.execute(f"select {safe_cell_sql('null::varchar')}").fetchall() == [(None,)]


def test_results_files_are_written_safe_and_read_back_as_they_were(tmp_path: Path) -> None:
    columns = ("number", "score", "evidence", "empty")
    rows: list[dict[str, object]] = [
        {"number": value, "score": -0.25, "evidence": f"'{value}", "empty": None}
        for value in (*HOSTILE, *NUMBERS, *LEFT_ALONE)
    ]
    rows.append({"number": "x", "score": float("-inf"), "evidence": "", "empty": None})
    path = write_results_csv(tmp_path / "r.csv", columns, rows)
    with path.open(encoding="utf-8", newline="") as handle:
        written = list(csv.DictReader(handle))
    assert not [v for row in written for v in row.values() if runs_in_a_spreadsheet(v)]
    assert written[0]["number"] == '\'=HYPERLINK("http://x.invalid","y")'
    assert written[-1]["score"] == "'-inf"
    expected = [{name: "" if v is None else str(v) for name, v in row.items()} for row in rows]
    assert read_results_csv(path) == expected
