"""Which comms rows are contacts between people, and which numbers are services.

A return carries more than calls and texts between subscribers (../shared/CONTRACT.md): data
sessions, whose other party is the network's access point; voicemail deposits and
retrievals on the operator's platform; texts from a bank's service, calls to premium and
freephone numbers. Every row says where a handset was and when; only calls and messages
between two subscribers are contacts. A number that serves many unrelated phones would
otherwise be the best-connected "person" in the data: named controller of every line, and a
tie that joins every group into one.

A service is recognised by what the records show of it, never by a list of names:
- the other party of a data session, whatever its form; the number voicemail rows go to
  that never calls or texts anyone and is never called or texted (a deposit goes to the
  mailbox's owner, who is a person; the platform only ever answers);
- a UK number whose numbering-plan range is a service's: premium (09), freephone (080),
  non-geographic (084, 087, 03) and directory enquiries (118);
- a number in contact with at least `one_way_from` others that only ever sends (a bank's
  text service) or only ever receives (a platform, a competition line): a person answers;
- a number in contact with at least `everyone_share` of all numbers seen (and at least
  `everyone_from`): no person or line has half the phones of a case as contacts.

`service_steps` gives the table `services` and the view `comms_rows`: the comms with a column
`contact` (and whether either end is a service); the analyses and the network read it.
"""

from __future__ import annotations

from dataclasses import dataclass

from stronghold.engine.pipeline import Step
from stronghold.sql_text import text

__all__ = ["CONTACT", "CONTACT_KINDS", "KINDS_SQL", "ServiceSettings", "service_steps"]

CONTACT_KINDS = ("call", "sms", "mms")
# UK numbering-plan ranges of services (Ofcom's National Telephone Numbering Plan)
SERVICE_RANGES = {
    "+449": "premium",
    "+4480": "freephone",
    "+4484": "non-geographic",
    "+4487": "non-geographic",
    "+443": "non-geographic",
    "+44118": "directory",
}
KINDS_SQL = ", ".join(text(k) for k in CONTACT_KINDS)  # the kinds as an SQL list
CONTACT = "contact"  # the column of `comms_rows` that says a row is a contact


@dataclass(frozen=True)
class ServiceSettings:
    one_way_from: int = 20  # contacts with this many numbers, all one way: a service
    everyone_share: float = 0.5  # in contact with this share of all numbers seen: a service
    everyone_from: int = 100  # ... and with at least this many


def service_steps(settings: ServiceSettings | None = None) -> list[Step]:
    """The step `services` (one row per service number, with the `reason` it is one) and
    the view `comms_rows` (every comms row, and whether it is a contact)."""
    s = settings or ServiceSettings()
    ranges = " ".join(
        f"when number like {text(prefix + '%')} then {text(kind + ' number')}"
        for prefix, kind in SERVICE_RANGES.items()
    )
    services = Step(
        "services",
        f"with pairs as (select distinct a_number as a, b_number as b from comms "
        f"where kind in ({KINDS_SQL}) and a_number_kind = 'e164' and b_number_kind = 'e164' "
        f"and a_number <> b_number), "
        f"ends as (select a as number, b as other, 1 as sent, 0 as received from pairs "
        f"union all select b, a, 0, 1 from pairs), "
        f"fan as (select number, count(distinct other) as others, max(sent) as sends, "
        f"max(received) as receives from ends group by number), "
        f"everyone as (select count(*) as numbers from fan), "
        f"served as (select distinct b_number as number, "
        f"'the access point of data sessions' as reason from comms "
        f"where kind = 'data' and b_number is not null union "
        f"select distinct b_number, 'the voicemail platform' from comms "
        f"where kind = 'voicemail' and b_number is not null "
        f"and b_number not in (select number from fan)), "
        f"shaped as (select number, case {ranges} "
        f"when others >= {s.one_way_from} and receives = 0 then 'sends to ' || others || "
        f"' numbers and is never contacted' "
        f"when others >= {s.one_way_from} and sends = 0 then 'contacted by ' || others || "
        f"' numbers and never contacts anyone' "
        f"when others >= {s.everyone_from} and others >= {s.everyone_share} * "
        f"(select numbers from everyone) then 'in contact with ' || others || ' of the ' || "
        f"(select numbers from everyone) || ' numbers seen' end as reason from fan) "
        f"select number, min(reason) as reason from (select * from served union all "
        f"select * from shaped where reason is not null) s group by number",
    )
    rows = Step(
        "comms_rows",
        f"select c.*, (c.kind in ({KINDS_SQL}) and c.a_number_kind = 'e164' "
        f"and c.b_number_kind = 'e164' and c.a_number <> c.b_number and sa.number is null "
        f"and sb.number is null) as contact, sa.number is not null as a_service, "
        f"sb.number is not null as b_service from comms c "
        f"left join services sa on sa.number = c.a_number "
        f"left join services sb on sb.number = c.b_number",
        kept=False,
    )
    return [services, rows]
