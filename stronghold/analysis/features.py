"""Behaviour features per number, from the `comms` view: the raw material of deal-line
detection. Written in DuckDB's dialect and kept portable, so Spark gives the same rows.

A deal line texts its whole customer list at once ("line is open"), day after day; its
customers ring it from many numbers while it rings few; its handsets change when the
number does. Ordinary phones do none of this at scale. Each feature is one of those
signs, worked out per number over the whole period and per day.

Every number's broadcasts are looked for (`bursts`, over the
numbers that sent enough texts); the other features are worked out for the numbers asked
about (`described`): `stronghold analyse` asks about the numbers that broadcast, the only
deal-line candidates, which spares it all but a few passes over the events.
"""

from __future__ import annotations

from dataclasses import dataclass

from stronghold.analysis.services import CONTACT, KINDS_SQL, service_steps
from stronghold.engine.pipeline import Pipeline, Step

__all__ = ["FeatureSettings", "feature_pipeline"]


@dataclass(frozen=True)
class FeatureSettings:
    burst_minutes: int = 10  # a broadcast: one number texting many within this window
    burst_recipients: int = 20  # ... at least this many distinct numbers
    callback_minutes: int = 45  # another number contacting the caller within this time
    regular_callbacks: int = 3  # a number calling back at least this many of them: a regular


