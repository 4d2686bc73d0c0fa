"""Replacement phones: when a phone goes quiet and another starts, does the new one carry on
the old one's contacts? Subjects drop phones, and a deal line moves to a new number after a
seizure or as routine; either way the people at the other end stay the same.

For each subject (a phone that went quiet before the end of the data) the candidates are the
numbers first seen around the time it went quiet; each is scored by the overlap of the two
contact sets (Ochiai: shared / sqrt(old x new), 1 when the sets are the same, whatever their
sizes), raised when both used the same handset (IMEI): the remaining doubt is halved.
A group that changes phones together loses its contacts with each other, so a second round
counts the quiet phone's contacts that were themselves replaced (first round) as their
replacements. Written in DuckDB's dialect over the feature steps `contacts`, `daily` and
`pairs`, so both engines give the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from stronghold.engine.pipeline import Step

__all__ = ["ReplacementSettings", "replacement_evidence", "replacement_steps"]


@dataclass(frozen=True)
class ReplacementSettings:
    quiet_days: int = 1  # no contact made for this long before the data ends: it went quiet
    lead_days: int = 3  # the new phone may start this long before the old one's last contact
    gap_days: int = 7  # ... or up to this long after it
    min_shared: int = 3  # fewer shared contacts than this is no evidence
    candidates: int = 3  # the best few per quiet phone are kept, ranked
    busy_share: float = 0.4  # a busy day: at least this share of its mean contacts a day
    replaces_at: float = 0.5  # a score at or above this: it carries on the old phone's contacts


def replacement_steps(
    subjects: str,
    settings: ReplacementSettings | None = None,
    newcomers: str = "select number from totals",
) -> list[Step]:
    """Steps ending in `replacements`: one row per (old_number, new_number) candidate, ranked
    per old number. `subjects` is a query giving a `number` column (the phones of interest);
    `newcomers` one with the numbers that may replace them (default: any number)."""
    s = settings or ReplacementSettings()
    return [
        Step(
            "activity",
            # busy days: at least a share of the number's mean contacts per active day. A
            # phone is in use from its first busy day to its last; a dropped phone may still
            # be rung, or pass to someone else who uses it a little
            f"select d.number, min(d.day) as first_busy_day, max(d.day) as last_busy_day "
            f"from (select number, day, out_contacts + in_contacts as n from daily "
            f"where number in ({subjects}) or number in ({newcomers})) d "
            f"join (select number, avg(out_contacts + in_contacts) as mean from daily "
            f"where number in ({subjects}) or number in ({newcomers}) group by number) m "
            f"on m.number = d.number where d.n >= {s.busy_share} * m.mean group by d.number",
        ),
        Step(
            "in_use",
            # when each was in use: its first contact on its first busy day, and its last
            # made contact (or last contact, if it made none) on its last busy day
            "select a.number, min(c.start_time) filter (where c.day = a.first_busy_day) "
            "as first_used, coalesce(max(c.start_time) filter (where c.day = "
            "a.last_busy_day and c.direction = 'out'), max(c.start_time) filter (where "
            "c.day = a.last_busy_day)) as last_used, a.last_busy_day "
            "from activity a join contacts c on c.number = a.number "
            "where c.day in (a.first_busy_day, a.last_busy_day) group by a.number, "
            "a.first_busy_day, a.last_busy_day",
        ),
        Step(
            "quiet_phones",
            # quiet: no busy day for days before the data ends
            f"select u.number, u.first_used, u.last_used, k.contacts from in_use u "
            f"join (select number, count(*) as contacts from pairs where number in "
            f"({subjects}) group by number) k on k.number = u.number "
            f"where u.last_busy_day < (select cast(last_seen as date) from period) "
            f"- interval {s.quiet_days} day",
        ),
        Step(
            "starters",
            # numbers coming into use near a quiet phone's last use: possible replacements
            f"select u.number, u.first_used, q.number as old_number "
            f"from in_use u join quiet_phones q on u.first_used > q.first_used "
            f"and u.first_used >= q.last_used - interval {s.lead_days} day "
            f"and u.first_used <= q.last_used + interval {s.gap_days} day "
            f"and u.number <> q.number where u.number in ({newcomers})",
        ),
        Step(
            "starter_handsets",
            "select o.number as old_number, n.number as new_number, min(o.imei) as imei "
            "from (select distinct number, imei from contacts where imei is not null and "
            "number in (select number from quiet_phones)) o "
            "join (select distinct number, imei from contacts where imei is not null and "
            "number in (select number from starters)) n on n.imei = o.imei "
            "join starters st on st.old_number = o.number and st.number = n.number "
            "group by o.number, n.number",
        ),
        *_scored("first_round", "pairs", s),
        Step(
            "carried_on",
            # contacts that were themselves replaced count as their replacements: a group
            # that changes phones together keeps its contacts with each other
            f"select p.number, coalesce(r.new_number, p.other) as other from pairs p "
            f"left join first_round r on r.old_number = p.other and r.rank = 1 "
            f"and r.score >= {s.replaces_at} "
            f"where p.number in (select number from quiet_phones)",
        ),
        *_scored("replacements", "carried_on", s),
    ]


def _scored(name: str, old_pairs: str, s: ReplacementSettings) -> list[Step]:
    """Candidates scored by the contacts they share with the quiet phone (its contacts as
    `old_pairs` gives them), ranked per quiet phone: of those that carry on its contacts,
    the first to come into use; then the rest by score."""
    return [
        Step(
            f"{name}_shared",
            f"select st.old_number, st.number as new_number, count(distinct pn.other) as shared "
            f"from starters st join pairs pn on pn.number = st.number "
            f"join {old_pairs} po on po.number = st.old_number and po.other = pn.other "
            f"where pn.other <> st.old_number group by st.old_number, st.number "
            f"having count(distinct pn.other) >= {s.min_shared}",
        ),
        Step(
            name,
            f"select * from (select *, row_number() over (partition by old_number "
            f"order by score >= {s.replaces_at} desc, abs(gap_s), score desc, new_number) "
            f"as rank from ("
            f"select c.old_number, c.new_number, c.shared, q.contacts as old_contacts, "
            f"k.contacts as new_contacts, q.last_used as old_last_used, "
            f"st.first_used as new_first_used, "
            f"epoch(st.first_used) - epoch(q.last_used) as gap_s, h.imei as same_handset, "
            f"round(c.shared / sqrt(q.contacts * k.contacts), 3) as overlap, "
            f"round(case when h.imei is null then c.shared / sqrt(q.contacts * k.contacts) "
            f"else 0.5 + 0.5 * c.shared / sqrt(q.contacts * k.contacts) end, 3) as score, "
            f"p.number is not null as in_touch "
            f"from {name}_shared c join quiet_phones q on q.number = c.old_number "
            f"join starters st on st.number = c.new_number and st.old_number = c.old_number "
            f"join (select number, count(*) as contacts from pairs where number in "
            f"(select number from starters) group by number) k on k.number = c.new_number "
            f"left join starter_handsets h on h.old_number = c.old_number "
            f"and h.new_number = c.new_number "
            f"left join pairs p on p.number = c.old_number and p.other = c.new_number) x) r "
            f"where rank <= {s.candidates}",
        ),
    ]


def replacement_evidence(row: dict[str, Any]) -> str:
    """A replacement (a line's handover, a subject's new phone) in words and figures."""
    gap = int(row["gap_s"])
    when = "before" if gap < 0 else "after"
    handset = (
        f"; both used handset IMEI {row['same_handset']}"
        if row["same_handset"]
        else "; no handset in common"
    )
    touch = "; the two numbers were in contact" if row["in_touch"] else ""
    return (
        f"{row['new_number']} came into use {_span(abs(gap))} {when} {row['old_number']} "
        f"was last used ({_stamp(row['old_last_used'])}); it shares "
        f"{row['shared']} of its {row['new_contacts']} contacts with the old number's "
        f"{row['old_contacts']} (overlap {row['overlap']:.2f}){handset}{touch}"
    )


def _span(seconds: int) -> str:
    if seconds < 3600:
        return f"{seconds // 60} min"
    if seconds < 2 * 86_400:
        return f"{seconds // 3600} h {seconds % 3600 // 60} min"
    return f"{seconds / 86_400:.1f} days"


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")
