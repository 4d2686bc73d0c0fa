"""The command line: help everywhere, clear errors, and the demo writes only its workspace."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stronghold.cli import app

COMMANDS = ["synth", "ingest", "demo"]
runner = CliRunner()


def test_top_level_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "--" in result.output and len(result.output.splitlines()) > 5


def test_unknown_scale_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["synth", str(tmp_path / "x"), "--scale", "huge"])
    assert result.exit_code != 0
    assert "tiny, small, medium, large" in result.output
    assert not (tmp_path / "x").exists()


def test_demo_writes_only_inside_its_workspace(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "stronghold",
            "demo",
            "--workspace",
            str(workspace),
            "--scale",
            "tiny",
            "--seed",
            "4",
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "120"},
    )
    assert "County lines" in result.stdout and "Confounders" in result.stdout
    assert "Import" in result.stdout and "comms.csv" in result.stdout
    assert list(elsewhere.iterdir()) == []
    assert (workspace / "bundles" / "demo-tiny-seed4" / "truth.json").exists()
    assert (workspace / "reports" / "world-summary.json").exists()
    assert (workspace / "stronghold.db").exists() and any((workspace / "events").rglob("*.parquet"))


def test_importing_stronghold_loads_no_heavy_parts() -> None:
    code = (
        "import sys, stronghold.cli, stronghold.synthetic, stronghold.engine; "
        "stronghold.engine.open_engine('duckdb').close(); "
        "print([m for m in ('pyspark', 'playwright', 'weasyprint') if m in sys.modules])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_ingest_summary_to_a_pipe_shows_whole_numbers(tiny_bundle: Path, tmp_path: Path) -> None:
    """Printed to a file or pipe (a CI log), the summary is not squeezed into 80 columns:
    every count is whole and each file's notes follow the table."""
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    command = [sys.executable, "-m", "stronghold", "ingest", "--workspace", str(tmp_path / "w")]
    result = subprocess.run(
        [*command, str(tiny_bundle)], capture_output=True, text=True, check=True, env=env
    )
    rows = sum(1 for _ in (tiny_bundle / "comms.csv").open(encoding="utf-8")) - 1
    (line,) = [x for x in result.stdout.splitlines() if x.startswith("│ comms.csv")]
    assert line.count(f"{rows:,}") == 2  # read and loaded
    assert any(x.strip().startswith("comms.csv: kept verbatim") for x in result.stdout.splitlines())
