"""Postcodes, registration marks and dates of birth, as SQL over text columns.

Postcodes are upper-cased with one space before the inward code; a value that is not a
postcode shape is kept as written and flagged. Registration marks lose spaces and dashes, and
current-format marks get the usual space (AB12 CDE); marks of no GB shape are refused.
"""

from __future__ import annotations

__all__ = ["DATE_FORMATS", "postcode_sql", "vrm_sql"]

# two-digit years before four: %Y would read 90 as the year 90
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%y", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%dT%H:%M:%S")
POSTCODE = "[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}"
VRM_SHAPES = (
    "[A-Z]{2}[0-9]{2}[A-Z]{3}",  # current, 2001 on
    "[A-Z][0-9]{1,3}[A-Z]{3}",  # prefix, 1983-2001
    "[A-Z]{3}[0-9]{1,3}[A-Z]",  # suffix, 1963-1983
    "[0-9]{1,4}[A-Z]{1,3}|[A-Z]{1,3}[0-9]{1,4}",  # dateless
)


def written_text(value: str, trailing: bool = True) -> str:
    """SQL for a value as written, trimmed, with an empty or blank value as NULL. Cheaply:
    only a value sorting before '!' (empty, or starting with white space) or, when
    `trailing`, ending with a space is trimmed; every other value passes as it is. (Kinds
    whose own reading allows a trailing space, such as numbers and phone numbers, skip that
    test: over every value of a big file it costs.)"""
    trimmed = f"trim({value}, ' ' || chr(9) || chr(13) || chr(10))"
    end = f"when suffix({value}, ' ') then {trimmed} " if trailing else ""
    return f"case when {value} < '!' then nullif({trimmed}, '') {end}else {value} end"


def postcode_sql(value: str) -> tuple[str, str]:
    """SQL for (the normalised postcode, whether it has a postcode's shape)."""
    compact = f"upper(regexp_replace({value}, '\\s+', '', 'g'))"
    valid = f"regexp_full_match({compact}, '{POSTCODE}')"
    normal = (
        f"case when {valid} then left({compact}, length({compact}) - 3) || ' ' || "
        f"right({compact}, 3) else upper(trim({value})) end"
    )
    return normal, f"case when {value} is null then null else {valid} end"


def vrm_sql(value: str) -> tuple[str, str]:
    """SQL for (the normalised registration mark, whether it has a GB shape)."""
    compact = f"upper(regexp_replace({value}, '[\\s\\-]+', '', 'g'))"
    shapes = "|".join(f"({s})" for s in VRM_SHAPES)
    valid = f"regexp_full_match({compact}, '{shapes}')"
    current = f"regexp_full_match({compact}, '{VRM_SHAPES[0]}')"
    normal = (
        f"case when {current} then left({compact}, 4) || ' ' || right({compact}, 3) "
        f"else {compact} end"
    )
    return normal, valid
