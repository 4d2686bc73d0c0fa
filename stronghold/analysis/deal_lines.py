"""Deal-line detection: a transparent score over the behaviour features, with its evidence
in words and figures. Every signal is a share in [0, 1] that a person can check; the score
is their weighted mean; the weights are documented in docs/analyses/deal-lines.md.

- broadcasting: the share of its active days on which it texted many numbers at once
  ("line is open"): schools and surgeries broadcast now and then, a line every day;
- called back: how often its callers' orders (contacts more than the callback window after
  the caller's previous one) were followed within minutes by a contact from a "regular", a
  number that did so for several of its callers: the runner arranging the meeting. The
  share is each caller's, averaged over its callers, and half or more counts fully. A club's
  members ring each other, so over weeks dozens of friends-in-common become "regulars"
  and most members are rung back after some message to the organiser; but a friend's call
  follows few of a member's messages, while a runner answers most of every customer's;
- texted first: the share of its callers it had texted before they rang;
- rung: how often it is rung against how many it contacts (customers ring a line; nobody
  rings a marketer or a school's text service).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from stronghold.analysis.features import FeatureSettings
from stronghold.engine.pipeline import Step

__all__ = ["DealLineSettings", "deal_line_evidence", "deal_line_step"]


@dataclass(frozen=True)
class DealLineSettings:
    weights: tuple[float, float, float, float] = (0.3, 0.3, 0.2, 0.2)  # the four signals
    min_callers: int = 10  # fewer callers than this: too little to judge
    rung_at: float = 0.5  # an in/out ratio at or above this counts as fully rung
    called_back_at: float = 0.5  # callers' orders called back at or above this: fully
    threshold: float = 0.7  # a score at or above this is reported as a deal line


def deal_line_step(settings: DealLineSettings | None = None) -> Step:
    """`deal_lines` from `features`: candidates (at least one broadcast and enough callers)
    with each signal and the score."""
    s = settings or DealLineSettings()
    broadcast, called_back, texted, rung = s.weights
    signals = (
        "burst_days / greatest(active_days, 1) as broadcasting, "
        f"least(orders_called_back_share / {s.called_back_at}, 1.0) "
        "as called_back, "
        "texted_first_share as texted_first, "
        f"least(in_out_ratio / {s.rung_at}, 1.0) as rung"
    )
    score = (
        f"round({broadcast} * broadcasting + {called_back} * called_back + "
        f"{texted} * texted_first + {rung} * rung, 3)"
    )
    return Step(
        "deal_lines",
        f"select *, {score} as score from (select *, {signals} from features "
        f"where bursts > 0 and callers >= {s.min_callers}) where {score} >= {s.threshold}",
    )


def deal_line_evidence(row: dict[str, Any], features: FeatureSettings | None = None) -> str:
    """The finding in words and figures, from one row of `deal_lines` worked out with the
    feature settings `features`."""
    f = features or FeatureSettings()
    return (
        f"texted at least {f.burst_recipients} distinct numbers within {f.burst_minutes} "
        f"minutes on {row['burst_days']} of {row['active_days']} active days (largest "
        f"{row['largest_burst']}); {row['texted_first_share']:.0%} of its {row['callers']} "
        f"callers had been texted first; {row['callers_called_back_by_regulars']} of them "
        f"were contacted within {f.callback_minutes} minutes by one of "
        f"{row['regular_callback_numbers']} numbers that each did so for at least "
        f"{f.regular_callbacks} of its callers; one of those numbers answered "
        f"{row['orders_called_back']} of its {row['orders']} orders within "
        f"{f.callback_minutes} minutes (an order: a caller's contact more than "
        f"{f.callback_minutes} minutes after their previous one), "
        f"{row['orders_called_back_share']:.0%} of a caller's orders on average; contacted "
        f"{row['out_contacts']} numbers and was contacted by {row['in_contacts']}"
    )
