"""One session's seating as the local search sees it, with every count a move needs.

A *move* sends unit ``a`` to table ``t2`` and, unless ``b`` is -1, unit ``b`` from ``t2``
to ``a``'s table (a swap). ``balance_change`` says whether the move keeps every table
within its size range and every apart group apart, and by how much it changes the
number of people outside their fair range; ``mixing_change`` by how much it changes the
repeated-meeting cost ``sum over pairs of C(meetings, 2)``; ``apply`` makes it.
"""

from __future__ import annotations

from collections.abc import Sequence

from minipublic.room.allocation.model import SessionModel

Meetings = list[list[int]]
"""``meetings[i][j]``: how many times attendees ``i`` and ``j`` share a table (symmetric)."""


def outside(count: int, total: int, size: int, present: int) -> int:
    """How far ``count`` lies outside the fair range of a table of ``size``.

    The fair range is the floor and ceiling of the table's proportional share
    ``total * size / present`` of the ``total`` people present with a value.
    """
    low = total * size // present
    if count < low:
        return low - count
    high = -(-total * size // present)
    return count - high if count > high else 0


class SessionState:
    """The seating of one session and the counts kept in step with it."""

    def __init__(self, session: SessionModel, table_of: Sequence[int]) -> None:
        self.session = session
        tables, cells = session.tables, len(session.totals)
        self.active_cells = session.cells
        self.weight = [len(unit) for unit in session.units]
        self.single = [unit[0] if len(unit) == 1 else -1 for unit in session.units]
        self.cells_of = [tuple(cell for cell, _ in cells) for cells in session.unit_cells]
        # The fair range of every cell at every possible table size, for the fast path.
        self.lows = [
            [total * size // session.n for total in session.totals]
            for size in range(max(session.hi) + 1)
        ]
        self.highs = [
            [-(-total * size // session.n) for total in session.totals]
            for size in range(max(session.hi) + 1)
        ]
        self.free = [u for u, table in enumerate(session.pinned) if table < 0]
        self.groups_of: list[tuple[int, ...]] = [() for _ in session.units]
        for g, group in enumerate(session.apart):
            for u in group:
                self.groups_of[u] = (*self.groups_of[u], g)
        # single people in no apart group: any swap of two of them is allowed
        self.plain = [
            self.single[u] >= 0 and not self.groups_of[u] for u in range(len(self.weight))
        ]
        self.near = self._near_units()
        self.table_of = list(table_of)
        self.members: list[list[int]] = [[] for _ in range(tables)]
        self.movable: list[list[int]] = [[] for _ in range(tables)]
        self.size = [0] * tables
        self.count = [[0] * cells for _ in range(tables)]
        self.apart_at = [[0] * len(session.apart) for _ in range(tables)]
        for u, table in enumerate(self.table_of):
            self._enter(u, table)
        self.table_outside = [self.table_deviation(t, self.size[t]) for t in range(tables)]
        self.deviation = sum(self.table_outside)

    def _near_units(self) -> list[tuple[int, ...]]:
        """For each free single person, the other free single people who differ from them
        in at most one feature: swapping such a pair rarely unbalances a table."""
        near: list[set[int]] = [set() for _ in self.weight]
        singles = [u for u in self.free if self.single[u] >= 0]
        for f in range(len(self.cells_of[singles[0]]) if singles else 0):
            alike: dict[tuple[int, ...], list[int]] = {}
            for u in singles:
                cells = self.cells_of[u]
                alike.setdefault(cells[:f] + cells[f + 1 :], []).append(u)
            for units in alike.values():
                for u in units:
                    near[u].update(units)
        for u, others in enumerate(near):
            others.discard(u)
        return [tuple(sorted(others)) for others in near]

    # ---------------------------------------------------------------- bookkeeping

    def _enter(self, u: int, table: int) -> None:
        self.table_of[u] = table
        self.members[table].extend(self.session.units[u])
        if self.session.pinned[u] < 0:
            self.movable[table].append(u)
        self.size[table] += self.weight[u]
        counts = self.count[table]
        for cell, k in self.session.unit_cells[u]:
            counts[cell] += k
        for g in self.groups_of[u]:
            self.apart_at[table][g] += 1

    def _leave(self, u: int, table: int) -> None:
        members = self.members[table]
        for i in self.session.units[u]:
            members.remove(i)
        if self.session.pinned[u] < 0:
            self.movable[table].remove(u)
        self.size[table] -= self.weight[u]
        counts = self.count[table]
        for cell, k in self.session.unit_cells[u]:
            counts[cell] -= k
        for g in self.groups_of[u]:
            self.apart_at[table][g] -= 1

    def table_deviation(self, table: int, size: int, change: dict[int, int] | None = None) -> int:
        """People outside their fair range at ``table`` if it seated ``size`` people and
        its counts changed by ``change`` (cell → added)."""
        totals, present, counts = self.session.totals, self.session.n, self.count[table]
        extra = change or {}
        return sum(
            outside(counts[c] + extra.get(c, 0), totals[c], size, present)
            for c in self.active_cells
        )

    # ---------------------------------------------------------------- moves

    def allowed(self, a: int, b: int, t2: int) -> bool:
        """Whether the move keeps table sizes in range and apart groups apart."""
        if b >= 0 and self.plain[a] and self.plain[b]:
            return True
        t1 = self.table_of[a]
        wa, wb = self.weight[a], (self.weight[b] if b >= 0 else 0)
        if wa != wb:
            lo, hi = self.session.lo, self.session.hi
            if not lo[t1] <= self.size[t1] - wa + wb <= hi[t1]:
                return False
            if not lo[t2] <= self.size[t2] + wa - wb <= hi[t2]:
                return False
        groups_b = self.groups_of[b] if b >= 0 else ()
        for g in self.groups_of[a]:
            if self.apart_at[t2][g] - (g in groups_b) > 0:
                return False
        groups_a = self.groups_of[a]
        return all(self.apart_at[t1][g] - (g in groups_a) <= 0 for g in groups_b)

    def balance_change(self, a: int, b: int, t2: int) -> int:
        """The change in people outside their fair range if the (allowed) move is made."""
        if b >= 0 and self.single[a] >= 0 and self.single[b] >= 0:
            return self._swap_change(a, b, t2)
        t1 = self.table_of[a]
        wa, wb = self.weight[a], (self.weight[b] if b >= 0 else 0)
        change: dict[int, int] = {}
        for cell, k in self.session.unit_cells[a]:
            change[cell] = change.get(cell, 0) + k
        if b >= 0:
            for cell, k in self.session.unit_cells[b]:
                change[cell] = change.get(cell, 0) - k
        if wa != wb:  # the sizes, hence every fair range at both tables, change
            s1, s2 = self.size[t1] - wa + wb, self.size[t2] + wa - wb
            lose = {c: -k for c, k in change.items()}
            return (
                self.table_deviation(t1, s1, lose)
                + self.table_deviation(t2, s2, change)
                - self.table_outside[t1]
                - self.table_outside[t2]
            )
        totals, present = self.session.totals, self.session.n
        c1, c2 = self.count[t1], self.count[t2]
        z1, z2 = self.size[t1], self.size[t2]
        delta = 0
        for cell, k in change.items():
            if k:
                total = totals[cell]
                delta += outside(c1[cell] - k, total, z1, present)
                delta -= outside(c1[cell], total, z1, present)
                delta += outside(c2[cell] + k, total, z2, present)
                delta -= outside(c2[cell], total, z2, present)
        return delta

    def exchange_balance_change(
        self, leaving: tuple[int, ...], coming: tuple[int, ...], t2: int
    ) -> int | None:
        """The balance change if single people ``leaving`` (at one table) and ``coming``
        (at ``t2``) change places; None if any of them is in a group or an apart group."""
        units = (*leaving, *coming)
        if any(self.single[u] < 0 or self.groups_of[u] for u in units):
            return None
        t1 = self.table_of[leaving[0]]
        change: dict[int, int] = {}
        for u in leaving:
            for cell in self.cells_of[u]:
                change[cell] = change.get(cell, 0) + 1
        for u in coming:
            for cell in self.cells_of[u]:
                change[cell] = change.get(cell, 0) - 1
        c1, c2 = self.count[t1], self.count[t2]
        l1, h1 = self.lows[self.size[t1]], self.highs[self.size[t1]]
        l2, h2 = self.lows[self.size[t2]], self.highs[self.size[t2]]
        delta = 0
        for cell, k in change.items():
            if k:
                before1, after1 = c1[cell], c1[cell] - k
                before2, after2 = c2[cell], c2[cell] + k
                delta += max(0, l1[cell] - after1, after1 - h1[cell])
                delta -= max(0, l1[cell] - before1, before1 - h1[cell])
                delta += max(0, l2[cell] - after2, after2 - h2[cell])
                delta -= max(0, l2[cell] - before2, before2 - h2[cell])
        return delta

    def _swap_change(self, a: int, b: int, t2: int) -> int:
        """``balance_change`` for two single people: only the values they differ in count,
        each one step in or out of its range (the hot path of the search)."""
        t1 = self.table_of[a]
        c1, c2 = self.count[t1], self.count[t2]
        l1, h1 = self.lows[self.size[t1]], self.highs[self.size[t1]]
        l2, h2 = self.lows[self.size[t2]], self.highs[self.size[t2]]
        delta = 0
        for x, y in zip(self.cells_of[a], self.cells_of[b], strict=True):
            if x != y:
                # x leaves t1 and joins t2; y leaves t2 and joins t1
                k = c1[x]
                delta += 1 if k <= l1[x] else (-1 if k > h1[x] else 0)
                k = c1[y]
                delta += 1 if k >= h1[y] else (-1 if k < l1[y] else 0)
                k = c2[x]
                delta += 1 if k >= h2[x] else (-1 if k < l2[x] else 0)
                k = c2[y]
                delta += 1 if k <= l2[y] else (-1 if k > h2[y] else 0)
        return delta

    def has_repeat(self, meetings: Meetings, u: int) -> bool:
        """Whether unit ``u`` shares its table with someone one of them has met before (or
        is a group, whose members always meet again)."""
        if self.single[u] < 0:
            return True
        members = self.members[self.table_of[u]]
        row = meetings[self.single[u]]
        return sum(map(row.__getitem__, members)) > len(members) - 1

    def mixing_change(self, meetings: Meetings, a: int, b: int, t2: int) -> int:
        """The change in ``sum C(meetings, 2)`` over all pairs if the move is made.

        Joining someone met ``m`` times before costs ``m``; leaving someone met ``m``
        times (this session included) saves ``m - 1``.
        """
        t1 = self.table_of[a]
        m1, m2 = self.members[t1], self.members[t2]
        if b >= 0 and self.single[a] >= 0 and self.single[b] >= 0:
            i, k = self.single[a], self.single[b]
            ri, rk = meetings[i], meetings[k]
            join = sum(map(ri.__getitem__, m2)) - ri[k] + sum(map(rk.__getitem__, m1)) - rk[i]
            leave = (
                sum(map(ri.__getitem__, m1)) + sum(map(rk.__getitem__, m2)) - len(m1) - len(m2) + 2
            )
            return join - leave
        units = self.session.units
        ua, ub = units[a], (units[b] if b >= 0 else ())
        return self._unit_change(meetings, ua, ub, m1, m2) + self._unit_change(
            meetings, ub, ua, m2, m1
        )

    @staticmethod
    def _unit_change(
        meetings: Meetings,
        mover: tuple[int, ...],
        other: tuple[int, ...],
        source: list[int],
        target: list[int],
    ) -> int:
        change = 0
        for i in mover:
            row = meetings[i]
            change += sum(map(row.__getitem__, target)) - sum(map(row.__getitem__, other))
            change -= sum(map(row.__getitem__, source)) - sum(map(row.__getitem__, mover))
            change += len(source) - len(mover)
        return change

    def apply(self, a: int, b: int, t2: int, meetings: Meetings | None = None) -> None:
        """Make the move (updating ``meetings`` too, if given)."""
        t1 = self.table_of[a]
        units = self.session.units
        self._leave(a, t1)
        if meetings is not None:
            _meet(meetings, units[a], self.members[t1], -1)
        if b >= 0:
            self._leave(b, t2)
            if meetings is not None:
                _meet(meetings, units[b], self.members[t2], -1)
                _meet(meetings, units[b], self.members[t1], +1)
            self._enter(b, t1)
        if meetings is not None:
            _meet(meetings, units[a], self.members[t2], +1)
        self._enter(a, t2)
        for table in (t1, t2):
            self.table_outside[table] = self.table_deviation(table, self.size[table])
        self.deviation = sum(self.table_outside)


def _meet(meetings: Meetings, unit: tuple[int, ...], others: list[int], step: int) -> None:
    """Add ``step`` to the meetings of each member of ``unit`` with each of ``others``."""
    for i in unit:
        row = meetings[i]
        for j in others:
            row[j] += step
            meetings[j][i] += step


def add_session_meetings(meetings: Meetings, state: SessionState) -> None:
    """Count one meeting for every pair sharing a table in ``state``."""
    for members in state.members:
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                meetings[i][j] += 1
                meetings[j][i] += 1