def feature_pipeline(
    settings: FeatureSettings | None = None, described: str | None = None
) -> Pipeline:
    """Steps `period` (the events' count, first and last), the view `parties` (every
    number and its last contact), `busy_windows` and `bursts` (broadcast windows),
    `contacts` (one row per party per event, for the numbers `described`: a query giving
    `number`, default every number), `daily`, `totals`, `pairs`, `texted_first`,
    `callback_pairs`, `callbacks`, `orders_called_back` and `features` (one row per
    described number), and the view `all_contacts` (every number's). Describing only the
    numbers that broadcast (the deal-line candidates) spares all but a few passes over the
    events."""
    s = settings or FeatureSettings()
    window = 60 * s.burst_minutes
    slot = f"cast(floor(epoch(start_time) / {window}) as bigint)"
    slot_c = f"cast(floor(epoch(c.start_time) / {window}) as bigint)"
    bucket = f"cast(floor(epoch(start_time) / {60 * s.callback_minutes}) as bigint)"
    bucket_e = f"cast(floor(epoch(e.start_time) / {60 * s.callback_minutes}) as bigint)"
    slot_e = f"cast(floor(epoch(e.start_time) / {window}) as bigint)"
    chosen = described or "select number from parties"
    return Pipeline(
        [
            *service_steps(),
            Step(
                "period",
                "select count(*) as events, min(start_time) as first_seen, "
                "max(start_time) as last_seen from comms",
            ),
            Step(
                # a view: worked out only when read (by the default `described`)
                "parties",
                "select number, max(start_time) as last_seen from ("
                f"select a_number as number, start_time from comms_rows where {CONTACT} "
                "union all "
                f"select b_number as number, start_time from comms_rows where {CONTACT}"
                ") e group by number",
                kept=False,
            ),
            Step(
                "busy_windows",
                # windows in which a number sent enough texts, to anyone: only these can
                # hold a burst, and counting is cheaper than counting distinct recipients
                f"select a_number as number, {slot} as slot from comms_rows "
                f"where kind = 'sms' and {CONTACT} "
                f"group by a_number, {slot} having count(*) >= {s.burst_recipients}",
            ),
            Step(
                "bursts",
                f"select number, cast(min(first_sent) as date) as day, slot * {window} "
                f"as window_start, count(*) as recipients, sum(messages) as messages from ("
                f"select c.a_number as number, w.slot, c.b_number, count(*) as messages, "
                f"min(c.start_time) as first_sent from comms c join busy_windows w "
                f"on w.number = c.a_number and w.slot = {slot_c} where c.kind = 'sms' "
                f"group by c.a_number, w.slot, c.b_number) r "
                f"group by number, slot having count(*) >= {s.burst_recipients}",
            ),
            Step("all_contacts", _contacts(None), kept=False),
            Step("contacts", _contacts(chosen)),
            Step(
                "daily",
                "select number, day, "
                "count(*) filter (where direction = 'out') as out_contacts, "
                "count(*) filter (where direction = 'in') as in_contacts, "
                "sum(texts) as texts_out from (select number, day, direction, other, "
                "count(*) filter (where direction = 'out' and kind = 'sms') as texts "
                "from contacts where other is not null group by number, day, direction, other"
                ") d group by number, day",
            ),
            Step(
                "burst_days",
                "select number, count(distinct day) as burst_days, count(*) as bursts, "
                "max(recipients) as largest_burst, sum(messages) as bulk_messages "
                "from bursts group by number",
            ),
            Step(
                "pairs",
                "select number, other, "
                "min(start_time) filter (where direction = 'out' and kind = 'sms') "
                "as first_text_out, min(start_time) filter (where direction = 'in') "
                "as first_in, min(start_time) filter (where direction = 'out') as first_out "
                "from contacts where other is not null group by number, other",
            ),
            Step(
                "totals",
                "select d.number, d.active_days, p.out_contacts, p.in_contacts, "
                "coalesce(h.handsets, 0) as handsets, coalesce(h.cells, 0) as cells, "
                "d.hours_active, round(d.night_events / d.events, 3) as night_share, "
                "round(1 - (p.out_contacts + p.in_contacts) / greatest(k.contact_days, 1), 3) "
                "as contact_stability, d.first_seen, d.last_seen from (select number, "
                "count(distinct day) as active_days, count(distinct hour(start_time)) "
                "as hours_active, count(*) filter (where hour(start_time) < 6) as night_events, "
                "count(*) as events, min(start_time) as first_seen, max(start_time) as last_seen "
                "from contacts where other is not null group by number) d "
                "join (select number, count(first_out) as out_contacts, "
                "count(first_in) as in_contacts from pairs group by number) p "
                "on p.number = d.number "
                "join (select number, count(*) as contact_days from (select distinct number, "
                "day, direction, other from contacts where other is not null) c "
                "group by number) k "
                "on k.number = d.number "
                "left join (select number, count(distinct imei) as handsets, "
                "count(distinct cell) as cells from contacts group by number) h "
                "on h.number = d.number",
            ),
            Step(
                "texted_first",
                # of the numbers that contacted it, the share it had texted before
                "select number, count(*) as callers, "
                "count(*) filter (where first_text_out < first_in) as callers_texted_first "
                "from pairs where first_in is not null group by number",
            ),
            Step(
                "callback_pairs",
                # someone contacts the number; within minutes another number contacts them.
                # Events are put in buckets as wide as the window, so the join is on equal
                # keys: a callback falls in its contact's bucket or the next one. Callbacks
                # come from any number, described or not, but not as one of its broadcast's
                # texts: a text to many at once arranges no meeting.
                f"select distinct i.number, i.other as caller, i.start_time as called_at, "
                f"o.number as called_back_by "
                f"from (select number, other, start_time, {bucket} as b from contacts "
                f"where direction = 'in' union all "
                f"select number, other, start_time, {bucket} + 1 as b from contacts "
                f"where direction = 'in') i "
                f"join (select e.a_number as number, e.b_number as other, e.start_time, "
                f"{bucket_e} as b from comms_rows e left join bursts x on e.kind = 'sms' "
                f"and x.number = e.a_number and x.window_start = {slot_e} * {window} "
                f"where e.{CONTACT} and x.number is null and e.b_number in "
                f"(select other from contacts where direction = 'in')) o "
                f"on o.other = i.other and o.b = i.b "
                f"and o.number <> i.number and o.start_time > i.start_time "
                f"and o.start_time <= i.start_time + interval {s.callback_minutes} minute",
            ),
            Step(
                "regular_callers_back",
                # numbers that called back several of the number's callers: a runner serves
                # many customers; a friend in common rings back one or two
                f"select number, called_back_by from callback_pairs group by number, "
                f"called_back_by having count(distinct caller) >= {s.regular_callbacks}",
            ),
            Step(
                "orders_called_back",
                # an order: a caller's contact more than the window after their previous
                # one (customers chase); called back when a regular contacts them within the
                # window. The share is each caller's, averaged over its callers: a runner
                # answers every customer's orders; chance calls from friends answer a few
                # sociable callers' often and the rest's seldom. Per order, unlike per caller,
                # it does not creep up the longer a number is watched
                f"select number, cast(sum(orders) as bigint) as orders, "
                f"cast(sum(called_back) as bigint) as orders_called_back, "
                f"round(avg(called_back / orders), 3) as orders_called_back_share from ("
                f"select o.number, o.other, count(*) as orders, count(a.caller) as called_back "
                f"from (select number, other, start_time from (select number, other, "
                f"start_time, lag(start_time) over (partition by number, other "
                f"order by start_time) as previous from contacts where direction = 'in' "
                f"and other is not null) c where previous is null "
                f"or start_time > previous + interval {s.callback_minutes} minute) o "
                f"left join (select distinct p.number, p.caller, p.called_at "
                f"from callback_pairs p join regular_callers_back r on r.number = p.number "
                f"and r.called_back_by = p.called_back_by) a on a.number = o.number "
                f"and a.caller = o.other and a.called_at = o.start_time "
                f"group by o.number, o.other) k group by number",
            ),
            Step(
                "callbacks",
                "select p.number, count(distinct p.caller) as callers_called_back, "
                "count(distinct p.called_back_by) as callback_numbers, "
                "count(distinct case when r.number is not null then p.caller end) "
                "as callers_called_back_by_regulars, "
                "count(distinct r.called_back_by) as regular_callback_numbers "
                "from callback_pairs p left join regular_callers_back r "
                "on r.number = p.number and r.called_back_by = p.called_back_by "
                "group by p.number",
            ),
            Step(
                "features",
                "select t.number, t.active_days, t.out_contacts, t.in_contacts, "
                "round(t.in_contacts / greatest(t.out_contacts, 1), 3) as in_out_ratio, "
                "d.max_out_per_day, round(d.mean_out_per_day, 3) as mean_out_per_day, "
                "coalesce(b.bursts, 0) as bursts, coalesce(b.burst_days, 0) as burst_days, "
                "coalesce(b.largest_burst, 0) as largest_burst, "
                "coalesce(b.bulk_messages, 0) as bulk_messages, t.handsets, t.cells, "
                "t.hours_active, t.night_share, t.contact_stability, "
                "t.first_seen, t.last_seen, coalesce(f.callers, 0) as callers, "
                "round(coalesce(f.callers_texted_first, 0) / greatest(f.callers, 1), 3) "
                "as texted_first_share, coalesce(c.callers_called_back, 0) "
                "as callers_called_back, coalesce(c.callback_numbers, 0) as callback_numbers, "
                "coalesce(c.callers_called_back_by_regulars, 0) "
                "as callers_called_back_by_regulars, "
                "coalesce(c.regular_callback_numbers, 0) as regular_callback_numbers, "
                "coalesce(o.orders, 0) as orders, "
                "coalesce(o.orders_called_back, 0) as orders_called_back, "
                "coalesce(o.orders_called_back_share, 0) as orders_called_back_share "
                "from totals t "
                "join (select number, max(out_contacts) as max_out_per_day, "
                "avg(out_contacts) as mean_out_per_day from daily group by number) d "
                "on d.number = t.number "
                "left join burst_days b on b.number = t.number "
                "left join texted_first f on f.number = t.number "
                "left join callbacks c on c.number = t.number "
                "left join orders_called_back o on o.number = t.number",
            ),
        ]
    )


def _contacts(numbers: str | None) -> str:
    """Each event seen from both ends (outgoing for a, incoming for b), for `numbers` (a
    query) or every number. `other` is the other party only when the row is a contact: a
    data session, a voicemail row or a service's text says where the handset was and when,
    and no more. A service is never a `number` here."""
    a = f" and a_number in ({numbers})" if numbers else ""
    b = f" and b_number in ({numbers})" if numbers else ""
    return (
        f"select a_number as number, case when {CONTACT} then b_number end as other, "
        "'out' as direction, kind, start_time, cast(start_time as date) as day, "
        "a_imei as imei, a_cell as cell "
        f"from comms_rows where a_number_kind = 'e164' and not a_service{a} union all "
        f"select b_number as number, case when {CONTACT} then a_number end as other, "
        "'in' as direction, kind, start_time, cast(start_time as date) as day, "
        "b_imei as imei, b_cell as cell from comms_rows where b_number_kind = 'e164' "
        f"and kind in ({KINDS_SQL}) and not b_service{b}"
    )
