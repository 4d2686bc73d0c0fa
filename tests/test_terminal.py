"""The terminal treats data as text: a town, an id, a header, a file or folder name that
holds Rich markup (`[/]`, `[link=...]`), an emoji code (`:x:`) or an escape sequence prints
as written, with its control characters written out, and every command still runs."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from rich.console import Console
from rich.table import Table
from typer.testing import CliRunner, Result

from stronghold.cli import app
from stronghold.cli.terminal import DataConsole, styled, visible

# What a hostile or careless supplier could put in a field, and how it must look printed.
MARK = "[/][link=http://example.invalid]x[/link]:x:\x1b]0;owned\x07\x1b[2J"
SHOWN = r"[/][link=http://example.invalid]x[/link]:x:\x1b]0;owned\x07\x1b[2J"
ID_MARK = MARK.replace(";", "")  # results files join ids with ';'
SHOWN_ID = SHOWN.replace(";", "")
VALUE_MARK = "[/]:x:\x1b]0;owned\x07\x1b[2J"  # the quarantine shows a value's first 40
SHOWN_VALUE = r"[/]:x:\x1b]0;owned\x07\x1b[2J"
FOLDERS = ("ws[", "]:x:\x1b]0;owned\x07\u202e")  # a workspace whose path holds "[/]"
SHOWN_FOLDERS = r"ws[/]:x:\x1b]0;owned\x07\u202e"

EMOJI_X = "\u274c"  # what Rich would make of ":x:"
RICH_OWN = re.compile(r"\x1b\[(?:[0-9;]*m|2K|\d*A|\?25[hl])")  # styles, line and cursor moves
WIDE = {"COLUMNS": "400"}
TERMINAL = {"COLUMNS": "400", "FORCE_COLOR": "1", "TERM": "xterm-256color"}

runner = CliRunner()


def assert_text_only(result: Result) -> None:
    """The command ran to its end and nothing it printed could drive the terminal."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "\x1b" not in result.output  # no escape sequence at all, so no OSC 8 link either
    assert "\u202e" not in result.output and "\x00" not in result.output
    assert EMOJI_X not in result.output


def test_visible_writes_out_control_and_reordering_characters() -> None:
    assert visible("a\x1b[2Jb\x07c\x00d\x9be") == r"a\x1b[2Jb\x07c\x00d\x9be"
    assert visible("abc\u202edef\u200b\ufeff") == r"abc\u202edef\u200b\ufeff"
    assert visible("tab\tand\nnewline [/] :x: é") == "tab\tand\nnewline [/] :x: é"


def test_a_table_prints_markup_emoji_and_escapes_as_text() -> None:
    out = io.StringIO()
    table = Table(title="[bold]title[/]")
    table.add_column("[/]")
    table.add_row("[link=http://example.invalid]x[/link] :x:")
    table.add_row("abc\u202edef nul\x00 \x1b]0;owned\x07")
    DataConsole(file=out, width=80).print(table)
    DataConsole(file=out, width=80).print("[bold red]plain[/] :x: \x1b[2J")
    printed = out.getvalue()
    assert "[bold]title[/]" in printed and "│ [/]" in printed.replace("┃", "│")
    assert "[link=http://example.invalid]x[/link] :x:" in printed
    assert r"abc\u202edef nul\x00 \x1b]0;owned\x07" in printed
    assert r"[bold red]plain[/] :x: \x1b[2J" in printed
    assert "\x1b" not in printed and "\u202e" not in printed and EMOJI_X not in printed


def test_styled_keeps_our_emphasis_and_shows_the_data_as_text() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, color_system="standard", width=80)
    console.print(styled(("Nothing imported:", "bold red"), " ", "[/]:x:\x1b[2J"))
    assert out.getvalue() == "\x1b[1;31mNothing imported:\x1b[0m [/]:x:\\x1b[2J\n"


@pytest.fixture(scope="module")
def hostile_world(tiny_bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Result]:
    """The tiny bundle with every town, the first line's holder's id and one quarantined
    value marked, imported into a workspace whose path holds markup; each command's output."""
    root = tmp_path_factory.mktemp("hostile")
    bundle = root / "bundle"
    shutil.copytree(tiny_bundle, bundle)
    _mark_towns(bundle / "addresses.csv")
    holder = json.loads((tiny_bundle / "truth.json").read_text())["lines"][0]["holder_person_ids"]
    for path in bundle.glob("*.csv"):
        path.write_text(path.read_text().replace(holder[0], holder[0] + ID_MARK))
    with (bundle / "stop_search.csv").open("a", encoding="utf-8") as rows:
        rows.write(f"{VALUE_MARK},{holder[0]},52.0,-1.3,controlled drugs,arrest,\n")
    workspace = ["--workspace", str(root.joinpath(*FOLDERS))]
    commands = {
        "ingest": ["ingest", str(bundle)],
        "analyse": ["analyse"],
        "network": ["network"],
        "key-players": ["key-players"],
        "disrupt": ["disrupt", "--remove", holder[0] + ID_MARK, "--strategy", "degree"],
        "show-quarantine": ["ingest", "--show-quarantine"],
    }
    return {
        name: runner.invoke(app, [*args, *workspace], env=WIDE) for name, args in commands.items()
    }


