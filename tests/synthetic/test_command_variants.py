"""Who directs a line (command.py): each of variants.py's command knobs shows in the bundle's
comms and in truth.json as it says, and the baseline keeps its one shape."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

from stronghold.synthetic.bundle import write_bundle
from stronghold.synthetic.variants import VARIANTS, WorldDraw, draw_world
from stronghold.synthetic.world import build_world

SEED, DAYS = 4, 7
Contacts = dict[str, set[str]]


class Bundle:
    """A tiny world's truth and who was in contact (a call or a text) with whom."""

    def __init__(self, folder: Path) -> None:
        self.truth: dict[str, Any] = json.loads((folder / "truth.json").read_text())
        columns = {"a_number": pa.string(), "b_number": pa.string(), "kind": pa.string()}
        options = pacsv.ConvertOptions(column_types=columns, include_columns=list(columns))
        comms = pacsv.read_csv(folder / "comms.csv", convert_options=options).to_pydict()
        self.contacts: Contacts = defaultdict(set)
        for a, b, kind in zip(comms["a_number"], comms["b_number"], comms["kind"], strict=True):
            if kind in ("call", "sms"):
                self.contacts[a].add(b)
                self.contacts[b].add(a)
        self.seen = set(comms["a_number"]) | set(comms["b_number"])

    def ocg(self, ocg_id: str) -> dict[str, Any]:
        return next(o for o in self.truth["ocgs"] if o["ocg_id"] == ocg_id)

    def talk(self, numbers: list[str], others: list[str]) -> bool:
        return any(self.contacts[n] & set(others) for n in numbers)

    def work_phones(self, line_id: str) -> list[str]:
        return [r["numbers"][0] for r in self.truth["runners"] if r["line_id"] == line_id]


