"""Each line as an entity: its customer base, daily activity and confirmed transactions.

Confirmed transactions follow the rule used in UK courts: a customer contacts the line and is
called back within a short window by the line or one of its runners, to arrange the meeting.
Quantity estimates are contested, so the count is kept conservative and its assumptions
travel with it (`TRANSACTION_ASSUMPTIONS`):

- a runner is a number that called back at least 3 of the line's callers within the window
  (the "regular" of the features); the line's own numbers count only when they ring back,
  because a text from the line may be its "line is open" broadcast;
- contacts from one customer less than a window apart are one order (customers chase);
- an order is confirmed when a runner contacts, or the line calls, that customer within the
  window after it; one confirmed order is one deal, of unknown quantity.

Steps read `contacts`, `all_contacts`, `pairs`, `totals` and `regular_callers_back` from
the features, and
`line_numbers` (number, line_id), the lines grouped by their handovers.
"""

from __future__ import annotations

from stronghold.engine.pipeline import Step

__all__ = ["TRANSACTION_ASSUMPTIONS", "line_numbers_sql", "line_steps"]

TRANSACTION_ASSUMPTIONS = (
    "an order is a customer's contact with the line more than {w} minutes after that "
    "customer's previous one; it is confirmed when one of the line's runners (numbers that "
    "called back at least {r} of its callers within {w} minutes) contacts the customer, or "
    "the line itself calls them, within {w} minutes; one confirmed order counts as one deal "
    "of unknown quantity; orders arranged face to face or by other phones are not counted, "
    "so the figure is a floor"
)


def line_numbers_sql(line_of: dict[str, str]) -> str:
    """A query giving (number, line_id) for each deal-line number."""
    from stronghold.sql_text import text

    if not line_of:
        return "select cast(null as varchar) as number, cast(null as varchar) as line_id limit 0"
    values = ", ".join(f"({text(n)}, {text(line)})" for n, line in line_of.items())
    return f"select * from (values {values}) as t(number, line_id)"


def line_steps(line_of: dict[str, str], window_minutes: int) -> list[Step]:
    """Steps ending in `line_summary`: one row per line."""
    w = window_minutes
    return [
        Step("line_numbers", line_numbers_sql(line_of)),
        Step(
            "line_inbound",
            "select l.line_id, c.other as customer, c.start_time from contacts c "
            "join line_numbers l on l.number = c.number where c.direction = 'in' "
            "and c.other is not null",
        ),
        Step(
            "line_runners",
            "select distinct l.line_id, r.called_back_by as number from regular_callers_back r "
            "join line_numbers l on l.number = r.number "
            "where r.called_back_by not in (select number from line_numbers)",
        ),
        Step(
            "line_runner_events",
            # every event of the lines' possible runners, read once here and by the runner,
            # premises and controller analyses after
            "select r.line_id, c.number, c.other, c.direction, c.kind, c.start_time, c.cell "
            "from line_runners r join all_contacts c on c.number = r.number",
        ),
        Step(
            "orders",
            f"select line_id, customer, start_time from (select line_id, customer, start_time, "
            f"lag(start_time) over (partition by line_id, customer order by start_time) "
            f"as previous from line_inbound) o where previous is null "
            f"or start_time > previous + interval {w} minute",
        ),
        Step(
            "answers",
            # the line's runners, any contact; the line's own numbers, calls only
            "select line_id, other as customer, start_time from line_runner_events "
            "where direction = 'out' union all "
            "select l.line_id, c.other as customer, c.start_time from contacts c "
            "join line_numbers l on l.number = c.number where c.direction = 'out' "
            "and c.kind = 'call'",
        ),
        Step(
            "confirmed",
            f"select distinct o.line_id, o.customer, o.start_time from orders o "
            f"join answers a on a.line_id = o.line_id and a.customer = o.customer "
            f"and a.start_time > o.start_time "
            f"and a.start_time <= o.start_time + interval {w} minute",
        ),
        Step(
            "line_summary",
            "select l.line_id, count(distinct l.number) as numbers, "
            "min(d.first_seen) as first_seen, max(d.last_seen) as last_seen, "
            "max(c.customers) as customers, max(k.texted) as texted, "
            "max(o.orders) as orders, max(o.order_days) as order_days, "
            "coalesce(max(x.confirmed), 0) as confirmed, max(r.runners) as runners "
            "from line_numbers l join totals d on d.number = l.number "
            "left join (select line_id, count(distinct customer) as customers "
            "from line_inbound group by line_id) c on c.line_id = l.line_id "
            "left join (select n.line_id, count(distinct p.other) as texted from pairs p "
            "join line_numbers n on n.number = p.number where p.first_text_out is not null "
            "group by n.line_id) k on k.line_id = l.line_id "
            "left join (select line_id, count(*) as orders, "
            "count(distinct cast(start_time as date)) as order_days from orders "
            "group by line_id) o on o.line_id = l.line_id "
            "left join (select line_id, count(*) as confirmed from confirmed group by line_id) x "
            "on x.line_id = l.line_id "
            "left join (select line_id, count(*) as runners from line_runners group by line_id) r "
            "on r.line_id = l.line_id group by l.line_id",
        ),
    ]
