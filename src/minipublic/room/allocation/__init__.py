"""Table allocation: who sits at which table in each session of a deliberation.

Two aims, in this order (as in the Sortition Foundation's GroupSelect):

1. **Balance.** Every table is a small picture of the room on each chosen feature: a
   table's count of each value lies within the floor and ceiling of its proportional
   share (value count times table size divided by the people present), wherever pins and
   groups allow. The measure minimised is the number of people outside those ranges,
   summed over tables and values.
2. **Mixing.** Across sessions people meet as many different others as possible: the
   cost ``sum over pairs of C(times they share a table, 2)`` is minimised, which, with
   the table sizes fixed, is the same as maximising the distinct pairs met while
   spreading unavoidable repeats thinly.

Hard rules: everyone present is seated exactly once per session; table sizes are as equal
as the capacities and pins allow (``sizes``: never more than one apart otherwise); pinned
people sit where pinned; a *together* group shares a table; no two of an *apart* group do.

**Method, and why.** Balance decomposes by session and is a linear integer programme, so
each session's balance can be solved *exactly*: a fast local search usually reaches zero
people outside (which is a proof of optimality), and otherwise HiGHS solves the integer
programme (``balance_mip``) from the local search's seating, proving the optimum or giving
a proven lower bound that the report shows. Mixing couples the sessions through pairs of
people, which makes an exact model quadratic (tens of thousands of pair variables for 160
people), far too slow to run while a facilitator waits. So mixing is improved by
simulated annealing over swaps and moves (``mixing``) that are *never allowed to make any
session's balance worse*: the balance optimum is kept, and mixing is the best found within
it — unless the facilitator grants a *balance slack* of a few people per session, which
the search may spend on mixing (with many features and few tables, the best balance can
force the same people together every time). Everything is driven by one seeded random
generator and deterministic solver limits, so the same problem and seed give the same
seating on every run. ``report.evaluate`` recomputes every figure from the seating alone,
as a check on the solver.

Data → model → solvers → report: ``data`` (the request), ``model`` (checked and indexed;
every bad input raises ``AllocationError`` with a code and parameters), ``sizes``,
``seating`` (the incremental state), ``balance``/``balance_mip``, ``mixing``, ``report``,
``solve`` (``allocate``).
"""

from minipublic.room.allocation.data import (
    MAX_ATTENDEES,
    MAX_SESSIONS,
    MAX_SLACK,
    MAX_TABLES,
    NOT_GIVEN,
    Attendee,
    Pin,
    Problem,
    SessionPlan,
)
from minipublic.room.allocation.errors import AllocationError
from minipublic.room.allocation.report import (
    FeatureBalance,
    Mixing,
    Report,
    Score,
    Seating,
    SessionBalance,
    evaluate,
)
from minipublic.room.allocation.solve import ENGINE_VERSION, METHOD, Allocation, allocate

__all__ = [
    "ENGINE_VERSION",
    "MAX_ATTENDEES",
    "MAX_SESSIONS",
    "MAX_SLACK",
    "MAX_TABLES",
    "METHOD",
    "NOT_GIVEN",
    "Allocation",
    "AllocationError",
    "Attendee",
    "FeatureBalance",
    "Mixing",
    "Pin",
    "Problem",
    "Report",
    "Score",
    "Seating",
    "SessionBalance",
    "SessionPlan",
    "allocate",
    "evaluate",
]
