"""The public registration form, end to end through HTTP, and the questions behind it."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from minipublic.integrity.record import entries
from minipublic.lifecycle import LifecycleError, Phase, Visibility
from minipublic.processes import actions
from minipublic.processes.access import SYSTEM
from minipublic.processes.models import Process
from minipublic.recruitment.invitations import do_draw_invitations, do_upload_address_list
from minipublic.recruitment.models import Registrant
from minipublic.recruitment.questions import do_save_feature, do_update_registration
from minipublic.recruitment.registration import household_of
from tests.cast import Cast, make_cast


@pytest.fixture
def cast(db: None) -> Cast:
    """The riverside process, public: registration exists only for public processes."""
    return make_cast(Visibility.PUBLIC)


pytestmark = pytest.mark.django_db

URL = "/p/riverside/register/"
NOTICE = "We keep your details until the panel is chosen, then delete them."


def open_registration(process: Process, *, code_required: bool = False) -> None:
    """Give the process two questions, move it to recruitment and open registration.

    Also forgets earlier attempts counted by the rate limit (the cache outlives a test).
    """
    cache.clear()
    do_save_feature(
        SYSTEM,
        process,
        name="age",
        question="How old are you?",
        values=[("16-29", "16 to 29", False), ("30-plus", "30 or more", False)],
    )
    do_save_feature(
        SYSTEM,
        process,
        name="gender",
        question="What is your gender?",
        values=[
            ("woman", "Woman", False),
            ("man", "Man", False),
            ("pnts", "Prefer not to say", True),
        ],
    )
    actions.do_change_phase(SYSTEM, process, Phase.RECRUITMENT, "Design agreed")
    process.refresh_from_db()
    do_update_registration(
        SYSTEM, process, open=True, code_required=code_required, privacy_notice=NOTICE
    )


def form_data(**changes: Any) -> dict[str, Any]:
    """A valid registration, with ``changes``."""
    data: dict[str, Any] = {
        "first_name": "Ada",
        "last_name": "Brook",
        "email": "ada@example.org",
        "phone": "",
        "address": "1 Mill Lane",
        "postcode": "RV1 1AB",
        "q_age": "16-29",
        "q_gender": "pnts",
        "access_needs": ["childcare"],
        "access_details": "",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_valid_registration_joins_the_pool_and_thanks_the_person(cast: Cast) -> None:
    open_registration(cast.process)
    page = Client().get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert NOTICE in html
    for hint in (
        'autocomplete="given-name"',
        'autocomplete="family-name"',
        'autocomplete="email"',
        'autocomplete="tel"',
        'autocomplete="street-address"',
        'autocomplete="postal-code"',
    ):
        assert hint in html
    assert "<legend>How old are you?</legend>" in html
    response = Client().post(URL, form_data())
    assert response.status_code == 302
    assert response["Location"] == "/p/riverside/register/thanks/"
    person = Registrant.objects.get()
    assert person.answers == {"age": "16-29", "gender": "pnts"}
    assert person.access_needs == ["childcare"]
    assert person.pseudonym.startswith("R-")
    assert len(person.pseudonym) == 8
    assert person.consent_at is not None
    assert person.source == "form"
    assert person.household == household_of("1 mill lane", "rv1 1ab")
    assert Client().get(response["Location"]).status_code == 200
    # No ledger entry names or counts the registrant.
    assert not entries(cast.process).filter(event__startswith="registrant").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"first_name": ""}, "This field is required"),
        ({"q_age": None}, "Choose an answer to this question."),
        ({"q_age": "99"}, "Select a valid choice"),
        ({"email": "not-an-address"}, "Enter a valid email address"),
        ({"email": "", "address": "", "phone": ""}, "Give an e-mail address, a phone number"),
        ({"consent": None}, "Tick the box to agree to the privacy notice."),
    ],
)
def test_each_invalid_registration_is_refused_and_saves_nothing(
    cast: Cast, changes: dict[str, Any], message: str
) -> None:
    open_registration(cast.process)
    response = Client().post(URL, form_data(**changes))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'class="error-summary"' in html
    assert not Registrant.objects.exists()


def test_a_code_is_required_valid_and_used_once(cast: Cast) -> None:
    content = b"address,postcode\n1 Mill Lane,RV1 1AB\n2 Mill Lane,RV1 1AB\n"
    addresses = do_upload_address_list(
        SYSTEM, cast.process, name="Post", filename="a.csv", content=content
    )
    open_registration(cast.process, code_required=True)
    draw = do_draw_invitations(SYSTEM, cast.process, addresses, size=2, seed="s")
    code = draw.invitations.first().code  # type: ignore[union-attr]
    bad = Client().post(URL, form_data(code="ZZZZZZZZ"))
    assert bad.status_code == 400
    assert "This registration code is not valid" in bad.content.decode()
    missing = Client().post(URL, form_data(code=""))
    assert missing.status_code == 400
    assert not Registrant.objects.exists()
    typed = f"{code[:4].lower()}-{code[4:].lower()}"
    assert Client().post(URL, form_data(code=typed)).status_code == 302
    assert Registrant.objects.get().invitation.code == code  # type: ignore[union-attr]
    again = Client().post(URL, form_data(code=code, email="other@example.org"))
    assert again.status_code == 400
    assert Registrant.objects.count() == 1


def test_registration_is_not_found_until_opened_and_says_when_closed(cast: Cast) -> None:
    assert Client().get(URL).status_code == 404
    open_registration(cast.process)
    assert Client().post(URL, form_data()).status_code == 302
    do_update_registration(
        SYSTEM, cast.process, open=False, code_required=False, privacy_notice=NOTICE
    )
    page = Client().get(URL)
    assert "Registration for Riverside Citizens&#x27; Assembly is closed" in page.content.decode()
    assert Client().post(URL, form_data(email="late@example.org")).status_code == 200
    assert Registrant.objects.count() == 1


def test_registration_needs_the_recruitment_phase(cast: Cast) -> None:
    open_registration(cast.process)
    actions.do_change_phase(SYSTEM, cast.process, Phase.SELECTION, "Recruitment done")
    assert "is closed" in Client().get(URL).content.decode()
    assert Client().post(URL, form_data()).status_code == 200
    assert not Registrant.objects.exists()


def test_a_filled_honeypot_thanks_the_bot_and_saves_nothing(cast: Cast) -> None:
    open_registration(cast.process)
    response = Client().post(URL, form_data(website="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"].endswith("/register/thanks/")
    assert not Registrant.objects.exists()
    assert 'tabindex="-1"' in Client().get(URL).content.decode()


def test_too_many_attempts_are_refused(cast: Cast, settings: Any) -> None:
    settings.REGISTRATION_RATE_LIMIT = 2
    open_registration(cast.process)
    client = Client()
    assert client.post(URL, form_data(first_name="")).status_code == 400
    assert client.post(URL, form_data(email="b@example.org")).status_code == 302
    third = client.post(URL, form_data(email="c@example.org"))
    assert third.status_code == 429
    assert "Too many attempts" in third.content.decode()
    assert Registrant.objects.count() == 1


def test_duplicates_and_households_are_flagged_not_revealed(cast: Cast) -> None:
    open_registration(cast.process)
    assert Client().post(URL, form_data()).status_code == 302
    same_email = Client().post(URL, form_data(first_name="Adda", email="ADA@example.org"))
    assert same_email.status_code == 302  # the same thank-you: nothing revealed
    same_name = Client().post(URL, form_data(email="ada2@example.org", address="9 Elm Road"))
    assert same_name.status_code == 302
    housemate = Client().post(
        URL, form_data(first_name="Ben", email="ben@example.org", address="1, Mill  Lane")
    )
    assert housemate.status_code == 302
    first, by_email, by_name, ben = Registrant.objects.order_by("pk")
    assert first.duplicate_of is None
    assert by_email.duplicate_of == first
    assert by_name.duplicate_of == first
    assert ben.duplicate_of is None
    assert ben.household == first.household != ""
    page = cast.client("recruiter").get("/p/riverside/manage/registrants/").content.decode()
    assert f"Possible duplicate of {first.pseudonym}" in page
    assert "Shares an address" in page


def test_the_confirmation_email_goes_to_the_registrant_only(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    open_registration(cast.process)
    Client().post(URL, form_data(email="first@example.org"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            Client().post(URL, form_data(first_name="Cy", email="cy@example.org")).status_code
            == 302
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["cy@example.org"]
    assert "you are registered for Riverside" in message.body
    assert "If you are selected, we will contact you" in message.body
    assert "first@example.org" not in message.body
    assert "Ada" not in message.body
    person = Registrant.objects.get(email="cy@example.org")
    assert person.pseudonym not in message.body


def test_questions_and_settings_are_recorded_and_locked_once_registered(cast: Cast) -> None:
    open_registration(cast.process)
    events = [e.event for e in entries(cast.process)]
    assert events.count("questions.updated") == 2
    last = entries(cast.process).filter(event="questions.updated").last()
    assert last.payload["features"] == {  # type: ignore[union-attr]
        "age": ["16-29", "30-plus"],
        "gender": ["woman", "man", "pnts"],
    }
    update = entries(cast.process).filter(event="registration.updated").last()
    assert update.payload == {  # type: ignore[union-attr]
        "open": True,
        "code_required": False,
        "privacy_version": 1,
        "closes_on": None,
    }
    changed = do_update_registration(
        SYSTEM, cast.process, open=True, code_required=False, privacy_notice=NOTICE + " Also."
    )
    assert changed.privacy_version == 2
    Client().post(URL, form_data())
    assert Registrant.objects.get().privacy_version == 2
    with pytest.raises(LifecycleError) as refused:
        do_save_feature(
            SYSTEM,
            cast.process,
            name="area",
            question="Where?",
            values=[("n", "North", False), ("s", "South", False)],
        )
    assert refused.value.code == "questions_locked"


def test_the_recruiter_sets_up_registration_through_the_pages(cast: Cast) -> None:
    client = cast.client("recruiter")
    new = client.post(
        "/p/riverside/manage/registration/questions/new/",
        {
            "name": "age",
            "question": "How old are you?",
            "values": "young | 16 to 29\nolder | 30 or more\npnts | Prefer not to say",
            "prefer_not_to_say": "pnts",
        },
    )
    assert new.status_code == 302
    feature = cast.process.features.get()
    assert [v.prefer_not_to_say for v in feature.values.all()] == [False, False, True]
    bad = client.post(
        "/p/riverside/manage/registration/questions/new/",
        {"name": "age", "question": "Again?", "values": "a | A\nb | B"},
    )
    assert bad.status_code == 400
    assert "There is already a question age." in bad.content.decode()
    actions.do_change_phase(SYSTEM, cast.process, Phase.RECRUITMENT, "Design agreed")
    saved = client.post(
        "/p/riverside/manage/registration/", {"open": "on", "privacy_notice": NOTICE}
    )
    assert saved.status_code == 302
    assert Client().get(URL).status_code == 200
    process_page = client.get("/p/riverside/").content.decode()
    assert "/p/riverside/register/" in process_page
    assert "/p/riverside/manage/registration/" in process_page


def test_a_private_process_has_no_registration_page() -> None:
    private = make_cast()  # private, like every process when it starts
    with pytest.raises(LifecycleError) as refused:
        open_registration(private.process)
    assert refused.value.code == "registration_needs_public"
    assert Client().get(URL).status_code == 404
    assert Client().post(URL, form_data()).status_code == 404
    assert not Registrant.objects.exists()
