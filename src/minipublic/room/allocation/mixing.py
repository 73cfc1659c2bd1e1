"""Mixing people across sessions: simulated annealing, then tabu search, never at the
cost of balance.

The cost is ``sum over pairs of C(m, 2)`` where ``m`` is how many times the pair shares a
table (earlier seatings included): zero when nobody meets anyone twice; meeting a third
time costs more than a second time, so repeats are spread rather than piled on a few
pairs. With the number of table-sharing pairs fixed by the table sizes, lowering it
raises the number of different people met.

**Annealing.** A step picks a session and a free unit (preferring one that sits with
someone already met) and proposes a swap with a free unit at another table: half the
time someone who differs in at most one balanced feature (such swaps rarely unbalance a
table), otherwise anyone, or a plain move when sizes allow. A step that would put more
people outside their fair range is refused, except that now and then it is paired with a
second swap between the same two tables that restores the balance; one that puts fewer
outside is always taken (balance comes first); otherwise the Metropolis rule decides,
with the temperature cooling geometrically from ``HOT`` to ``COLD`` in ``CYCLES`` rounds.

**Tabu search.** If repeats remain that nothing forces, the best seating is polished: at
each step every swap of (a sample of) the people sitting with someone met before is
evaluated and the best is made, even if worse, except swaps that move someone moved in
the last few steps (unless they give a new best). This finishes tight designs such as
Kirkman's fifteen schoolgirls that annealing alone leaves a few repeats short.

Both stop early at the lower bound (the repeats that pins, groups and earlier seatings
force, and each session's proven best balance); both count their work in steps, not
seconds, so a seed always gives the same seating.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from minipublic.room.allocation.model import Model
from minipublic.room.allocation.seating import Meetings, SessionState, add_session_meetings

MOVES_PER_UNIT, MIN_STEPS = 250, 200_000
"""Annealing steps per free unit and session, and at least (times ``effort``)."""
HOT, COLD, CYCLES = 2.0, 0.05, 4
"""Start and end temperatures (in repeated meetings) and the rounds of cooling."""
NEAR_SHARE, SWAP_SHARE = 0.5, 0.9
"""Steps that swap with someone alike; of the others, those that swap rather than move."""
FOCUS_TRIES = 2
"""Draws to find a unit sitting with someone already met before settling for any."""
DOUBLE_SHARE, DOUBLE_TRIES = 0.05, 6
"""Unbalancing swaps given a chance of a restoring second swap, and the tries for one."""
POLISH_WORK, POLISH_UNITS, TABU_TENURE = 400_000, 12, (5, 10)
Option = tuple[int, int, float, int, int, int, int, int, int]
"""A tabu move: its key (two parts), a tie-break, session, a, b, t2, balance and cost change."""
"""Tabu search: swaps evaluated in all (times ``effort``), people whose swaps are
evaluated per step, and the steps (from ``a`` to ``a + b``) a moved person stays put."""


@dataclass(frozen=True)
class Mixed:
    """The seating (table per unit, per session), its cost and the steps taken."""

    table_of: tuple[tuple[int, ...], ...]
    cost: int
    steps: int


def meeting_counts(model: Model, states: Sequence[SessionState]) -> Meetings:
    """How many times each pair shares a table, earlier seatings included."""
    meetings = [[0] * model.n for _ in range(model.n)]
    for group in model.history:
        for x, i in enumerate(group):
            for j in group[x + 1 :]:
                meetings[i][j] += 1
                meetings[j][i] += 1
    for state in states:
        add_session_meetings(meetings, state)
    return meetings


def repeat_cost(meetings: Meetings) -> int:
    """``sum over pairs of C(m, 2)``."""
    return sum(m * (m - 1) // 2 for i, row in enumerate(meetings) for m in row[i + 1 :])


def _forced_cost(model: Model) -> int:
    """The repeats that pins, groups and earlier seatings put together, whatever the rest."""
    forced: dict[tuple[int, int], int] = {}

    def together(members: Sequence[int]) -> None:
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                key = (min(i, j), max(i, j))
                forced[key] = forced.get(key, 0) + 1

    for group in model.history:
        together(group)
    for session in model.sessions:
        pinned: dict[int, list[int]] = {}
        for unit, table in zip(session.units, session.pinned, strict=True):
            if table >= 0:
                pinned.setdefault(table, []).extend(unit)
            else:
                together(unit)
        for members in pinned.values():
            together(members)
    return sum(m * (m - 1) // 2 for m in forced.values())


def _crowding_cost(model: Model) -> int:
    """The repeats that sheer numbers force: the fewest table-sharing pairs the sizes allow
    (plus earlier seatings), spread as evenly as possible over the pairs who could meet."""
    meetings = sum(len(g) * (len(g) - 1) // 2 for g in model.history)
    for session in model.sessions:
        sizes = list(session.lo)
        for _ in range(session.n - sum(sizes)):  # the smallest tables take the spare people
            t = min(
                (t for t in range(len(sizes)) if sizes[t] < session.hi[t]), key=sizes.__getitem__
            )
            sizes[t] += 1
        meetings += sum(z * (z - 1) // 2 for z in sizes)
    could_meet: set[tuple[int, int]] = set()
    for session in model.sessions:
        present = session.present
        could_meet.update((i, j) for x, i in enumerate(present) for j in present[x + 1 :])
    for group in model.apart:
        could_meet.difference_update((i, j) for i in group for j in group)
    pairs = max(1, len(could_meet))
    each, extra = divmod(meetings, pairs)
    return (pairs - extra) * each * (each - 1) // 2 + extra * (each + 1) * each // 2


def least_cost(model: Model) -> int:
    """A lower bound on the repeat cost of any seating (the search stops if it gets there)."""
    return max(_forced_cost(model), _crowding_cost(model))


def propose(state: SessionState, a: int, rng: random.Random) -> tuple[int, int]:
    """A partner ``b`` (-1: none, a plain move) and table ``t2`` for moving unit ``a``;
    ``t2`` is -1 when the draw proposes nothing."""
    near = state.near[a]
    if near and rng.random() < NEAR_SHARE:
        b = near[int(rng.random() * len(near))]
        t2 = state.table_of[b]
        return (b, t2) if t2 != state.table_of[a] else (-1, -1)
    t2 = int(rng.random() * (len(state.members) - 1))
    if t2 >= state.table_of[a]:
        t2 += 1
    there = state.movable[t2]
    b = there[int(rng.random() * len(there))] if there and rng.random() < SWAP_SHARE else -1
    return b, t2


class _Search:
    """The annealing's state across sessions: seatings, meetings, cost and the best seen."""

    def __init__(
        self, model: Model, seatings: Sequence[Sequence[int]], rng: random.Random, slack: int
    ) -> None:
        self.states = [
            SessionState(session, seating)
            for session, seating in zip(model.sessions, seatings, strict=True)
        ]
        self.rng = rng
        self.model = model
        self.meetings = meeting_counts(model, self.states)
        self.cost = repeat_cost(self.meetings)
        self.deviation = sum(state.deviation for state in self.states)
        self.slack = slack
        # No session may have more people outside than the fewest it has had, plus slack.
        self.caps = [state.deviation + slack for state in self.states]
        self.best = self.key(self.deviation, self.cost)
        self.best_seating = [tuple(state.table_of) for state in self.states]
        self.choices = [
            (s, u)
            for s, state in enumerate(self.states)
            if len(state.members) > 1
            for u in state.free
        ]
        self.temperature = HOT

    def key(self, deviation: int, cost: int) -> tuple[int, int]:
        """What "better" means: balance first, unless slack trades some of it for mixing."""
        return (deviation, cost) if self.slack == 0 else (cost, deviation)

    def fits(self, s: int, balance: int) -> bool:
        """Whether session ``s`` may change its people outside by ``balance``."""
        return self.states[s].deviation + balance <= self.caps[s]

    def takes(self, balance: int, change: int) -> bool:
        """Whether to make a move that fits: a balance gain always (when balance comes
        first), otherwise the Metropolis rule on the mixing cost."""
        return (balance < 0 and self.slack == 0) or self.accepts(change)

    def accepts(self, change: int) -> bool:
        """The Metropolis rule at the current temperature."""
        return change <= 0 or self.rng.random() < math.exp(-change / self.temperature)

    def pick(self) -> tuple[int, int]:
        """A session and a free unit in it, preferring units that sit with someone met."""
        rng = self.rng
        for _ in range(FOCUS_TRIES):
            s, a = self.choices[int(rng.random() * len(self.choices))]
            if self.states[s].has_repeat(self.meetings, a):
                break
        return s, a

    def step(self) -> None:
        """Propose one move and make it if balance allows and the Metropolis rule accepts."""
        s, a = self.pick()
        state = self.states[s]
        b, t2 = propose(state, a, self.rng)
        if t2 < 0 or not state.allowed(a, b, t2):
            return
        balance = state.balance_change(a, b, t2)
        if not self.fits(s, balance):
            if b >= 0 and self.rng.random() < DOUBLE_SHARE:
                self.double(s, a, b, t2)
            return
        change = state.mixing_change(self.meetings, a, b, t2)
        if self.takes(balance, change):
            state.apply(a, b, t2, self.meetings)
            self.moved(s, change, balance)

    def double(self, s: int, a: int, b: int, t2: int) -> None:
        """Swap ``a`` and ``b`` together with a second pair between the same two tables,
        when the two swaps together keep the balance that each alone would break."""
        state, rng = self.states[s], self.rng
        t1 = state.table_of[a]
        stay, come = state.movable[t1], state.movable[t2]
        for _ in range(DOUBLE_TRIES):
            c = stay[int(rng.random() * len(stay))]
            d = come[int(rng.random() * len(come))]
            if c == a or d == b:
                continue
            balance = state.exchange_balance_change((a, c), (b, d), t2)
            if balance is None or not self.fits(s, balance):
                continue
            first = state.mixing_change(self.meetings, a, b, t2)
            state.apply(a, b, t2, self.meetings)
            change = first + state.mixing_change(self.meetings, c, d, t2)
            if self.takes(balance, change):
                state.apply(c, d, t2, self.meetings)
                self.moved(s, change, balance)
            else:
                state.apply(a, b, t1, self.meetings)
            return

    def polish(self, work: int, floor: tuple[int, int]) -> int:
        """Tabu search from the best seating: a unit sitting with someone met before moves
        by the best swap for it in its session (not undoing a recent move, unless that
        gives a new best); stops after ``work`` candidate swaps. Returns the steps taken."""
        self.states = [
            SessionState(state.session, seating)
            for state, seating in zip(self.states, self.best_seating, strict=True)
        ]
        self.meetings = meeting_counts(self.model, self.states)
        self.deviation = sum(state.deviation for state in self.states)
        self.cost = repeat_cost(self.meetings)
        tabu: dict[tuple[int, int], int] = {}
        step = 0
        while work > 0 and self.best > floor:
            step += 1
            conflicted = [
                (s, a) for s, a in self.choices if self.states[s].has_repeat(self.meetings, a)
            ]
            work -= len(self.choices)
            if len(conflicted) > POLISH_UNITS:
                conflicted = self.rng.sample(conflicted, POLISH_UNITS)
            options: list[Option] = []
            for s, a in conflicted:
                work -= self._tabu_options(s, a, step, tabu, options)
            if options:
                _, _, _, s, a, b, t2, balance, change = min(options)
                self.states[s].apply(a, b, t2, self.meetings)
                tenure = TABU_TENURE[0] + int(self.rng.random() * TABU_TENURE[1])
                tabu[s, a] = tabu[s, b] = step + tenure
                self.moved(s, change, balance)
        return step

    def _tabu_options(
        self,
        s: int,
        a: int,
        step: int,
        tabu: dict[tuple[int, int], int],
        options: list[Option],
    ) -> int:
        """Add to ``options`` every allowed swap of ``a`` in session ``s`` (ordered by
        ``key``, then a random tie-break); return how many were evaluated."""
        state = self.states[s]
        t1, evaluated = state.table_of[a], 0
        for t2 in range(len(state.members)):
            if t2 == t1:
                continue
            for b in state.movable[t2]:
                evaluated += 1
                if not state.allowed(a, b, t2):
                    continue
                balance = state.balance_change(a, b, t2)
                if not self.fits(s, balance):
                    continue
                change = state.mixing_change(self.meetings, a, b, t2)
                first, second = self.key(balance, change)
                aspired = self.key(self.deviation + balance, self.cost + change) < self.best
                if max(tabu.get((s, a), 0), tabu.get((s, b), 0)) > step and not aspired:
                    continue
                options.append((first, second, self.rng.random(), s, a, b, t2, balance, change))
        return evaluated

    def moved(self, s: int, change: int, balance: int) -> None:
        """Account for a move made; remember the seating if it is the best so far."""
        self.cost += change
        self.deviation += balance
        self.caps[s] = min(self.caps[s], self.states[s].deviation + self.slack)
        if self.key(self.deviation, self.cost) < self.best:
            self.best = self.key(self.deviation, self.cost)
            self.best_seating = [tuple(state.table_of) for state in self.states]


