"""The findings report in a real browser: Debian's Chromium, driven by Playwright."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from stronghold.analysis.run import analyse
from stronghold.settings import Settings
from stronghold.workspace import Workspace

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
OUTPUT = Path(__file__).resolve().parents[2] / "test-output"


def skip_without_browser() -> None:
    if importlib.util.find_spec("playwright") is None:
        pytest.skip("playwright is not installed (pip install 'stronghold[web]')")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's Chromium is not installed (apt-get install chromium)")


@pytest.mark.slow
def test_the_report_opens_clean_with_its_map_and_tables(
    tiny_workspace: Path, tmp_path: Path
) -> None:
    skip_without_browser()
    from playwright.sync_api import sync_playwright

    root = tmp_path / "ws"
    shutil.copytree(tiny_workspace, root)
    space = Workspace.open(root)
    (report,) = [p for p in analyse(space, Settings(workspace=root)).written if p.suffix == ".html"]

    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(report.as_uri())
        headings = page.locator("h2").all_inner_texts()
        maps = page.locator("svg.map").count()
        premises = page.locator("svg.map circle.premises").count()
        bars = page.locator("svg.timeline rect.number").count()
        safeguarding = page.locator("h2:text('People to safeguard') + table tr").count()
        text = page.locator("body").inner_text()
        OUTPUT.mkdir(exist_ok=True)
        shot = OUTPUT / "findings-report.png"
        page.screenshot(path=str(shot), full_page=True)
        browser.close()

    assert errors == []
    assert "customer's" in text and "&#" not in text  # escaped once, shown as written
    assert {"Headline", "Lines", "People to safeguard", "Premises"} <= set(headings)
    assert maps >= 1 and premises >= 1, (maps, premises)
    assert bars >= 4  # the tiny world's four line numbers
    assert safeguarding > 1  # a header row and at least one person
    assert shot.stat().st_size > 10_000
