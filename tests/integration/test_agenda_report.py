"""The public agenda page's figures against figures worked out by hand.

Day 1 (all finished): the welcome ran 22 of 20 minutes (overran: two minutes or more);
the talk ran 18 + 40 = 58 of 50 + 5 granted; the tables 46 of 60 (cut to catch up); tea
was skipped. Day 2, seen at 50.5 minutes in: the welcome ran 20.5 minutes (on time); the
talk has been running for 30.

Per kind, for the items run so far:
    plenary    22 + 20.5 = 42.5 min of 40 planned   -> 43 min, 106 %, 1 overran
    witness    58 + 30 = 88 min of 100 planned       -> 88 %, 5 granted, 1 overran
    small      46 of 60                              -> 77 %, 1 cut short
    break      0 of 15 (skipped)                     -> 0 %, 1 cut short
    all        176.5 min of 215 planned              -> 177 min, 82 %
Sessions: day 1 126 min of 145 (87 %, -19); day 2 50.5 min, of 70 planned for what ran
(72 %, -19.5 rounded halves up to -19), shown as 51 min.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from minipublic import clock
from minipublic.deliberation.time_requests import do_decide_time_request, do_request_time
from minipublic.deliberation.timer import do_pause_item, do_start_item, do_stop_item
from tests.agenda_fixtures import item, lay_out_day, minute, text_of, to_the_room
from tests.cast import Cast

pytestmark = pytest.mark.django_db

MINUS = "\u2212"  # the minus sign of the "against the plan" column

DAY_2 = timedelta(days=1)


@pytest.fixture
def page(public_cast: Cast) -> str:
    """The public agenda page, read by an anonymous visitor during day 2."""
    cast = public_cast
    to_the_room(cast.process)
    one = lay_out_day(cast, "Day 1")
    two = lay_out_day(cast, "Day 2", on=date(2026, 9, 13))
    facilitator, process = cast.users["facilitator"], cast.process

    def run(at: float, action: object, *args: object, **kwargs: object) -> None:
        with clock.frozen_at(minute(at) if at < 24 * 60 else minute(at - 24 * 60) + DAY_2):
            action(facilitator, process, *args, **kwargs)  # type: ignore[operator]

    run(0, do_start_item, item(one, 1))
    run(22, do_start_item, item(one, 2))
    run(22, do_stop_item, item(one, 1))
    with clock.frozen_at(minute(35)):
        request = do_request_time(
            cast.users["participant"], process, item(one, 2), minutes=10, reason="Questions."
        )
        do_decide_time_request(
            facilitator, process, request, grant=True, minutes=5, reason="Five, then tables."
        )
    run(40, do_pause_item, item(one, 2))
    run(45, do_start_item, item(one, 2))
    run(85, do_start_item, item(one, 3))
    run(85, do_stop_item, item(one, 2))
    run(131, do_stop_item, item(one, 3))
    run(131, do_stop_item, item(one, 4))
    day_two = 24 * 60
    run(day_two, do_start_item, item(two, 1))
    run(day_two + 20.5, do_start_item, item(two, 2))
    run(day_two + 20.5, do_stop_item, item(two, 1))
    with clock.frozen_at(minute(50.5) + DAY_2):
        response = cast.client("anonymous").get("/p/riverside/agenda/")
    assert response.status_code == 200
    return text_of(response.content)


def test_the_totals_per_kind(page: str) -> None:
    assert "Plenary 2 / 2 40 0 43 106% 1 0" in page
    assert "Small groups 1 / 2 60 0 46 77% 0 1" in page
    assert "Witness session 2 / 2 100 5 88 88% 1 0" in page
    assert "Individual reflection 0 / 0 0 0 0 — 0 0" in page
    assert "Break 1 / 2 15 0 0 0% 0 1" in page
    assert "All items 6 / 8 215 5 177 82% 2 2" in page
    assert "Witness session: 88% of the time planned" in page
    assert "Small groups: 77% of the time planned" in page
    assert "Individual reflection:" not in page


def test_each_session_item_by_item(page: str) -> None:
    assert "1. Welcome Plenary 20 — 22 +2 Finished: overran by 2 min" in page
    assert "2. Flooding: the evidence Witness session 50 5 58 +8 Finished: overran by 3 min" in page
    assert (
        f"3. Questions at the tables Small groups 60 — 46 {MINUS}14 Finished: cut short by 14 min"
        in page
    )
    assert f"4. Tea Break 15 — 0 {MINUS}15 Skipped: cut by 15 min" in page
    assert f"Session total 145 5 126 {MINUS}19 87% of the time planned for the items run" in page
    day_two = page[page.index("Session 2: Day 2") :]
    assert "1. Welcome Plenary 20 — 21 +1 Finished: on time" in day_two
    assert f"2. Flooding: the evidence Witness session 50 — 30 {MINUS}20 Running" in day_two
    assert "3. Questions at the tables Small groups 60 — — — Not run yet" in day_two
    assert f"Session total 145 0 51 {MINUS}19 72% of the time planned for the items run" in day_two


def test_the_requests_and_the_method(page: str) -> None:
    assert "Session 1, item 2: Flooding: the evidence 10 Questions. Granted in part: 5 min" in page
    assert "Five, then tables." in page
    assert "participant" not in page.lower().replace("participants", "")
    assert "Minutes are rounded to the nearest minute, halves up" in page
    assert "Figures as of 13 Sep 2026, 10:50." in page


def test_a_private_process_shows_its_agenda_to_members_only(cast: Cast) -> None:
    lay_out_day(cast)
    assert cast.client("anonymous").get("/p/riverside/agenda/").status_code == 404
    assert cast.client("outsider").get("/p/riverside/agenda/").status_code == 404
    page = text_of(cast.client("observer").get("/p/riverside/agenda/").content)
    assert "1. Welcome Plenary 20 — — — Not run yet" in page
    assert "No item has been run yet." in page
    assert "No one has asked for more time yet." in page