def mix(
    model: Model,
    seatings: Sequence[Sequence[int]],
    lower_bounds: Sequence[int],
    rng: random.Random,
    effort: float,
    slack: int = 0,
) -> Mixed:
    """Improve the mixing of ``seatings`` (table per unit, per session) without letting any
    session have more than ``slack`` people outside their fair range beyond its best;
    ``lower_bounds`` are the sessions' proven best balance."""
    search = _Search(model, seatings, rng, slack)
    floor = search.key(sum(lower_bounds), least_cost(model))
    if slack:  # mixing first: stop once the cost meets its bound, whatever the balance
        floor = (floor[0], 10**9)
    steps = int(effort * max(MIN_STEPS, MOVES_PER_UNIT * len(search.choices)))
    taken = 0
    for step in range(steps if search.choices else 0):
        if search.best <= floor:
            break
        taken = step + 1
        if step % 256 == 0:  # CYCLES rounds of cooling, each from HOT to COLD
            search.temperature = HOT * (COLD / HOT) ** ((step * CYCLES / steps) % 1.0)
        search.step()
    if search.choices and search.best > floor:
        taken += search.polish(int(effort * POLISH_WORK), floor)
    cost = search.best[1] if slack == 0 else search.best[0]
    return Mixed(tuple(search.best_seating), cost, taken)
