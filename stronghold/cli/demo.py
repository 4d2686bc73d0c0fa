"""`stronghold demo`: the main job end to end on embedded defaults."""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from typing import Annotated

import typer

from stronghold.cli.options import WorkspaceOption, settings_for
from stronghold.cli.progress import synthesis_progress
from stronghold.cli.terminal import output_console, styled
from stronghold.cli.world_summary import print_world_summary
from stronghold.synthetic import SCALES, synthesise
from stronghold.synthetic.summary import summarise_bundle
from stronghold.workspace import Workspace

__all__ = ["demo"]


def demo(
    workspace: WorkspaceOption = None,
    seed: Annotated[int, typer.Option(help="Seed of the synthetic county.")] = 7,
    scale: Annotated[str, typer.Option(help="Size of the synthetic county.")] = "small",
) -> None:
    """Synthesise a small county into the workspace, summarise it, load it, analyse it and
    write the findings report."""
    if scale not in SCALES:
        raise typer.BadParameter(f"choose one of {', '.join(SCALES)}", param_hint="--scale")
    settings = settings_for(workspace)
    space = Workspace.open(settings.workspace)
    console = output_console()
    bundle = space.bundles / f"demo-{scale}-seed{seed}"
    console.print(
        styled(
            ("Stronghold demo", "bold"), f": a synthetic county ({scale}, seed {seed}) in {bundle}"
        )
    )
    began = time.perf_counter()
    with synthesis_progress(console, SCALES[scale].days) as progress:
        synthesise(bundle, seed=seed, scale=scale, progress=progress)
    summary = summarise_bundle(bundle)
    print_world_summary(console, summary)
    report = space.reports / "world-summary.json"
    report.write_text(json.dumps(asdict(summary), indent=1) + "\n", encoding="utf-8")
    console.print(f"Summary written to {report}.")

    from stronghold.cli.ingest_report import print_ingest_report  # the stores load lazily
    from stronghold.ingest.importer import ingest_bundle

    console.print(styled(("Loading the bundle into the workspace", "bold"), " (stronghold ingest)"))
    imported = ingest_bundle(bundle, space, settings)
    print_ingest_report(console, imported, space)

    from stronghold.analysis.run import analyse
    from stronghold.cli.findings import print_findings

    console.print(styled(("Analysing", "bold"), " (stronghold analyse)"))
    found = analyse(space, settings)
    print_findings(console, found.written)
    console.print(
        f"Done in {time.perf_counter() - began:.1f} s. `stronghold evaluate --truth "
        f"{bundle / 'truth.json'} --results {space.results}` scores the findings against the "
        f"synthetic county's ground truth."
    )
