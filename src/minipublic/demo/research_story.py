"""The demo's research project: Dr Amara Nwosu (the ``researcher`` account) codes two
invented interviews with practitioners, anonymised and reviewed, with the seed codebook and
one inductive code (docs/learning.md). Restoring the demo deletes and recreates only this
project. Everything in the transcripts is fictional."""

from __future__ import annotations

from datetime import UTC, datetime

from minipublic.accounts.models import User
from minipublic.clock import frozen_at
from minipublic.learning import research_actions as actions
from minipublic.learning.library_models import LibraryEntry
from minipublic.learning.research_models import ResearchProject, ResearchSource

PROJECT = "Pressure and practice in local mini-publics"
DESCRIPTION = (
    "How practitioners of local citizens' assemblies and juries meet pressure to steer, "
    "pressure for impact and market pressure, and what they do about it. Interviews with "
    "practitioners (invented for the demo) and the reflections published in the library."
)

# Invented interviews, written for the demo: no real person, council or place.
INTERVIEW_A = "\n\n".join(
    (
        "[Fictional interview written for the minipublic demo. No real people or places.]",
        "Interviewer: Can you tell me about a time the commissioner tried to shape the evidence?",
        (
            "Gareth Plimsoll: On the jury we ran for Westmere District Council, the head of "
            "planning sent us a list of six speakers and asked us to drop the housing campaigner."
            " We said the participants' oversight group chooses the witnesses, not us and not the"
            " council. It took three meetings, but she stayed on the list."
        ),
        "Interviewer: Did it stop there?",
        (
            "Gareth Plimsoll: No. When the draft report came in, an officer asked whether the "
            'line on second homes could be "softened a little before it goes to cabinet". We '
            "refused; the report belongs to the jurors. Honestly the jurors were fiercer about "
            "that than we were — they wrote to the local paper in Hollin Bridge when they heard."
        ),
        "Interviewer: What do you check before you take on a commission now?",
        (
            "Gareth Plimsoll: Whether there is a named person who will answer the "
            "recommendations, and a date. If the council cannot tell me who will respond and "
            "when, that is a red flag, and I will say so in the first meeting."
        ),
    )
)

INTERVIEW_B = "\n\n".join(
    (
        "[Fictional interview written for the minipublic demo. No real people or places.]",
        "Interviewer: How has the market for this work changed?",
        (
            "Priti Vandersloot: There are more of us bidding, and some of the new firms come from"
            " market research. One bid for an assembly in Calder Valley offered four Saturdays at"
            " half our price, which you can only do by cutting the learning phase. And the "
            "council wanted us to sign a non-disclosure agreement covering the participants' "
            "report."
        ),
        "Interviewer: What did you do?",
        (
            "Priti Vandersloot: We said we could not sign it; a citizens' assembly with a secret "
            "report is not one. In the end we walked away from that contract. It cost us, but our"
            " name is all we have."
        ),
        "Interviewer: Anything you would do differently?",
        (
            "Priti Vandersloot: Fund the follow-up from the start. Two years on, nobody at Calder"
            " Valley Council has the budget to report back to the members, and they keep asking "
            "us what happened to their recommendations."
        ),
    )
)

KNOWN_A = (
    "Gareth Plimsoll = [interviewee]\n"
    "Westmere District Council = [a district council]\n"
    "Hollin Bridge = [the town]"
)
KNOWN_B = (
    "Priti Vandersloot = [interviewee]\n"
    "Calder Valley Council = [a county council]\n"
    "Calder Valley = [the county]"
)

# (source, exact words, code keys, memo)
CODING = (
    ("A", "asked us to drop the housing campaigner", ("steer.expert_selection",), ""),
    (
        "A",
        'asked whether the line on second homes could be "softened a little before it goes '
        'to cabinet"',
        ("steer.report_content",),
        "Indirect wording; no threat made.",
    ),
    (
        "A",
        "the jurors were fiercer about that than we were",
        ("response.participants_as_defenders", "inductive.going_public"),
        "",
    ),
    (
        "A",
        "If the council cannot tell me who will respond and when, that is a red flag",
        ("response.red_flags", "impact.no_response"),
        "",
    ),
    (
        "B",
        "offered four Saturdays at half our price, which you can only do by cutting the "
        "learning phase",
        ("market.new_providers", "steer.time"),
        "Price competition squeezing time.",
    ),
    ("B", "sign a non-disclosure agreement", ("market.non_disclosure",), ""),
    ("B", "we walked away from that contract", ("response.walking_away",), ""),
    (
        "B",
        "nobody at [a county council] has the budget to report back to the members",
        ("impact.no_follow_up_funding",),
        "",
    ),
)


def _at(day: int, hour: int = 10) -> datetime:
    return datetime(2025, 10, day, hour, 0, tzinfo=UTC)


def _code(researcher: User, project: ResearchProject, sources: dict[str, ResearchSource]) -> None:
    codes = {code.key: code for code in project.codes.all()}
    for number, (which, words, keys, memo) in enumerate(CODING):
        source = sources[which]
        start = source.text.index(words)
        with frozen_at(_at(20, 9 + number)):
            actions.do_code_excerpt(
                researcher,
                project,
                source,
                start=start,
                end=start + len(words),
                codes=[codes[key] for key in keys],
                memo=memo,
            )


def load_research(users: dict[str, User]) -> None:
    """Create (or recreate) the demo research project of the ``researcher`` account."""
    researcher = users["researcher"]
    ResearchProject.objects.filter(owner=researcher, name=PROJECT).delete()
    with frozen_at(_at(6)):
        project = actions.do_create_project(researcher, name=PROJECT, description=DESCRIPTION)
        actions.do_add_code(
            researcher,
            project,
            name="Going public",
            definition="Participants or practitioners take a dispute about the process to the "
            "press or the public, to protect the process's integrity.",
            parent=project.codes.get(key="response"),
        )
    sources: dict[str, ResearchSource] = {}
    for day, (which, text, known, name) in enumerate(
        (
            ("A", INTERVIEW_A, KNOWN_A, "Interview 1 (lead practitioner, district council jury)"),
            ("B", INTERVIEW_B, KNOWN_B, "Interview 2 (director of a small provider)"),
        ),
        start=13,
    ):
        with frozen_at(_at(day)):
            source = actions.do_upload_transcript(
                researcher,
                project,
                name=name,
                filename=f"interview-{which.lower()}.txt",
                content=text.encode("utf-8"),
                known_names=known,
            )
        with frozen_at(_at(day, 15)):
            sources[which] = actions.do_review_source(
                researcher, project, source, terms=source.redaction_terms
            )
    _code(researcher, project, sources)
    # The reflections of the library's published entries, when the demo has some.
    for entry in LibraryEntry.objects.filter(published_at__isnull=False, withdrawn_at=None):
        if (entry.sections or {}).get("lessons", "").strip():
            with frozen_at(_at(21)):
                actions.do_import_reflections(researcher, project, entry=entry)
