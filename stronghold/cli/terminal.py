"""The terminal treats data as text: what a bundle, a profile or a path says is never Rich
markup, an emoji code, a terminal link or an escape sequence.

Every command prints through `output_console()`. Its strings are never read as markup
(`[bold]`, `[link=...]`, `[/]` print as they are), never as emoji codes (`:x:`) and never
highlighted, and their control characters are made visible (`stronghold.shown.visible`:
ESC prints as `\\x1b`), so a town, an id, a file name or an error message from a supplier
prints as written. Our own
emphasis is a style given beside the words (`styled`), never markup inside them.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from rich.console import Console
from rich.text import Text

from stronghold.shown import visible

__all__ = ["LOG_WIDTH", "DataConsole", "output_console", "styled", "visible"]

LOG_WIDTH = 120  # columns when printing to a file or pipe (Rich would assume 80)


def styled(*parts: str | tuple[object, str]) -> Text:
    """One line from parts: plain words, or (words, style) pairs such as
    `("Nothing imported:", "bold red")`. Every part is shown as text, never as markup."""
    text = Text()
    for part in parts:
        words, style = (part, "") if isinstance(part, str) else part
        text.append(visible(words), style=style)
    return text


class DataConsole(Console):
    """A Rich console whose strings are text: no markup, emoji or highlighting, and control
    characters made visible. Tables, titles and plain `print` calls all pass through
    `render_str`, so no string reaches the terminal any other way."""

    def __init__(self, **options: Any) -> None:
        super().__init__(markup=False, emoji=False, highlight=False, **options)

    def render_str(self, text: str, **options: Any) -> Text:
        options.update(markup=False, emoji=False, highlight=False)
        return super().render_str(visible(text), **options)


def output_console(stderr: bool = False) -> DataConsole:
    """The console: the terminal's width, or LOG_WIDTH columns when the output goes to a
    file or a pipe (a CI log, `make demo | tee`) and COLUMNS does not say otherwise, so
    that tables are not squeezed into 80 columns."""
    stream = sys.stderr if stderr else sys.stdout
    if stream.isatty() or "COLUMNS" in os.environ:
        return DataConsole(stderr=stderr)
    return DataConsole(stderr=stderr, width=LOG_WIDTH)