def _mark_towns(addresses: Path) -> None:
    with addresses.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with addresses.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({**row, "town": row["town"] + MARK} for row in rows)


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        ("ingest", SHOWN_FOLDERS),  # where the quarantined row is kept
        ("analyse", SHOWN_FOLDERS),  # where the results are
        ("network", SHOWN),  # the groups' hub and county towns
        ("key-players", SHOWN_ID),
        ("disrupt", SHOWN_ID),  # the person removed, and the evidence of who could step in
        ("show-quarantine", SHOWN_VALUE),
    ],
)
def test_every_command_prints_hostile_data_as_text(
    hostile_world: dict[str, Result], command: str, shown: str
) -> None:
    result = hostile_world[command]
    assert result.exit_code == 0, result.output
    assert_text_only(result)
    assert shown in result.output


@pytest.fixture(scope="module")
def odd_names(tiny_bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bundle, in a folder whose name holds an emoji code and an escape sequence, with a
    vehicles file whose key header is `[/]` (refused), a good stop-search file and a file
    no table claims whose name holds markup."""
    bundle = tmp_path_factory.mktemp("odd") / "bundle :x:\x1b[2J"
    bundle.mkdir()
    header, *rows = (tiny_bundle / "vehicles.csv").read_text().splitlines()
    (bundle / "vehicles.csv").write_text("\n".join(["[/]" + header[3:], *rows]) + "\n")
    shutil.copy(tiny_bundle / "stop_search.csv", bundle)
    (bundle / "[italic]x[link=http:example.invalid]y:x:\x1b]0;owned\x07.csv").write_text("a\n1\n")
    return bundle


def test_ingest_prints_a_header_and_file_names_as_text(odd_names: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(odd_names), "--workspace", str(tmp_path)], env=WIDE)
    assert result.exit_code == 0, result.output  # the stop searches were usable
    assert_text_only(result)
    assert "its columns are: [/], make" in result.output
    assert r"loaded: [italic]x[link=http:example.invalid]y:x:\x1b]0;owned\x07.csv" in result.output


def test_ingest_progress_on_a_terminal_shows_names_as_text(odd_names: Path, tmp_path: Path) -> None:
    """On a terminal the progress bars name the files and the bundle; only Rich's own
    styles and cursor moves are escape sequences, and our emphasis is still a style."""
    args = ["ingest", str(odd_names), "--workspace", str(tmp_path)]
    result = runner.invoke(app, args, env=TERMINAL)
    assert result.exit_code == 0, result.output
    assert "\x1b[33mNot recognised, not loaded:\x1b[0m" in result.output
    text = RICH_OWN.sub("", result.output)
    assert "\x1b" not in text and EMOJI_X not in text
    assert "vehicles.csv" in text and "committing" in text
    assert r"bundle :x:\x1b[2J" in text  # the bundle's name, as its import is committed


def test_an_error_keeps_its_emphasis_and_shows_the_path_as_text(tmp_path: Path) -> None:
    missing = tmp_path / "[/]:x:\x1b[2J"
    result = runner.invoke(
        app, ["ingest", str(missing), "--workspace", str(tmp_path)], env=TERMINAL
    )
    assert result.exit_code == 2, result.output
    assert "\x1b[1;31mNothing imported:\x1b[0m " in result.output
    text = RICH_OWN.sub("", result.output)
    assert "\x1b" not in text and EMOJI_X not in text
    assert r"[/]:x:\x1b[2J is not a folder" in text


def test_synth_names_its_folder_as_text(tmp_path: Path) -> None:
    out_dir = tmp_path / "[" / "]:x:\x1b[2J"
    result = runner.invoke(app, ["synth", str(out_dir), "--scale", "tiny", "--days", "1"], env=WIDE)
    assert result.exit_code == 0, result.output
    assert_text_only(result)
    assert r"[/]:x:\x1b[2J" in "".join(result.output.split())  # the title, however it wraps
