"""The chart with only the characters XML allows, for the XML writers (GraphML, GEXF, ANX).

XML 1.0 allows tab, newline, carriage return and the characters from U+0020 up, except the
surrogates (U+D800 to U+DFFF) and U+FFFE and U+FFFF. A record can hold others (a control
character pasted into a report, an escape sequence in an id, a stray U+FFFE), and a file
with one of them written raw does not parse. So every text of the chart (node ids, kinds,
labels, numbers, groups and their descriptions, evidence, link kinds, provenance and
grading) has each such character replaced by U+FFFD, the replacement character, which
shows that something was there; the number replaced is reported with the export.

Two ids that differ only in such characters (`a\\x01`, `a\\x02`) would become one after
replacement, and their nodes would merge. So an id that was changed and lands on an id
already taken gets a suffix, ` (2)`, ` (3)` ..., until it is unique; ids that needed no
change keep theirs, and links follow their ends to the new ids."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from stronghold.network.exports.chart import Chart, ChartLink

__all__ = ["NOT_IN_XML", "REPLACEMENT", "XmlSafeChart", "xml_safe"]

NOT_IN_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
REPLACEMENT = "\ufffd"


@dataclass(frozen=True)
class XmlSafeChart:
    chart: Chart
    replaced: int  # characters not allowed in XML, each replaced by U+FFFD


def xml_safe(chart: Chart) -> XmlSafeChart:
    """`chart` with every character XML does not allow replaced by U+FFFD, and the count."""
    cleaner = _Cleaner()
    ids = _distinct_ids([node.id for node in chart.nodes], cleaner)
    nodes = [
        replace(
            node,
            id=ids[node.id],
            kind=cleaner.text(node.kind),
            label=cleaner.text(node.label),
            numbers=tuple(cleaner.text(number) for number in node.numbers),
            group=cleaner.text(node.group),
            evidence=cleaner.text(node.evidence),
        )
        for node in chart.nodes
    ]
    links = [_link(link, ids, cleaner) for link in chart.links]
    groups = {cleaner.text(group): cleaner.text(said) for group, said in chart.groups.items()}
    return XmlSafeChart(Chart(nodes, links, groups), cleaner.replaced)


class _Cleaner:
    """Replaces what XML does not allow, counting as it goes."""

    def __init__(self) -> None:
        self.replaced = 0

    def text(self, value: str) -> str:
        clean, count = NOT_IN_XML.subn(REPLACEMENT, value)
        self.replaced += count
        return clean


def _distinct_ids(ids: list[str], cleaner: _Cleaner) -> dict[str, str]:
    """Each node id and the id it is written as: itself when XML allows it, else cleaned
    and, where that is taken, suffixed until unique."""
    taken = {i for i in ids if not NOT_IN_XML.search(i)}
    written = {i: i for i in taken}
    for original in ids:
        if original in written:
            continue
        base = cleaner.text(original)
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base} ({n})", n + 1
        taken.add(candidate)
        written[original] = candidate
    return written


def _link(link: ChartLink, ids: dict[str, str], cleaner: _Cleaner) -> ChartLink:
    return replace(
        link,
        source=ids[link.source],
        target=ids[link.target],
        kinds=tuple(cleaner.text(kind) for kind in link.kinds),
        provenance=cleaner.text(link.provenance),
        grading=cleaner.text(link.grading),
    )
