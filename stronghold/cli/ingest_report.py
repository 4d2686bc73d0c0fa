"""Rendering an import's outcome and the quarantine as Rich tables."""

from __future__ import annotations

from rich.table import Table

from stronghold.cli.terminal import DataConsole, styled
from stronghold.ingest.importer import IngestReport
from stronghold.ingest.quarantine import QuarantineView
from stronghold.workspace import Workspace

__all__ = ["print_ingest_report", "print_quarantine"]


def _notes(details: dict[str, object]) -> str:
    notes = []
    clock = details.get("clock_changes_resolved") or {}
    if isinstance(clock, dict) and (clock.get("ambiguous") or clock.get("nonexistent")):
        notes.append(
            f"clock change: {clock['ambiguous']:,} repeated-hour, "
            f"{clock['nonexistent']:,} missing-hour times resolved"
        )
    numbers = details.get("numbers_kept_verbatim") or {}
    if isinstance(numbers, dict) and any(numbers.values()):
        notes.append(
            "kept verbatim: "
            + ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in numbers.items() if v)
        )
    for key, words in (
        ("coordinates_swapped", "coordinates swapped back"),
        ("postcodes_not_recognised", "postcodes not recognised"),
    ):
        if details.get(key):
            notes.append(f"{details[key]:,} {words}")
    if details.get("encoding") == "cp1252":
        notes.append("read as Windows-1252")
    if details.get("delimiter") not in (None, ","):
        notes.append(f"delimiter {details['delimiter']!r}")
    if details.get("columns_not_found"):
        notes.append("not found: " + ", ".join(details["columns_not_found"]))  # type: ignore[arg-type]
    return "; ".join(notes)


NUMBERS = ("read", "loaded", "quarantined", "already known", "rows/s")


def print_ingest_report(console: DataConsole, report: IngestReport, workspace: Workspace) -> None:
    """One row per file, numbers never cut short (folded if the console is narrow), its
    table only where the file's name does not already say it, and each file's notes below."""
    named = all(o.path.name.split(".")[0] == o.table for o in report.files)
    table = Table(title="Import", title_justify="left")
    table.add_column("file", overflow="fold")
    if not named:
        table.add_column("table", overflow="fold")
    table.add_column("status")
    for heading in NUMBERS:
        table.add_column(heading, justify="right", overflow="fold")
    notes: list[tuple[str, str]] = []
    for outcome in report.files:
        staged = outcome.staged
        first = [outcome.path.name, *([] if named else [outcome.table]), outcome.status]
        if staged is None:
            table.add_row(*first, *[""] * len(NUMBERS))
            notes.append((outcome.path.name, outcome.message))
            continue
        rate = staged.rows_read / staged.seconds if staged.seconds else 0
        table.add_row(
            *first,
            f"{staged.rows_read:,}",
            f"{staged.loaded:,}",
            f"{staged.quarantined:,}",
            f"{staged.already_known:,}",
            f"{rate:,.0f}",
        )
        notes.append((outcome.path.name, _notes(staged.details)))
    console.print(table)
    for name, note in notes:
        if note:
            console.print(f"  {name}: {note}")
    for path in report.ignored:
        console.print(styled(("Not recognised, not loaded:", "yellow"), " ", path.name))
    if report.recovered:
        console.print(f"Cleared {len(report.recovered)} file(s) left by an interrupted import.")
    quarantined = sum(f.staged.quarantined for f in report.files if f.staged)
    if quarantined:
        console.print(
            f"{quarantined:,} row(s) quarantined, kept in {workspace.quarantine}; "
            "see `stronghold ingest --show-quarantine`."
        )
    if not report.usable:
        console.print(styled(("Nothing usable was found in the bundle.", "bold red")))


def print_quarantine(console: DataConsole, view: QuarantineView) -> None:
    if not view.total:
        console.print("Nothing is quarantined.")
        return
    table = Table(
        title=f"Quarantined rows ({len(view.rows)} of {view.total:,} shown)", title_justify="left"
    )
    for heading in ("file", "line", "column", "value", "reason"):
        table.add_column(heading, justify="right" if heading == "line" else "left")
    for row in view.rows:
        table.add_row(
            row["file"], row["line"], row["column"] or "", (row["value"] or "")[:40], row["reason"]
        )
    console.print(table)
    reasons = Table(title="By reason", title_justify="left")
    reasons.add_column("reason")
    reasons.add_column("rows", justify="right")
    for reason, count in view.by_reason.most_common():
        reasons.add_row(reason, f"{count:,}")
    console.print(reasons)
    for path in view.files:
        console.print(f"  {path}")
