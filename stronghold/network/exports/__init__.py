"""The network for other tools: GraphML and GEXF (networkx, Gephi), i2 Analyst's Notebook's
ANX chart and FollowTheMoney entities. Each writer reads the same chart (chart.py); the
FollowTheMoney one needs the `followthemoney` library (`pip install 'stronghold[ftm]'`) and
is imported only when asked for. The XML writers read the chart as xml_safe.py makes it, with
every character XML does not allow replaced (and counted), so what they write parses."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from stronghold.network.exports.chart import Chart, chart_of
from stronghold.network.exports.xml_safe import xml_safe
from stronghold.settings import Settings
from stronghold.workspace import Workspace

__all__ = ["FORMATS", "XML_FORMATS", "Exported", "export_graph", "format_for", "write_chart"]

FORMATS = ("graphml", "gexf", "anx", "ftm")
XML_FORMATS = ("graphml", "gexf", "anx")
SUFFIXES = {".graphml": "graphml", ".gexf": "gexf", ".anx": "anx", ".ftm": "ftm"}
FTM_SUFFIXES = (".ftm.json", ".ftm.jsonl", ".jsonl", ".ijson")


@dataclass(frozen=True)
class Exported:
    path: Path
    format: str
    nodes: int
    links: int
    entities: int  # FollowTheMoney entities written (nodes, links, groups, memberships); else 0
    replaced: int = 0  # XML formats: characters XML does not allow, replaced by U+FFFD


def format_for(path: Path, given: str | None = None) -> str:
    """The format asked for, or the one the file's suffix names; ValueError for neither."""
    if given is not None:
        if given.lower() not in FORMATS:
            raise ValueError(f"unknown format {given!r}: use one of {', '.join(FORMATS)}")
        return given.lower()
    name = path.name.lower()
    if name.endswith(FTM_SUFFIXES):
        return "ftm"
    if path.suffix.lower() in SUFFIXES:
        return SUFFIXES[path.suffix.lower()]
    raise ValueError(
        f"cannot tell the format from {path.name!r}: give --format "
        f"({', '.join(FORMATS)}) or a .graphml, .gexf, .anx or .ftm.json file"
    )


def write_chart(chart: Chart, path: Path, format: str) -> Exported:
    """Write `chart` to `path` in `format` (one of FORMATS): written beside and moved into
    place, so a failed export leaves no half-written file."""
    entities = replaced = 0
    if format in XML_FORMATS:
        safe = xml_safe(chart)
        chart, replaced = safe.chart, safe.replaced
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    try:
        entities = _write(chart, partial, format)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return Exported(path, format, len(chart.nodes), len(chart.links), entities, replaced)


def _write(chart: Chart, path: Path, format: str) -> int:
    """Write the chart in `format`; the FollowTheMoney entities written (else 0)."""
    if format == "graphml":
        from stronghold.network.exports.networkx_files import write_graphml

        write_graphml(chart, path)
    elif format == "gexf":
        from stronghold.network.exports.networkx_files import write_gexf

        write_gexf(chart, path)
    elif format == "anx":
        from stronghold.network.exports.anx import write_anx

        write_anx(chart, path)
    elif format == "ftm":
        try:
            from stronghold.network.exports.ftm import write_ftm
        except ImportError as error:
            raise RuntimeError(
                "FollowTheMoney export needs the followthemoney library: "
                "pip install 'stronghold[ftm]'"
            ) from error
        return write_ftm(chart, path)
    else:
        raise ValueError(f"unknown format {format!r}: use one of {', '.join(FORMATS)}")
    return 0


def export_graph(
    workspace: Workspace,
    settings: Settings,
    path: Path,
    format: str | None = None,
    expand_customers: bool = False,
) -> Exported:
    """Build the workspace's network as `stronghold network` does (its groups and key
    players) and write it to `path`; the results files are left as they are."""
    from stronghold.network.run import rank_network

    chosen = format_for(path, format)  # refuse a bad format before the work
    report = rank_network(workspace, settings, expand_customers, write=False)
    chart = chart_of(report.network.graph, report.groups, report.key_players)
    return write_chart(chart, path, chosen)
