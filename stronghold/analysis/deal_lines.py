"""Deal-line detection: a transparent score over the behaviour features, with its evidence
in words and figures. Every signal is a share in [0, 1] that a person can check; the score
is their weighted mean; the weights are documented in docs/analyses/deal-lines.md.

- broadcasting: the share of its active days on which it texted many numbers at once
  ("line is open"): schools and surgeries broadcast now and then, a line every day;
- called back: the share of its callers whom another number contacted within minutes, that
  number being one that did so for several of its callers (the runner arranging meetings;
  a friend in common rings back one or two);
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
    threshold: float = 0.7  # a score at or above this is reported as a deal line


def deal_line_step(settings: DealLineSettings | None = None) -> Step:
    """`deal_lines` from `features`: candidates (at least one broadcast and enough callers)
    with each signal and the score."""
    s = settings or DealLineSettings()
    broadcast, called_back, texted, rung = s.weights
    signals = (
        "burst_days / greatest(active_days, 1) as broadcasting, "
        "callers_called_back_by_regulars / greatest(callers, 1) as called_back, "
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
        f"({row['called_back']:.0%}) were contacted within {f.callback_minutes} minutes by "
        f"one of {row['regular_callback_numbers']} numbers that each did so for at least "
        f"{f.regular_callbacks} of its callers; contacted {row['out_contacts']} numbers and "
        f"was contacted by {row['in_contacts']}"
    )
