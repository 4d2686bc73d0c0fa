"""Replacement phones: when a phone goes quiet and another starts, does the new one carry on
the old one's contacts? Subjects drop phones, and a deal line moves to a new number after a
seizure or as routine; either way the people at the other end stay the same.

For each subject (a phone that went quiet before the end of the data) the candidates are the
numbers first seen around the time it went quiet; each is scored by the overlap of the two
contact sets (Ochiai: shared / sqrt(old x new), 1 when the sets are the same, whatever their
sizes), raised when both used the same handset (IMEI): the remaining doubt is halved.
Written in DuckDB's dialect over the feature steps `pairs` and `totals` (and `contacts`
for handsets), so both engines give the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from stronghold.engine.pipeline import Step

__all__ = ["ReplacementSettings", "replacement_steps"]


@dataclass(frozen=True)
class ReplacementSettings:
    quiet_days: int = 1  # no contact made for this long before the data ends: it went quiet
    lead_days: int = 3  # the new phone may start this long before the old one's last contact
    gap_days: int = 7  # ... or up to this long after it
    min_shared: int = 3  # fewer shared contacts than this is no evidence
    candidates: int = 3  # the best few per quiet phone are kept, ranked
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
            "quiet_phones",
            # quiet: it has made no contact for days before the data ends (others may still
            # try to reach it: customers ring a seized line's number for a day or two)
            f"select number, min(start_time) as first_seen, max(start_time) "
            f"filter (where direction = 'out') as last_out, count(distinct other) as contacts "
            f"from contacts where number in ({subjects}) group by number "
            f"having max(start_time) filter (where direction = 'out') < "
            f"(select max(last_seen) from totals) - interval {s.quiet_days} day",
        ),
        Step(
            "starters",
            # numbers first seen near a quiet phone's last contact: the possible replacements
            f"select t.number, t.first_seen, t.last_seen, q.number as old_number "
            f"from totals t join quiet_phones q on t.first_seen > q.first_seen "
            f"and t.first_seen >= q.last_out - interval {s.lead_days} day "
            f"and t.first_seen <= q.last_out + interval {s.gap_days} day "
            f"and t.number <> q.number where t.number in ({newcomers})",
        ),
        Step(
            "shared_contacts",
            f"select st.old_number, st.number as new_number, count(*) as shared "
            f"from starters st join pairs pn on pn.number = st.number "
            f"join pairs po on po.number = st.old_number and po.other = pn.other "
            f"where pn.other <> st.old_number group by st.old_number, st.number "
            f"having count(*) >= {s.min_shared}",
        ),
        Step(
            "shared_handsets",
            "select o.number as old_number, n.number as new_number, min(o.imei) as imei "
            "from (select distinct number, imei from contacts where imei is not null and "
            "number in (select old_number from shared_contacts)) o "
            "join (select distinct number, imei from contacts where imei is not null and "
            "number in (select new_number from shared_contacts)) n on n.imei = o.imei "
            "group by o.number, n.number",
        ),
        Step(
            "replacements",
            f"select * from (select *, row_number() over (partition by old_number "
            f"order by score >= {s.replaces_at} desc, abs(gap_s), score desc, new_number) "
            f"as rank from ("
            f"select c.old_number, c.new_number, c.shared, q.contacts as old_contacts, "
            f"k.contacts as new_contacts, q.last_out as old_last_out, "
            f"t.first_seen as new_first_seen, "
            f"epoch(t.first_seen) - epoch(q.last_out) as gap_s, h.imei as same_handset, "
            f"round(c.shared / sqrt(q.contacts * k.contacts), 3) as overlap, "
            f"round(case when h.imei is null then c.shared / sqrt(q.contacts * k.contacts) "
            f"else 0.5 + 0.5 * c.shared / sqrt(q.contacts * k.contacts) end, 3) as score, "
            f"p.number is not null as in_touch "
            f"from shared_contacts c join quiet_phones q on q.number = c.old_number "
            f"join totals t on t.number = c.new_number "
            f"join (select number, count(*) as contacts from pairs where number in "
            f"(select new_number from shared_contacts) group by number) k "
            f"on k.number = c.new_number "
            f"left join shared_handsets h on h.old_number = c.old_number "
            f"and h.new_number = c.new_number "
            f"left join pairs p on p.number = c.old_number and p.other = c.new_number) x) r "
            f"where rank <= {s.candidates}",
        ),
    ]
