"""Command: who directs a line above its runners, and the calls that give it away.

In the baseline world every line is held by one of its group's leaders, who rings the
group's controllers from a personal phone; the controllers manage the runners. Real groups
vary, and an analysis tuned to one shape misses the others, so the world's draw (variants.py)
may change it:

- `holder_is_leader`: the share of lines held by a leader; any other line is held by a member
  recruited for it, and the leader who would have held it stands above the holder.
- `leader_talks_to`: how that leader directs the line: ringing and texting its holder, talking
  to its controllers directly, or only through one go-between member of the group, who
  talks to the holders (so no call joins a leader to a holder).
- `holder_phones`: with 2, each holder keeps a second phone for the lines' business: the
  management calls come from it, the personal phone carries on with the rest of life.
- `holder_calls_runners`: the share of the holder's management calls made to the runners on
  duty rather than to the controllers.
- `shared_controller`: one controller also manages the runners of a line of another group.

Everything drawn here comes from streams named "command", and only when a knob differs from
its default, so the baseline world stays byte-identical.
"""

from __future__ import annotations

import numpy as np

from stronghold.synthetic.crime_groups import CrimeGroup, Line
from stronghold.synthetic.events import CALL, SMS, Events
from stronghold.synthetic.ordinary import threads
from stronghold.synthetic.people import OFFENDER
from stronghold.synthetic.phones import PhoneBook
from stronghold.synthetic.recruitment import Recruiter
from stronghold.synthetic.rhythms import Calendar
from stronghold.synthetic.seeding import stream
from stronghold.synthetic.variants import WorldDraw

__all__ = ["boss_traffic", "command_stream", "organise_command"]


def organise_command(
    seed: int,
    draw: WorldDraw,
    groups: list[CrimeGroup],
    lines: list[Line],
    recruiter: Recruiter,
    phones: PhoneBook,
    personal_phone: np.ndarray,
) -> None:
    """Fill in each line's command (holders, their phones, bosses, go-betweens, controllers)
    as the world's draw says."""
    rng = stream(seed, "command", "structure")
    for line in lines:
        line.command.seed = seed
        line.command.holder_phones = [int(personal_phone[line.holder])]
        line.command.holder_calls_runners = draw.holder_calls_runners
        line.command.boss_talks_to = draw.leader_talks_to
    if draw.holder_is_leader < 1.0:
        for line in lines:
            if rng.random() >= draw.holder_is_leader:
                _hand_to_member(rng, line, groups[line.group], recruiter, personal_phone)
    if draw.leader_talks_to == "go_between":
        for g, group in enumerate(groups):
            if any(line.command.boss >= 0 for line in lines if line.group == g):
                chosen = recruiter.pick(
                    group.hub, 1, ages=(20, 35), male=0.9, flags=OFFENDER, rng=rng
                )
                if len(chosen):
                    group.go_between = int(chosen[0])
                    group.members.append(group.go_between)
    if draw.holder_phones >= 2:
        business: dict[int, int] = {}  # one business phone per holder, for all their lines
        for line in lines:
            if line.holder not in business:
                business[line.holder] = int(phones.add_mobiles(np.array([line.holder]))[0])
            line.command.holder_phones.append(business[line.holder])
    if draw.shared_controller and len(groups) >= 2:
        _share_a_controller(rng, groups, lines)


def _hand_to_member(
    rng: np.random.Generator,
    line: Line,
    group: CrimeGroup,
    recruiter: Recruiter,
    personal_phone: np.ndarray,
) -> None:
    """The line is held by a member recruited for it; its leader stands above the holder."""
    chosen = recruiter.pick(line.hub, 1, ages=(18, 30), male=0.9, flags=OFFENDER, rng=rng)
    if len(chosen) == 0:  # nobody left in the hub: the leader keeps the line
        return
    line.command.boss = line.holder
    line.holder = int(chosen[0])
    line.command.holder_phones = [int(personal_phone[line.holder])]
    group.members.append(line.holder)


def _share_a_controller(
    rng: np.random.Generator, groups: list[CrimeGroup], lines: list[Line]
) -> None:
    """One controller of one group also manages the runners of one line of another group."""
    g = int(rng.integers(len(groups)))
    others = [line for line in lines if line.group != g]
    if not others:
        return
    phone = groups[g].controller_phones[int(rng.integers(len(groups[g].controller_phones)))]
    others[int(rng.integers(len(others)))].command.controller_phones.append(phone)


def command_stream(line: Line, day: int) -> np.random.Generator | None:
    """The line's own stream for a day's traffic that only some worlds have, or None when the
    line is directed as in the baseline (so that nothing is drawn)."""
    c = line.command
    if c.boss < 0 and c.holder_calls_runners <= 0.0:
        return None
    return stream(c.seed, "command", line.line_id, day)


def boss_traffic(
    rng: np.random.Generator,
    line: Line,
    group: CrimeGroup,
    personal_phone: np.ndarray,
    calendar: Calendar,
    day: int,
) -> Events:
    """A day's calls and texts by which the leader above a holder directs the line: with its
    holder, with its controllers, or with the group's go-between (who then talks to the
    holder)."""
    c = line.command
    if c.boss < 0:
        return Events.empty()
    boss = int(personal_phone[c.boss])
    holder = c.management_phone
    if c.boss_talks_to == "controllers":
        pairs = [(boss, controller) for controller in c.controller_phones]
    elif c.boss_talks_to == "go_between" and group.go_between >= 0:
        go_between = int(personal_phone[group.go_between])
        pairs = [(boss, go_between), (go_between, holder)]
    else:
        pairs = [(boss, holder)]
    parts = []
    for a, b in pairs:
        calls = int(rng.integers(0, 3))
        when = calendar.utc(day, rng.integers(10 * 3600, 23 * 3600, calls))
        caller = np.where(rng.random(calls) < 0.6, a, b)  # the one above rings more often
        callee = np.where(caller == a, b, a)
        parts.append(Events.make(when, caller, callee, CALL, rng.integers(20, 300, calls)))
        texts = int(rng.integers(1, 4))
        when = calendar.utc(day, rng.integers(9 * 3600, 24 * 3600, texts))
        time, x, y = threads(
            rng, when, np.full(texts, a), np.full(texts, b), rng.integers(0, 3, texts), 300.0
        )
        parts.append(Events.make(time, x, y, SMS))
    return Events.join(parts)
