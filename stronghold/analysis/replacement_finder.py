"""The replacement-phone finder for any numbers of interest: which numbers carried on their
contacts once they went quiet. Subjects drop phones as lines do; an analyst asks of one
number, or of every number in the workspace."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from stronghold.analysis.features import feature_pipeline
from stronghold.analysis.opening import opened
from stronghold.analysis.replacements import (
    ReplacementSettings,
    replacement_evidence,
    replacement_steps,
)
from stronghold.engine.pipeline import Pipeline
from stronghold.settings import Settings
from stronghold.sql_text import text
from stronghold.workspace import Workspace

__all__ = ["Replacements", "find_replacements"]

# the steps the finder reads
NEEDED = ("services", "comms_rows", "period", "parties", "contacts", "daily", "pairs", "totals")


@dataclass
class Replacements:
    subjects: int  # numbers asked about that were seen
    quiet: list[str]  # of those, the ones that went quiet before the data ends
    candidates: list[dict[str, Any]]  # ranked per quiet number, each with its evidence


def find_replacements(
    workspace: Workspace,
    settings: Settings,
    numbers: list[str] | None = None,
    engine_name: str = "duckdb",
    replacements: ReplacementSettings | None = None,
) -> Replacements:
    """Candidates to have replaced each of `numbers` (default: every number)."""
    s = replacements or ReplacementSettings()
    subjects = (
        "select number from totals"
        if not numbers
        else "select number from totals where number in ("
        + ", ".join(text(n) for n in numbers)
        + ")"
    )
    with opened(workspace, settings, engine_name) as (engine, _, _):
        steps = [step for step in feature_pipeline().steps if step.name in NEEDED]
        Pipeline([*steps, *replacement_steps(subjects, s)]).run(engine)
        seen = int(engine.arrow(f"select count(*) as n from ({subjects}) s").column("n")[0].as_py())
        quiet = engine.arrow("select number from quiet_phones order by number").column("number")
        found = engine.arrow(
            f"select * from replacements order by score >= {s.replaces_at} desc, old_number, rank"
        ).to_pylist()
    for row in found:
        row["evidence"] = replacement_evidence(row)
    return Replacements(seen, [str(n) for n in quiet.to_pylist()], found)
