"""Named actions: access is checked against the process as it is in the database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.exceptions import PermissionDenied

from minipublic.lifecycle import Phase, ProcessModel
from minipublic.processes import actions
from minipublic.processes.access import SYSTEM
from minipublic.processes.models import Process
from tests.cast import Cast


def test_a_stale_copy_of_the_process_cannot_slip_past_a_phase_change(cast: Cast) -> None:
    stale = Process.objects.get(pk=cast.process.pk)  # loaded while still in design
    Process.objects.filter(pk=cast.process.pk).update(phase=Phase.DELIBERATION)
    with pytest.raises(PermissionDenied):
        actions.do_update_process(
            cast.users["commissioner"],
            stale,
            title="Steered",
            question="A narrower question",
            commissioning_body="Riverside Council",
            model=ProcessModel.CITIZENS_ASSEMBLY,
        )
    assert cast.refresh().title == "Riverside Citizens' Assembly"


def test_people_cannot_back_date_records(cast: Cast) -> None:
    with pytest.raises(ValueError, match="back-date"):
        actions.do_change_phase(
            cast.users["lead_practitioner"],
            cast.process,
            Phase.RECRUITMENT,
            at=datetime(2020, 1, 1, tzinfo=UTC),
        )
    assert cast.refresh().phase == Phase.DESIGN


def test_only_the_system_deletes_a_process(cast: Cast) -> None:
    with pytest.raises(PermissionDenied):
        actions.do_delete_process(cast.users["lead_practitioner"], cast.process)
    actions.do_delete_process(SYSTEM, cast.process)
    assert not Process.objects.exists()