_built: dict[WorldDraw, Bundle] = {}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A tiny bundle for a draw of the command knobs, built once per draw."""

    def build(**knobs: Any) -> Bundle:
        draw = WorldDraw(variant="test", **knobs)
        if draw not in _built:
            folder = tmp_path_factory.mktemp("command")
            write_bundle(build_world(SEED, "tiny", days=DAYS, draw=draw), folder)
            _built[draw] = Bundle(folder)
        return _built[draw]

    return build


def test_baseline_leaders_hold_the_lines_on_their_own_phones(bundle: Any) -> None:
    world = bundle()
    for line in world.truth["lines"]:
        ocg = world.ocg(line["ocg_id"])
        assert set(line["holder_person_ids"]) <= set(ocg["leader_person_ids"])
        assert len(line["holder_numbers"]) == 1
        assert set(line["holder_numbers"]) <= set(ocg["leader_numbers"])
        assert world.talk(line["holder_numbers"], line["controller_numbers"])
        assert not world.talk(line["holder_numbers"], world.work_phones(line["line_id"]))
    assert all("go_between_person_ids" not in o for o in world.truth["ocgs"])


def test_holders_below_leaders_are_members_whom_the_leaders_ring(bundle: Any) -> None:
    world = bundle(holder_is_leader=0.0, leader_talks_to="holders")
    for line in world.truth["lines"]:
        ocg = world.ocg(line["ocg_id"])
        assert not set(line["holder_person_ids"]) & set(ocg["leader_person_ids"])
        assert set(line["holder_person_ids"]) <= set(ocg["member_person_ids"])
        assert not set(line["holder_numbers"]) & set(ocg["leader_numbers"])
        assert world.talk(ocg["leader_numbers"], line["holder_numbers"])
        assert world.talk(line["holder_numbers"], line["controller_numbers"])


def test_leaders_can_talk_to_the_controllers_directly(bundle: Any) -> None:
    world = bundle(holder_is_leader=0.0, leader_talks_to="controllers")
    for line in world.truth["lines"]:
        leaders = world.ocg(line["ocg_id"])["leader_numbers"]
        assert world.talk(leaders, line["controller_numbers"])
        assert not world.talk(leaders, line["holder_numbers"])


def test_a_go_between_stands_between_leaders_and_holders(bundle: Any) -> None:
    world = bundle(holder_is_leader=0.0, leader_talks_to="go_between")
    people = {r["person_id"]: r for r in world.truth["runners"]}
    for ocg in world.truth["ocgs"]:
        (go_between,) = ocg["go_between_person_ids"]
        assert go_between in ocg["member_person_ids"]
        assert go_between not in ocg["leader_person_ids"] and go_between not in people
    for line in world.truth["lines"]:
        leaders = world.ocg(line["ocg_id"])["leader_numbers"]
        assert not world.talk(leaders, line["holder_numbers"])  # never directly
        # the go-between's phone is the one number in contact with both
        between = set.union(*(world.contacts[n] for n in leaders)) & set.union(
            *(world.contacts[n] for n in line["holder_numbers"])
        )
        assert between - set(line["controller_numbers"])


def test_two_phone_holders_run_the_line_from_the_second(bundle: Any) -> None:
    world = bundle(holder_phones=2)
    for line in world.truth["lines"]:
        personal, business = line["holder_numbers"]
        assert personal != business and {personal, business} <= world.seen
        assert world.talk([business], line["controller_numbers"])
        assert not world.talk([personal], line["controller_numbers"])
        assert business in world.ocg(line["ocg_id"])["leader_numbers"]  # a leader holds it


def test_holders_who_call_runners_reach_the_runners_on_duty(bundle: Any) -> None:
    world = bundle(holder_calls_runners=0.5)
    for line in world.truth["lines"]:
        assert world.talk(line["holder_numbers"], world.work_phones(line["line_id"]))
        assert world.talk(line["holder_numbers"], line["controller_numbers"])


def test_a_shared_controller_manages_runners_of_two_groups(bundle: Any) -> None:
    world = bundle(shared_controller=True, groups_per_hub=2)
    ocgs_of: dict[str, set[str]] = defaultdict(set)
    for line in world.truth["lines"]:
        for number in line["controller_numbers"]:
            ocgs_of[number].add(line["ocg_id"])
    (shared,) = [n for n, ocgs in ocgs_of.items() if len(ocgs) > 1]
    lines = [line for line in world.truth["lines"] if shared in line["controller_numbers"]]
    assert len({line["ocg_id"] for line in lines}) == 2
    for line in lines:
        assert world.talk([shared], world.work_phones(line["line_id"]))


def test_several_groups_share_the_first_hub() -> None:
    world = build_world(SEED, "small", days=3, draw=WorldDraw(variant="test", groups_per_hub=3))
    hubs = [world.towns[g.hub].name for g in world.groups if not g.local]
    assert hubs == ["Lambeth", "Lambeth", "Lambeth", "Birmingham"]
    baseline = build_world(SEED, "small", days=3)
    assert [baseline.towns[g.hub].name for g in baseline.groups if not g.local] == [
        "Lambeth",
        "Birmingham",
    ]


def test_rival_share_is_drawn_from_the_lines_already_in_town() -> None:
    """A second line into the one county town takes `rival_share` of its customers from the
    first, on top of those both happen to pick (a small town has few drug-dependent people)."""

    def overlap(share: float) -> float:
        draw = WorldDraw(variant="test", rival_share=share)
        first, second = build_world(SEED, "tiny", days=3, draw=draw).lines
        taken = len(set(second.customers.tolist()) & set(first.customers.tolist()))
        return taken / len(second.customers)

    by_chance, rivals = overlap(0.0), overlap(0.4)
    assert rivals >= 0.4
    assert rivals > by_chance + 0.2


def test_holder_is_leader_is_a_share_of_lines() -> None:
    draw = WorldDraw(variant="test", holder_is_leader=0.5)
    world = build_world(SEED, "small", days=3, draw=draw)
    led = [line.holder in world.groups[line.group].leaders for line in world.lines]
    assert any(led) and not all(led)
    for line, by_leader in zip(world.lines, led, strict=True):
        assert (line.command.boss < 0) == by_leader


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_variant_builds_a_tiny_world(variant: str) -> None:
    world = build_world(1, "tiny", days=3, variant=variant)
    assert world.draw == draw_world(1, variant)
    assert all(line.command.holder_phones for line in world.lines)
