"""FollowTheMoney entities, validated by the followthemoney library (and its `ftm validate`)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from click.testing import CliRunner as ClickRunner
from followthemoney import model, registry
from followthemoney.cli.cli import cli as ftm_cli

from stronghold.network.exports import write_chart
from stronghold.network.exports.chart import chart_of
from tests.network.export_fixtures import (
    GROUPS,
    HOLDER_PHONE,
    KEY_PLAYERS,
    LABELS,
    NAMES,
    hand_made,
    pairs,
)


def ftm_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_followthemoney_validates_every_entity(tmp_path: Path) -> None:
    graph = hand_made()
    written = write_chart(chart_of(graph, GROUPS, KEY_PLAYERS), tmp_path / "n.ftm.json", "ftm")
    data = ftm_lines(written.path)
    assert len(data) == written.entities
    ids = {d["id"] for d in data}
    assert len(ids) == len(data)
    for entity in data:
        schema = model.get(entity["schema"])
        assert schema is not None and not schema.abstract
        proxy = model.get_proxy(entity, cleaned=False)  # an unknown property raises
        assert schema.validate(entity) is None  # raises InvalidData on a bad value
        assert set(schema.required) <= set(entity["properties"]), entity
        for prop in proxy.iterprops():
            if prop.type == registry.entity:
                assert set(proxy.get(prop)) <= ids, (entity["schema"], prop.name)
    # the library's own client re-parses and re-cleans them all, and changes nothing
    result = ClickRunner().invoke(ftm_cli, ["validate", "-i", str(written.path)])
    assert result.exit_code == 0, result.output
    again = [json.loads(line) for line in result.output.splitlines()]
    assert [{k: d[k] for k in ("id", "schema", "properties")} for d in again] == data
    assert Counter(d["schema"] for d in data) == {
        "Person": 2, "LegalEntity": 3, "Address": 1, "Vehicle": 1,  # the 7 nodes
        "Associate": 1, "UnknownLink": 6 + 1,  # the 7 links (P1-P2 associates), A1 in G01
        "Organization": 1, "Membership": 5,  # G01 and its other members
    }  # fmt: skip
    captions = {d["id"]: model.get_proxy(d).caption for d in data}
    group = next(d["id"] for d in data if d["schema"] == "Organization")
    ends = Counter(
        frozenset(
            captions[d["properties"][p][0]]
            for p in ("subject", "object", "person", "associate")
            if p in d["properties"]
        )
        for d in data
        if d["schema"] in ("Associate", "UnknownLink")
        and group not in d["properties"].get("object", [])
    )
    labelled = {name: label or name for name, label in zip(NAMES, LABELS, strict=True)}
    assert ends == Counter(frozenset(labelled[n] for n in pair) for pair in pairs(graph).elements())
    named = {d["properties"].get("name", d["properties"].get("full", [""]))[0]: d for d in data}
    assert named["Test Person One"]["properties"]["phone"] == [HOLDER_PHONE]
    line = named["SL001"]["properties"]
    assert "phone" not in line  # drama-range mobiles: refused by FtM's phone type ...
    assert "+447700900001, +447700900002" in line["description"][0]  # ... kept in words
    assert named["TE57 VRM"]["properties"]["registrationNumber"] == ["TE57 VRM"]
    tip = next(d for d in data if "IR1" in " ".join(d["properties"].get("description", [])))
    assert tip["properties"]["role"] == ["comms, intelligence"]
    assert "graded 1A P" in tip["properties"]["summary"][0]
    assert tip["properties"]["startDate"] == ["2026-03-02T09:30:00"]
    ranked = [
        d for d in data if "key player 1 of G01" in " ".join(d["properties"].get("summary", []))
    ]
    assert [d["schema"] for d in ranked] == ["Membership"]
