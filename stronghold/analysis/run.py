"""Running every analysis over a workspace and writing its results files.

The analyses run on the chosen engine over the workspace's event views; the findings are
written to `results/` in the workspace as the contract's CSV files, each row with its
evidence. Results are replaced as a whole: written beside, then moved into place.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine as Database

from stronghold.analysis.attribution import owners
from stronghold.analysis.controllers import controller_steps
from stronghold.analysis.deal_lines import DealLineSettings, deal_line_step
from stronghold.analysis.direction_findings import HOLDER_COLUMNS, holder_rows
from stronghold.analysis.features import FeatureSettings, feature_pipeline
from stronghold.analysis.handovers import group_lines, pick_handovers
from stronghold.analysis.holder_decisions import decide_holders
from stronghold.analysis.line_findings import (
    DEAL_LINE_COLUMNS,
    HANDOVER_COLUMNS,
    LINE_COLUMNS,
    RUNNER_COLUMNS,
    deal_line_rows,
    handover_rows,
    line_rows,
    runner_rows,
)
from stronghold.analysis.opening import opened
from stronghold.analysis.premises import NO_CELLS, PremisesSettings, premises_steps
from stronghold.analysis.premises_findings import ADDRESS_COLUMNS, address_rows
from stronghold.analysis.records import register_records
from stronghold.analysis.replacements import ReplacementSettings, replacement_steps
from stronghold.analysis.runners import runner_steps
from stronghold.analysis.safeguarding import SAFEGUARDING_COLUMNS, safeguarding_rows
from stronghold.analysis.safeguarding_inputs import gather_safeguarding
from stronghold.analysis.transactions import line_steps
from stronghold.analysis.trips import trip_steps
from stronghold.engine import Engine
from stronghold.engine.pipeline import Pipeline
from stronghold.report.html_report import write_report
from stronghold.results_files import write_results_csv
from stronghold.settings import Settings
from stronghold.workspace import Workspace

__all__ = ["DEAL_LINE_COLUMNS", "HANDOVER_COLUMNS", "LINE_COLUMNS", "AnalysisReport", "analyse"]


@dataclass
class AnalysisReport:
    engine: str
    events: int  # comms events read
    deal_lines: list[dict[str, Any]]
    handovers: list[dict[str, Any]]
    lines: list[dict[str, Any]]
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)


def analyse(
    workspace: Workspace,
    settings: Settings,
    engine_name: str = "duckdb",
    master: str | None = None,
    deal_lines: DealLineSettings | None = None,
) -> AnalysisReport:
    """Work out every analysis on `engine_name` and write the results files and the report."""
    workspace.require_writable("analysing writes its results and report there")
    began = time.perf_counter()
    features, premises = FeatureSettings(), PremisesSettings()
    with opened(workspace, settings, engine_name, master) as (engine, sql, counts):
        register_records(engine, sql)
        if not counts.get("cells"):
            engine.view("cells", NO_CELLS)
        # only numbers that broadcast can be deal lines: the rest are not described
        pipeline = feature_pipeline(features, described="select distinct number from bursts")
        pipeline.steps.append(deal_line_step(deal_lines))
        flagged = "select number from deal_lines"
        pipeline.steps += replacement_steps(flagged, ReplacementSettings(), newcomers=flagged)
        pipeline.run(engine)
        found = engine.arrow("select * from deal_lines order by first_seen, number")
        handovers = pick_handovers(engine.arrow("select * from replacements").to_pylist())
        line_of = group_lines([row["number"] for row in found.to_pylist()], handovers)
        entities = Pipeline(
            [
                *line_steps(line_of, features.callback_minutes),
                *runner_steps(features=features),
                *premises_steps(premises),
                *controller_steps(),
                *trip_steps(),
            ]
        )
        entities.run(engine)
        findings = _people_and_places(engine, sql, features, premises)
        summaries = engine.arrow("select * from line_summary").to_pylist()
        events_read = int(engine.arrow("select events from period").column(0)[0].as_py())
        cells = engine.arrow(
            "select cell_id, latitude, longitude from cells where latitude is not null"
        ).to_pylist()
    results = workspace.results
    rows = deal_line_rows(found.to_pylist(), line_of, features)
    moves = handover_rows(handovers, line_of)
    lines = line_rows(summaries, line_of, features)
    written = [
        write_results_csv(results / "deal_lines.csv", DEAL_LINE_COLUMNS, rows),
        write_results_csv(results / "line_handovers.csv", HANDOVER_COLUMNS, moves),
        write_results_csv(results / "lines.csv", LINE_COLUMNS, lines),
        *(
            write_results_csv(results / name, columns, found_rows)
            for name, (columns, found_rows) in findings.items()
        ),
        write_report(workspace, cells),
    ]
    seconds = time.perf_counter() - began
    timings = {**pipeline.timings, **entities.timings}
    return AnalysisReport(engine_name, events_read, rows, moves, lines, seconds, timings, written)


def _people_and_places(
    engine: Engine, sql: Database, features: FeatureSettings, premises: PremisesSettings
) -> dict[str, tuple[tuple[str, ...], list[dict[str, Any]]]]:
    """Runners, holders and controllers, premises and the people to safeguard, as results
    files (name -> columns, rows), from the steps after the lines."""
    runners = engine.arrow("select * from runners").to_pylist()
    controllers = engine.arrow("select * from controllers").to_pylist()
    candidates = engine.arrow("select * from holder_evidence").to_pylist()
    people = owners(sql, (r["number"] for r in [*runners, *controllers, *candidates]))
    decisions = decide_holders(
        candidates,
        engine.arrow("select * from holder_colocation").to_pylist(),
        engine.arrow("select * from line_days").to_pylist(),
        controllers,
        people,
    )
    trips = engine.arrow("select * from runner_trips order by arrived").to_pylist()
    runner_found = runner_rows(runners, people, features, trips)
    address_found = address_rows(
        engine.arrow("select * from reported_premises").to_pylist(),
        engine.arrow("select * from premises_sightings").to_pylist(),
        engine.arrow("select * from runner_activity").to_pylist(),
        premises,
    )
    at_risk = safeguarding_rows(gather_safeguarding(engine, sql, runner_found, address_found))
    return {
        "runners.csv": (RUNNER_COLUMNS, runner_found),
        "holders.csv": (HOLDER_COLUMNS, holder_rows(controllers, decisions, people)),
        "addresses.csv": (ADDRESS_COLUMNS, address_found),
        "safeguarding.csv": (SAFEGUARDING_COLUMNS, at_risk),
    }
