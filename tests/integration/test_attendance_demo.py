"""The demo assembly's attendance and messages, as ``minipublic demo`` loads them: sessions
9 and 10 recorded (some by code), one member absent from both with a follow-up for the
recruiter, one excused; a message to all and one to table 2 of session 10, sent."""

from __future__ import annotations

from minipublic.integrity.models import LedgerEntry
from minipublic.participants.attendance_models import Attendance, FollowUpTask
from minipublic.participants.message_models import Message
from minipublic.processes.models import Process


def test_the_demo_shows_attendance_follow_up_and_messages(db: None, demo_db: None) -> None:
    process = Process.objects.get(slug="demo")
    for number, absent, excused in ((9, 1, 0), (10, 1, 1)):
        rows = Attendance.objects.filter(session__process=process, session__number=number)
        assert rows.count() == 24
        assert rows.filter(status="absent").count() == absent
        assert rows.filter(status="excused").count() == excused
        assert rows.filter(method="code").count() == 5
    task = FollowUpTask.objects.get(process=process)
    assert task.done_at is None
    assert task.absences == 2
    assert task.assigned_to is not None
    assert task.assigned_to.username == "recruiter"
    messages = list(Message.objects.filter(process=process).order_by("created_at"))
    # To all before session 9, to table 2 after session 10, and the Gazette's request
    # passed on to all (demo/portal_story.py).
    assert [m.audience for m in messages] == ["all", "table", "all"]
    assert messages[0].deliveries.count() == 24
    assert messages[1].table is not None
    assert (messages[1].table.session.number, messages[1].table.number) == (10, 2)
    assert messages[1].sender_role == "facilitator"
    for message in messages:
        assert set(message.deliveries.values_list("status", flat=True)) <= {"sent", "unreachable"}
    assert LedgerEntry.objects.filter(process=process, event="message.delivered").count() == 3
