"""The docs stay true to the code: commands, options and settings are all documented."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main
from typer.core import TyperOption

from stronghold.cli import app
from stronghold.settings import Settings

DOCS = Path(__file__).resolve().parent.parent / "docs"
ROOT = DOCS.parent


def _commands() -> dict:
    return dict(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_every_command_and_option_is_documented() -> None:
    reference = (DOCS / "cli.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^## `stronghold ([a-z-]+)", reference, re.MULTILINE))
    assert documented == set(_commands())
    for name, command in _commands().items():
        section = reference.split(f"## `stronghold {name}")[1].split("\n## ")[0]
        for parameter in command.params:
            if isinstance(parameter, TyperOption):
                assert any(f"`{opt}`" in section for opt in parameter.opts), (name, parameter)


def test_every_setting_is_documented() -> None:
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    for field in Settings.model_fields:
        assert f"`STRONGHOLD_{field.upper()}`" in text, field


def test_readme_quick_start_is_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start")[1].split("##")[0]
    assert "make demo\nmake test" in quick_start


def test_docs_links_resolve() -> None:
    for page in [ROOT / "README.md", *DOCS.rglob("*.md")]:
        for target in re.findall(r"\]\(([^)#:]+)\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).exists(), f"{page.name} links to missing {target}"
