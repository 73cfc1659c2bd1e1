"""Events of the recommendations, the participants' report, the responses and the evaluation.

Each part of issue 8 adds its events here as it emits them; the dictionary test fails
for any event the code emits that is not described.
"""

from __future__ import annotations

from minipublic.integrity.dictionary.types import EventType

EVENTS: tuple[EventType, ...] = ()
