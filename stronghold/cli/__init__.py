"""The `stronghold` command line: thin commands that parse, call one function and render."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from typer import _click as click

from stronghold.cli.analyse import analyse, evaluate, export_app
from stronghold.cli.demo import demo
from stronghold.cli.disrupt import disrupt
from stronghold.cli.export_graph import export_graph
from stronghold.cli.failures import DEBUG, FAULT, report_failure, report_usage
from stronghold.cli.ingest import ingest
from stronghold.cli.network import key_players, network
from stronghold.cli.replacements import replacements
from stronghold.cli.synth import synth

__all__ = ["app", "main"]

app = typer.Typer(
    name="stronghold",
    help="Stronghold: find and take apart county drug lines, from comms data to outcomes.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)


@app.callback()
def _options(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback when a command fails.")
    ] = False,
) -> None:
    DEBUG["on"] = debug


app.command(help="Write a synthetic county-lines case bundle with its ground truth.")(synth)
app.command(help="Validate and load a case bundle into the workspace; show what was refused.")(
    ingest
)
app.command(help="Run every analysis on the workspace and write its results files.")(analyse)
app.command(help="Find the phones that carried on the contacts of numbers that went quiet.")(
    replacements
)
app.command(help="Build the network, find its groups and write groups.csv and key_players.csv.")(
    network
)
app.command(name="key-players", help="Rank the people and phones that matter in each group.")(
    key_players
)
export_app.command("graph")(export_graph)
app.command(help="What taking people or phones out would do, against each strategy.")(disrupt)
app.add_typer(export_app, name="export", help="Write findings for other tools and people.")
app.command(help="Score results files against a synthetic world's ground truth.")(evaluate)
app.command(
    help="Synthesise a county, load it, analyse it and write the findings report (the main job)."
)(demo)


def main() -> None:
    """Run a command; a failure ends in one line on stderr (cli/failures.py), exit 2 when
    the user can put it right, 1 for a fault in Stronghold. Usage errors are printed here
    too, so that what was typed is shown as text."""
    try:
        code = app(standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as error:
        error.show()
        code = error.exit_code
    except click.exceptions.ClickException as error:
        code = report_usage(error)
    except typer.Abort as error:  # end of input, or a bare EOFError
        code = report_failure(error.__cause__) if error.__cause__ else FAULT
    except Exception as error:
        if DEBUG["on"]:
            raise
        code = report_failure(error)
    sys.exit(code if isinstance(code, int) else 0)
