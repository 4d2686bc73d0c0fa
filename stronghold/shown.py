"""Data shown to a person as text: control characters written out, long values cut short.

Whatever a bundle, a profile or a path holds can reach a terminal or a message; there it
must read as what it is. ESC, NUL and the other C0 and C1 controls (but tab and newline), and
the Unicode marks that reorder or hide text (bidirectional overrides and isolates,
zero-width characters, the BOM), are written out as `\\x1b` or `\\u202e`."""

from __future__ import annotations

import re

__all__ = ["excerpt", "path_excerpt", "visible"]

HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def visible(value: object) -> str:
    """`value` as text with every control character written out (`\\x1b`, `\\u202e`)."""
    return HIDDEN.sub(_written_out, str(value))


def excerpt(value: object, most: int = 80) -> str:
    """A short, visible excerpt of `value` for a message: at most `most` characters of it,
    on one line, marked with an ellipsis where it was cut."""
    text = str(value)
    cut = text[:most]
    return visible(cut.replace("\n", "\\n")) + ("…" if len(text) > most else "")


def path_excerpt(path: object, most: int = 160) -> str:
    """A path for a message, visible and short: its end kept (the file's own name), its
    start cut where it is long."""
    text = visible(str(path))
    return text if len(text) <= most else "…" + text[-most:]


def _written_out(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
