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
    """Steps ending in `controllers` and `holders`: one row per (line, number)."""
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
            "holders",
            f"select x.*, k.controllers as line_controllers, round(0.5 * "
            f"x.controllers_contacted / k.controllers + 0.5 * least(x.contacts / "
            f"{s.full_at}, 1.0), 3) as score from (select d.line_id, c.other as number, "
            f"count(distinct d.number) as controllers_contacted, count(*) as contacts "
            f"from controllers d join all_contacts c on c.number = d.number "
            f"where c.other is not null and c.other not in (select number from controllers "
            f"where line_id = d.line_id) group by d.line_id, c.other) x "
            f"join (select line_id, count(*) as controllers from controllers "
            f"group by line_id) k on k.line_id = x.line_id "
            f"where {not_the_line} and x.controllers_contacted >= least(2, k.controllers) "
            f"and x.contacts >= {s.min_contacts}",
        ),
    ]
