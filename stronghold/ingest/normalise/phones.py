"""Phone numbers to E.164 with libphonenumber, UK by default.

A value that is not a dialable number is kept verbatim and flagged, never dropped: withheld
callers, short codes (voicemail 121, 88020 ...) and anything unreadable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

__all__ = ["NUMBER_KINDS", "NormalisedNumber", "normalise_number"]

NUMBER_KINDS = ("e164", "withheld", "short_code", "invalid")
WITHHELD = re.compile(
    r"^(number\s+)?(withheld|private|unknown|anonymous|restricted|unavailable|"
    r"not\s+available|n/?a|hidden|blocked|presentation\s+restricted)$",
    re.IGNORECASE,
)
SEPARATORS = re.compile(r"[\s\-.()/]")


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
    compact = SEPARATORS.sub("", text)
    if compact.isdigit() and 3 <= len(compact) <= 6 and not compact.startswith("0"):
        return NormalisedNumber(compact, "short_code")
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return NormalisedNumber(text, "invalid")
    if not phonenumbers.is_possible_number(parsed):
        return NormalisedNumber(text, "invalid")
    return NormalisedNumber(
        phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164), "e164"
    )
