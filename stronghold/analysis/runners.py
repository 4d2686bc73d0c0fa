"""Runners: the phones that serve a line's customers in the county.

The holder passes each order on to a runner on shift, who rings the customer back within
minutes to meet. So a runner's phone (1) calls back several of the line's callers soon after
they contacted the line (the "regular" of the features), (2) is contacted by the line itself
(orders passed on), and (3) is not on the line's customer list (it is not sent the "line is
open" texts). A taxi driver or a courier may ring a line's customers now and then, and a
club organiser may ring back members who are also customers, but none is sent orders by the
line; a customer who is rung back by friends is on the list.

The score is the mean of three shares, each in [0, 1]: customers served (callers it called
back, 10 or more counting fully), orders passed on (contacts from the line, 10 or more
counting fully) and 1 minus the share of the line's broadcasts it received. Steps read the
feature steps and `line_numbers`, `line_inbound` and `line_runners` from the line steps.
"""

from __future__ import annotations

from dataclasses import dataclass

from stronghold.analysis.features import FeatureSettings
from stronghold.engine.pipeline import Step

__all__ = ["RunnerSettings", "runner_steps"]


@dataclass(frozen=True)
class RunnerSettings:
    full_at: int = 10  # customers served or orders passed on: this many count fully
    on_the_list: float = 0.5  # sent at least this share of the line's broadcasts: a customer
    threshold: float = 0.6  # a score at or above this is reported


def runner_steps(
    settings: RunnerSettings | None = None, features: FeatureSettings | None = None
) -> list[Step]:
    """Steps `runners` (one row per (line, number) judged to run for the line) and
    `runner_events` (their phones' events, per line)."""
    s = settings or RunnerSettings()
    window = 60 * (features or FeatureSettings()).burst_minutes
    slot = f"cast(floor(epoch(c.start_time) / {window}) as bigint) * {window}"
    return [
        Step(
            "line_broadcast_windows",
            "select l.line_id, b.number, b.window_start from bursts b "
            "join line_numbers l on l.number = b.number",
        ),
        Step(
            "broadcast_reach",
            # how many of the line's broadcasts each number was sent
            f"select w.line_id, c.other as number, count(distinct w.window_start) as sent "
            f"from contacts c join line_broadcast_windows w on w.number = c.number "
            f"and w.window_start = {slot} where c.direction = 'out' and c.kind = 'sms' "
            f"and c.other in (select number from line_runners) group by w.line_id, c.other",
        ),
        Step(
            "runner_evidence",
            "select r.line_id, r.number, count(distinct p.caller) as served, "
            "max(k.callers) as callers from line_runners r "
            "join line_numbers l on l.line_id = r.line_id "
            "join callback_pairs p on p.number = l.number and p.called_back_by = r.number "
            "join (select line_id, count(distinct customer) as callers from line_inbound "
            "group by line_id) k on k.line_id = r.line_id group by r.line_id, r.number",
        ),
        Step(
            "runners",
            f"select * from (select *, round((least(served / {s.full_at}, 1.0) + "
            f"least(passed_on / {s.full_at}, 1.0) + 1 - on_list) / 3, 3) as score from ("
            f"select e.line_id, e.number, e.served, e.callers, "
            f"coalesce(o.passed_on, 0) as passed_on, "
            f"round(coalesce(b.sent, 0) / greatest(w.windows, 1), 3) as on_list, "
            f"w.windows as broadcasts from runner_evidence e "
            f"join (select line_id, count(*) as windows from line_broadcast_windows "
            f"group by line_id) w on w.line_id = e.line_id "
            f"left join broadcast_reach b on b.line_id = e.line_id and b.number = e.number "
            f"left join (select l.line_id, c.other as number, count(*) as passed_on "
            f"from contacts c join line_numbers l on l.number = c.number "
            f"where c.direction = 'out' group by l.line_id, c.other) o "
            f"on o.line_id = e.line_id and o.number = e.number) x "
            f"where passed_on > 0 and on_list < {s.on_the_list}) y "
            f"where score >= {s.threshold}",
        ),
        Step(
            "runner_events",
            # every event of the runners' phones, read once for the analyses that follow
            "select c.line_id, c.number, c.other, c.direction, c.start_time, c.cell "
            "from line_runner_events c join runners r on r.line_id = c.line_id "
            "and r.number = c.number",
        ),
    ]
