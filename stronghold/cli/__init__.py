"""The `stronghold` command line: thin commands that parse, call one function and render."""

from __future__ import annotations

import typer

from stronghold.cli.analyse import analyse, evaluate, export_app
from stronghold.cli.demo import demo
from stronghold.cli.disrupt import disrupt
from stronghold.cli.export_graph import export_graph
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
    app()
