"""Ground truth (`truth.json`): what the world really holds, for measuring detection."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from stronghold.synthetic.people import DRUGS, LEARNING, MENTAL

if TYPE_CHECKING:
    from stronghold.synthetic.world import World

__all__ = ["build_truth", "iso"]


def iso(instant: int) -> str:
    return datetime.fromtimestamp(int(instant), tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def build_truth(
    world: World, listed: set[int] | None = None, on_record: set[str] | None = None
) -> dict[str, Any]:
    """The truth of `world` in the contract's shape (plus a few optional fields).

    `listed`: the people whose nominal record lists a number; `on_record`: the numbers the
    records list. A runner whose work phone no record lists and who was never reported
    missing is marked `"named_by_records": false`, as is a child who buys from a line and has
    no number on record: nothing in the bundle ties them to the number that works or buys.
    """
    listed = set(range(len(world.population))) if listed is None else listed
    missing = {row["person_id"] for _, row in world.records.missing}
    number = world.phones.number
    pid = world.person_ids
    personal = world.personal_phone
    lines, handovers, runners, customers = [], [], [], []
    changed = {c.person: c for c in world.changed_numbers}  # churn.py: lawful number changes
    exploited: list[dict[str, Any]] = []
    for line in world.lines:
        group = world.groups[line.group]
        lines.append(
            {
                "line_id": line.line_id,
                "name": line.brand,
                "hub": world.towns[line.hub].name,
                "county_town": world.towns[line.county].name,
                "ocg_id": group.ocg_id,
                "numbers": [
                    {"number": number[n], "from": iso(a), "to": iso(b)}
                    for n, a, b in zip(line.numbers, line.number_from, line.number_to, strict=True)
                ],
                "holder_person_ids": [pid[line.holder]],
                "holder_numbers": [number[h] for h in line.command.holder_phones],
                "controller_numbers": [number[c] for c in line.command.controller_phones],
                "runner_person_ids": [pid[r] for r in line.runners],
            }
        )
        for old, new, at, reason in zip(
            line.numbers,
            line.numbers[1:],
            line.number_from[1:],
            line.handover_reasons,
            strict=False,
        ):
            handovers.append(
                {
                    "line_id": line.line_id,
                    "old_number": number[old],
                    "new_number": number[new],
                    "at": iso(at),
                    "reason": reason,
                    "same_handset": bool(world.phones.handset[old] == world.phones.handset[new]),
                }
            )
        for runner, work_phone in zip(line.runners, line.runner_phones, strict=True):
            age = int(world.population.age[runner])
            vulnerable = bool(world.population.flags[runner] & (LEARNING | MENTAL | DRUGS))
            local = runner in line.local_runners
            is_exploited = age < 18 or vulnerable or local
            runners.append(
                {
                    "person_id": pid[runner],
                    "numbers": [number[work_phone], number[personal[runner]]],
                    "line_id": line.line_id,
                    "age": age,
                    "exploited": is_exploited,
                    "travels": not local,
                }
            )
            if is_exploited:
                reason = (
                    "child criminal exploitation: runs drugs for the line"
                    if age < 18
                    else "adult criminal exploitation: runs drugs for the line"
                )
                exploited.append(
                    {
                        "person_id": pid[runner],
                        "line_id": line.line_id,
                        "reason": reason,
                        # a record ties the phone they work to them, or they were reported
                        # missing (and may be found where the line deals)
                        "named_by_records": on_record is None
                        or number[work_phone] in on_record
                        or pid[runner] in missing,
                    }
                )
        for customer in line.customers.tolist():
            customers.append({"number": number[personal[customer]], "line_id": line.line_id})
            if customer in changed:  # the customer's new number buys too
                customers.append({"number": number[changed[customer].new], "line_id": line.line_id})
            if world.population.age[customer] < 18:
                exploited.append(
                    {
                        "person_id": pid[customer],
                        "line_id": line.line_id,
                        "reason": "child buying drugs from the line",
                        "named_by_records": customer in listed,
                    }
                )
    cuckooed = []
    for cuckoo in world.cuckoos:
        line_id = world.lines[cuckoo.line].line_id
        cuckooed.append(
            {
                "address_id": world.addresses.address_id[cuckoo.address],
                "line_id": line_id,
                "from": iso(cuckoo.start),
                "to": iso(cuckoo.end),
                "resident_person_id": pid[cuckoo.resident],
            }
        )
        exploited.append(
            {
                "person_id": pid[cuckoo.resident],
                "line_id": line_id,
                "reason": "cuckooing: home taken over by the line",
            }
        )
    ocgs = []
    for g in world.groups:
        kept = {  # business phones of lines a leader holds (command.py)
            p
            for line in world.lines
            if line.holder in g.leaders
            for p in line.command.holder_phones
        }
        ocg: dict[str, Any] = {
            "ocg_id": g.ocg_id,
            "hub": world.towns[g.hub].name,
            "local": g.local,
            "member_person_ids": [pid[m] for m in sorted({*g.leaders, *g.members})],
            "leader_person_ids": [pid[m] for m in g.leaders],
            "leader_numbers": [number[personal[m]] for m in g.leaders]
            + [number[p] for p in sorted(kept - {int(personal[m]) for m in g.leaders})],
            "leader_phones": _unique(  # whose each of those numbers is
                [{"person_id": pid[m], "number": number[personal[m]]} for m in g.leaders]
                + [
                    {"person_id": pid[line.holder], "number": number[p]}
                    for line in world.lines
                    if line.holder in g.leaders
                    for p in line.command.holder_phones
                ]
            ),
        }
        if g.go_between >= 0:  # the member the leaders talk to instead of the holders
            ocg["go_between_person_ids"] = [pid[g.go_between]]
        ocgs.append(ocg)
    confounders = [
        {
            "number": number[n],
            "kind": b.kind
            if n == b.number
            else ("taxi_driver" if b.kind == "taxi_firm" else b.kind),
        }
        for b in world.businesses
        for n in b.numbers
    ]
    confounders += [{"number": number[c.phone], "kind": "courier"} for c in world.couriers]
    confounders += [{"number": number[personal[c]], "kind": "commuter"} for c in world.commuters]
    truth: dict[str, Any] = {
        "world": {
            "seed": world.seed,
            "scale": world.scale.name,
            "days": world.calendar.days,
            "start": world.calendar.start.isoformat(),
            "period": [iso(world.calendar.first_instant), iso(world.calendar.last_instant)],
            "variant": world.draw.variant,
            "drawn": world.draw.as_dict(),
        },
        "lines": lines,
        "handovers": handovers,
        "runners": runners,
        "cuckooed_addresses": cuckooed,
        "exploited_people": _unique(exploited),
        "ocgs": ocgs,
        "customers": customers,
        "confounders": confounders,
    }
    if changed:  # optional: ordinary people who changed number (neither lines nor handovers)
        truth["changed_numbers"] = [
            {
                "person_id": pid[c.person],
                "old": number[c.old],
                "new": number[c.new],
                "at": iso(c.at),
            }
            for c in world.changed_numbers
        ]
    # optional: every number that is not a person (services.py), never a contact or a tie
    truth["services"] = world.services.truth(number, world.draw.data_sessions_per_day > 0)
    return truth


def _unique(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[tuple[Any, ...]] = set()
    kept = []
    for row in rows:
        key = tuple(sorted(row.items()))
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept
