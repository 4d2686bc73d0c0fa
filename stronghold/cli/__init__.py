"""The `stronghold` command line: thin commands that parse, call one function and render."""

from __future__ import annotations

import typer

from stronghold.cli.demo import demo
from stronghold.cli.ingest import ingest
from stronghold.cli.synth import synth

__all__ = ["app", "main"]

app = typer.Typer(
    name="stronghold",
    help="Stronghold: find and take apart county drug lines, from comms data to outcomes.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
app.command(help="Write a synthetic county-lines case bundle with its ground truth.")(synth)
app.command(help="Validate and load a case bundle into the workspace; show what was refused.")(
    ingest
)
app.command(help="Synthesise a county, show what it holds and load it (the main job so far).")(demo)


def main() -> None:
    app()
