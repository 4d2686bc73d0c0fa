"""Holders and controllers: the numbers that direct a line.

Controllers manage the runners on shift: they text and ring them every day, and the runners
check in with them on the way out and back. So a controller is a number in contact with at
least two of a line's runners, often, that is neither the line, a runner, nor one of the
line's customers (customers contact the line; controllers keep away from it). The holder
directs the controllers: a number in contact with at least two of the line's controllers
(or its only one) that is none of those. Both are ranked by how much of the line's
management passes through them; the person is named where a record gives the number.

Steps read `runners`, `runner_events`, `line_numbers`, `line_inbound` and `all_contacts`.
"""

from __future__ import annotations

from dataclasses import dataclass

from stronghold.engine.pipeline import Step

__all__ = ["ControllerSettings", "controller_steps"]


@dataclass(frozen=True)
class ControllerSettings:
    min_runners: int = 2  # a controller is in contact with at least this many runners
    min_contacts: int = 20  # ... this often in all
    full_at: int = 200  # contacts: this many count fully in the score


def controller_steps(settings: ControllerSettings | None = None) -> list[Step]:
    """Steps `controllers` (one row per (line, number)) and the evidence about who holds
    each line: `holder_candidates`, `holder_evidence`, `holder_colocation`, `line_days`."""
    s = settings or ControllerSettings()
    not_the_line = (
        "x.number not in (select number from line_numbers) "
        "and x.number not in (select number from runners) "
        "and x.number not in (select customer from line_inbound where line_id = x.line_id)"
    )
    return [
        Step(
            "runner_contacts",
            f"select * from (select line_id, other as number, count(distinct number) "
            f"as runners_contacted, count(*) as contacts from runner_events "
            f"where other is not null group by line_id, other) x where {not_the_line}",
        ),
        Step(
            "controllers",
            f"select x.*, k.runners as line_runners, round(0.5 * x.runners_contacted / "
            f"k.runners + 0.5 * least(x.contacts / {s.full_at}, 1.0), 3) as score "
            f"from runner_contacts x join (select line_id, count(distinct number) as runners "
            f"from runners group by line_id) k on k.line_id = x.line_id "
            f"where x.runners_contacted >= least({s.min_runners}, k.runners) "
            f"and x.contacts >= {s.min_contacts}",
        ),
        Step(
            # who might hold the line: its controllers, and the numbers in touch with them
            # (holder_decisions.py picks one)
            "holder_candidates",
            f"select line_id, number from controllers union "
            f"select x.line_id, x.number from (select d.line_id, c.other as number, "
            f"count(distinct d.number) as controllers_contacted, count(*) as contacts "
            f"from controllers d join all_contacts c on c.number = d.number "
            f"where c.other is not null and c.other <> d.number "
            f"group by d.line_id, c.other) x "
            f"join (select line_id, count(*) as controllers from controllers "
            f"group by line_id) k on k.line_id = x.line_id "
            f"where {not_the_line} and x.controllers_contacted >= least(2, k.controllers) "
            f"and x.contacts >= {s.min_contacts}",
        ),
        Step(
            "holder_evidence",
            # each candidate's contacts with the line's other controllers and its runners
            "select h.line_id, h.number, "
            "count(distinct case when d.number is not null then c.other end) "
            "as controllers_contacted, count(d.number) as controller_contacts, "
            "count(distinct case when r.number is not null then c.other end) "
            "as runners_contacted, count(r.number) as runner_contacts "
            "from holder_candidates h join all_contacts c on c.number = h.number "
            "left join controllers d on d.line_id = h.line_id and d.number = c.other "
            "and d.number <> h.number "
            "left join runners r on r.line_id = h.line_id and r.number = c.other "
            "where c.other is not null group by h.line_id, h.number",
        ),
        Step(
            "command_sightings",
            # where the candidates and the lines' phones were, hour by hour
            "select distinct number, cell, cast(floor(epoch(start_time) / 3600) as bigint) "
            "as slot from all_contacts where cell is not null and number in "
            "(select number from holder_candidates union select number from line_numbers)",
        ),
        Step(
            "holder_colocation",
            # days on which a candidate was on the same cell, in the same hour, as the line
            "select h.line_id, h.number, count(distinct cast(floor(x.slot / 24) as bigint)) "
            "as colocated_days from holder_candidates h "
            "join command_sightings x on x.number = h.number "
            "join line_numbers l on l.line_id = h.line_id "
            "join command_sightings y on y.number = l.number and y.cell = x.cell "
            "and y.slot = x.slot group by h.line_id, h.number",
        ),
        Step(
            "line_days",
            "select l.line_id, count(distinct c.day) as days, "
            "count(c.cell) as located from line_numbers l "
            "join contacts c on c.number = l.number group by l.line_id",
        ),
    ]
