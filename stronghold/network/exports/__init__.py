"""The network for other tools: GraphML and GEXF (networkx, Gephi), i2 Analyst's Notebook's
ANX chart and FollowTheMoney entities. Each writer reads the same chart (chart.py); the
FollowTheMoney one needs the `followthemoney` library (`pip install 'stronghold[ftm]'`) and
is imported only when asked for."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from stronghold.network.exports.chart import Chart, chart_of
from stronghold.settings import Settings
from stronghold.workspace import Workspace

__all__ = ["FORMATS", "Exported", "export_graph", "format_for", "write_chart"]

FORMATS = ("graphml", "gexf", "anx", "ftm")
SUFFIXES = {".graphml": "graphml", ".gexf": "gexf", ".anx": "anx", ".ftm": "ftm"}
FTM_SUFFIXES = (".ftm.json", ".ftm.jsonl", ".jsonl", ".ijson")


@dataclass(frozen=True)
class Exported:
    path: Path
    format: str
    nodes: int
    links: int
    entities: int  # FollowTheMoney entities written (nodes, links, groups, memberships); else 0


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
    """Write `chart` to `path` in `format` (one of FORMATS)."""
    entities = 0
    path.parent.mkdir(parents=True, exist_ok=True)
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
        entities = write_ftm(chart, path)
    else:
        raise ValueError(f"unknown format {format!r}: use one of {', '.join(FORMATS)}")
    return Exported(path, format, len(chart.nodes), len(chart.links), entities)


def export_graph(
    workspace: Workspace,
    settings: Settings,
    path: Path,
    format: str | None = None,
    expand_customers: bool = False,
) -> Exported:
    """Build the workspace's network as `stronghold network` does (its groups and key
    players, writing groups.csv and key_players.csv as that does) and write it to `path`."""
    from stronghold.network.run import rank_network

    chosen = format_for(path, format)  # refuse a bad format before the work
    report = rank_network(workspace, settings, expand_customers)
    chart = chart_of(report.network.graph, report.groups, report.key_players)
    return write_chart(chart, path, chosen)
