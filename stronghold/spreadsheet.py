"""Cells a spreadsheet would run, written so it does not: the rule for every CSV Stronghold
writes (results files, quarantine files), declared once here in Python and as SQL.

A spreadsheet reads a cell that starts with `=`, `+`, `-` or `@` as a formula (so
`=HYPERLINK(...)` or `+cmd|' /C calc'!A0` would run), and one that starts with a tab,
carriage return or newline can be one too after the spreadsheet trims it; some fold the
full-width forms of the first four (U+FF1D, U+FF0B, U+FF0D, U+FF20) to them. Such a cell is
written with a leading apostrophe, which spreadsheets take as "this is text" and do not
show (OWASP's advice on CSV injection). A cell that is a plain number as a whole stays as it
is: E.164 numbers (`+447700900123`) and negative figures (`-0.25`, `-1e-05`) are data, and a
spreadsheet reads them as numbers, not as formulas that do anything.

It is reversible. A cell that already starts with apostrophes followed by one of those
characters gets one more apostrophe too, so `restore_cell`, which takes one apostrophe off
such a cell and leaves every other alone, gives back exactly the value before it was made
safe: Stronghold's own readers of its CSVs call it and see the original values.

`safe_cell_sql` is the same rule as a SQL expression (DuckDB's RE2 regular expressions)
for files written by `COPY`; the patterns below are written to mean the same in Python's
`re` and in RE2 (ASCII digits, no `\\d`, no `$`), and a test checks that they agree."""

from __future__ import annotations

import re

from stronghold.sql_text import text

__all__ = [
    "DANGEROUS_FIRST",
    "is_plain_number",
    "restore_cell",
    "restore_row",
    "runs_in_a_spreadsheet",
    "safe_cell",
    "safe_cell_sql",
]

# First characters that make a spreadsheet read a cell as a formula: OWASP's list, and the
# full-width equals, plus, minus and at sign that some spreadsheets fold to them.
DANGEROUS_FIRST = "=+-@\t\r\n\uff1d\uff0b\uff0d\uff20"
MARK = "'"  # shown as text by spreadsheets, and not displayed

_CHARACTERS = "".join("\\" + c if c in "\\]^-" else c for c in DANGEROUS_FIRST)
# A cell that would run, or one that starts with marks before such a character.
MARKED_OR_DANGEROUS = f"{MARK}*[{_CHARACTERS}]"
# A whole cell that is a number: sign, digits with an optional point, optional exponent.
PLAIN_NUMBER = r"[+\-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+\-]?[0-9]+)?"

_marked_or_dangerous = re.compile(MARKED_OR_DANGEROUS)
_plain_number = re.compile(PLAIN_NUMBER)


def is_plain_number(value: str) -> bool:
    """The whole of `value` is a number (`+447700900123`, `-0.25`, `1e-3`)."""
    return _plain_number.fullmatch(value) is not None


def runs_in_a_spreadsheet(value: str) -> bool:
    """A spreadsheet would read `value` as a formula: it starts with one of DANGEROUS_FIRST
    and is not a plain number."""
    return value != "" and value[0] in DANGEROUS_FIRST and not is_plain_number(value)


def safe_cell(value: str) -> str:
    """`value` as it is safe to write in a CSV cell (see the module's docstring)."""
    if _marked_or_dangerous.match(value) and not is_plain_number(value):
        return MARK + value
    return value


def restore_cell(value: str) -> str:
    """The value `safe_cell` was given, from what it wrote."""
    if value.startswith(MARK) and _marked_or_dangerous.match(value):
        return value[1:]
    return value


def restore_row(row: dict[str, str]) -> dict[str, str]:
    """A row read from a CSV Stronghold wrote (csv.DictReader), each value as it was before
    `safe_cell` (a short row's missing values, None to the csv module, stay None)."""
    return {
        name: restore_cell(value) if isinstance(value, str) else value
        for name, value in row.items()
    }


def safe_cell_sql(expression: str) -> str:
    """SQL (DuckDB) for `safe_cell` of the text `expression`; NULL stays NULL."""
    marked = f"regexp_matches({expression}, {text('^' + MARKED_OR_DANGEROUS)})"
    number = f"regexp_full_match({expression}, {text(PLAIN_NUMBER)})"
    return (
        f"(case when {marked} and not {number} then {text(MARK)} || {expression} "
        f"else {expression} end)"
    )
