"""Phone numbers to E.164 with libphonenumber, UK by default.

A value that is not a dialable number is kept verbatim and flagged, never dropped: withheld
callers, short codes (voicemail 121, 88020 ...) and anything unreadable.
"""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass
from functools import lru_cache

import duckdb
import phonenumbers

__all__ = [
    "NUMBER_KINDS",
    "NormalisedNumber",
    "normalise_number",
    "phone_sql",
    "register_phone_function",
]

NUMBER_KINDS = ("e164", "withheld", "short_code", "invalid")
WITHHELD = re.compile(
    r"^(number\s+)?(withheld|private|unknown|anonymous|restricted|unavailable|"
    r"not\s+available|n/?a|hidden|blocked|presentation\s+restricted)$",
    re.IGNORECASE,
)
SHORT = re.compile(r"[\d ]+")  # a short code is written in digits (spaces aside), nothing else
# an IPv4 address (a data session's other party may be one): its digits are not a number
ADDRESS = r"\d{1,3}(\.\d{1,3}){3}"
LETTERS = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class NormalisedNumber:
    """The canonical value (E.164, or the raw text when it is not a number) and its kind."""

    value: str
    kind: str  # one of NUMBER_KINDS


def normalise_number(raw: str | None, region: str = "GB") -> NormalisedNumber | None:
    """The canonical form of one written phone number; None for an empty value."""
    if raw is None:
        return None
    text = raw.strip()
    if not text:
        return None
    if WITHHELD.match(text):
        return NormalisedNumber(text, "withheld")
    if LETTERS.search(text) or re.fullmatch(ADDRESS, text):  # letters: a keypad's digits
        return NormalisedNumber(text, "invalid")
    compact = text.replace(" ", "")
    if SHORT.fullmatch(text) and 3 <= len(compact) <= 6 and not compact.startswith("0"):
        return NormalisedNumber(compact, "short_code")  # '100/' or '12/3' is no short code
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return NormalisedNumber(text, "invalid")
    if not phonenumbers.is_possible_number(parsed):
        return NormalisedNumber(text, "invalid")
    return NormalisedNumber(
        phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164), "e164"
    )


PHONE_FUNCTION = "stronghold_phone"
SEPARATOR = "\x1f"  # between kind and value in the SQL form


def _kind_and_value(raw: str | None) -> str | None:
    if raw is None:
        return None
    number = normalise_number(raw) or NormalisedNumber(raw, "invalid")  # blank: never unflagged
    return f"{number.kind}{SEPARATOR}{number.value}"


def register_phone_function(con: duckdb.DuckDBPyConnection) -> None:
    """Give `con` the SQL function `stronghold_phone(text)`: 'kind<US>value' or NULL."""
    with suppress(duckdb.CatalogException):  # already registered on this connection
        con.create_function(
            PHONE_FUNCTION,
            lru_cache(maxsize=1 << 20)(_kind_and_value),
            ["VARCHAR"],
            "VARCHAR",
            side_effects=False,
        )


def phone_sql(value: str) -> tuple[str, str, str]:
    """SQL for a written number, in three parts: the slow part (NULL for a number already in
    E.164 form, the usual case in returns; otherwise 'kind<US>value', from SQL for the common
    UK forms and from libphonenumber for the rest), then the value and the kind, both given
    the slow part as `{slow}`."""
    compact = f"regexp_replace({value}, '[\\s().-]', '', 'g')"
    canonical = (  # a glob: faster than a regular expression, and only where it might match
        f"(case when length({value}) = 13 then {value} glob '+44[1-9]{'[0-9]' * 9}' else false end)"
    )
    slow = (
        f"case when {value} is null or {canonical} "
        f"then null when regexp_full_match({value}, '{ADDRESS}') "
        f"then 'invalid' || chr(31) || {value} "
        f"when regexp_full_match({compact}, '0[1-9]\\d{{9}}') "
        f"then 'e164' || chr(31) || '+44' || substr({compact}, 2) "
        f"when regexp_full_match({compact}, '(\\+|00)?44[1-9]\\d{{9}}') "
        f"then 'e164' || chr(31) || '+44' || right({compact}, 10) "
        f"else {PHONE_FUNCTION}({value}) end"
    )
    number = (
        f"case when {value} is null then null when {{slow}} is null then {value} "
        f"else nullif(split_part({{slow}}, chr(31), 2), '') end"
    )
    kind = (
        f"case when {value} is null then null when {{slow}} is null then 'e164' "
        f"else nullif(split_part({{slow}}, chr(31), 1), '') end"
    )
    return slow, number, kind
