"""Events of the commissioner's responses, the follow-up of their implementation and the
members' evaluation questionnaire.

Everything here is public, with its history: who published an answer or a progress
update is a private field, and no entry is written per questionnaire answered.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from minipublic.integrity.dictionary.types import EventType as E

_RESPONSES = "accountability:responses"
_RESULTS = "evaluation:results"

_MILESTONE = {
    "milestone": _("The milestone's number (per process: 1, 2, 3…)."),
    "title": _("What the milestone is."),
    "due_on": _("The day it is due (YYYY-MM-DD)."),
    "done_on": _("The day it was reached (YYYY-MM-DD; null while not yet)."),
}
_ROUND = {
    "round": _("Which round of the questionnaire: start or end."),
    "eligible": _(
        "How many members were asked: the participants with an account plus those "
        "answering on paper."
    ),
}

EVENTS: tuple[E, ...] = (
    E(
        "response.published",
        _("The commissioner answered a recommendation"),
        _(
            "The commissioner publishes their answer to an adopted recommendation, with "
            "reasons, or a new version of it (the earlier one stays public). The answer "
            "is e-mailed to the participants."
        ),
        (
            "recommendation",
            "revision",
            "status",
            "reasons",
            "final_answer_by",
            "deadline",
            "late",
        ),
        ("by",),
        meanings={
            "revision": _("The answer's version for this recommendation (1 for the first)."),
            "status": _("The answer: accepted, accepted_in_part, rejected or under_consideration."),
            "reasons": _("The commissioner's reasons, published with the answer."),
            "final_answer_by": _(
                "For an answer under consideration, the day by which the final answer "
                "comes (YYYY-MM-DD; null otherwise)."
            ),
            "deadline": _(
                "The last day for the answers: the day the report was delivered plus the "
                "process's response days (null if not set)."
            ),
            "late": _("Whether this first answer came after the deadline (false for a revision)."),
            "by": _("The account that published it: private."),
        },
        link=_RESPONSES,
    ),
    E(
        "response.overdue",
        _("An answer to a recommendation is overdue"),
        _(
            "The platform notices, once per recommendation and due day, that an answer is "
            "missing after the deadline, or still under consideration after the day "
            "promised; the oversight group is e-mailed and the page flags it publicly."
        ),
        ("recommendation", "kind", "due_on", "oversight_notified"),
        meanings={
            "kind": _(
                "deadline (no answer by the process's deadline) or final_answer (still "
                "under consideration after the day promised for the final answer)."
            ),
            "due_on": _("The day the answer was due (YYYY-MM-DD)."),
            "oversight_notified": _("How many members of the oversight group were e-mailed."),
        },
        link=_RESPONSES,
    ),
    E(
        "implementation.updated",
        _("Who implements a recommendation was set"),
        _(
            "The body responsible for implementing an accepted recommendation, or the day "
            "its progress is next reviewed, is set or changed (earlier values stay public)."
        ),
        ("recommendation", "responsible_body", "next_review_on"),
        meanings={
            "responsible_body": _("The body responsible for implementing it."),
            "next_review_on": _("The day progress is next reviewed (YYYY-MM-DD; null if none)."),
        },
        link=_RESPONSES,
    ),
    E(
        "milestone.added",
        _("A milestone was added"),
        _("A milestone of an accepted recommendation's implementation is added."),
        ("recommendation", "milestone", "title", "due_on", "done_on"),
        meanings=_MILESTONE,
        link=_RESPONSES,
    ),
    E(
        "milestone.changed",
        _("A milestone was moved or reached"),
        _(
            "A milestone's due day moves, or the day it was reached is recorded or "
            "cleared; each change stays in its public history."
        ),
        ("recommendation", "milestone", "changes"),
        meanings={
            **_MILESTONE,
            "changes": _(
                "Each change: the field (due_on or done_on) with its value before and after "
                "(YYYY-MM-DD or null)."
            ),
        },
        link=_RESPONSES,
    ),
    E(
        "progress.reported",
        _("Progress on a recommendation was reported"),
        _(
            "The commissioner, or the lead practitioner on behalf of the responsible "
            "body, publishes a progress update on an accepted recommendation (never "
            "edited); it is e-mailed to the participants."
        ),
        ("recommendation", "update", "status", "text", "as_of", "on_behalf_of"),
        ("by",),
        meanings={
            "update": _("The progress update's number (per process: 1, 2, 3…)."),
            "status": _("How it is going: not_started, on_track, delayed or done."),
            "text": _("What has happened, in the poster's words."),
            "as_of": _("The day the update describes (YYYY-MM-DD)."),
            "on_behalf_of": _(
                "The responsible body a lead practitioner posted it for (null when the "
                "commissioner posted it)."
            ),
            "by": _("The account that posted it: private."),
        },
        link=_RESPONSES,
    ),
    E(
        "updates.sent",
        _("The participants were e-mailed an update"),
        _(
            "The participants' e-mail about an answer or a progress update has been sent "
            "(each their own message; who opted out is never recorded)."
        ),
        ("about", "recommendation", "revision", "update", "recipients"),
        meanings={
            "about": _("What it was about: response or progress."),
            "revision": _("For an answer, its version (see response.published)."),
            "update": _("For a progress update, its number (see progress.reported)."),
            "recipients": _("How many participants it was sent to."),
        },
        link=_RESPONSES,
        feed=False,
    ),
    E(
        "evaluation.round_opened",
        _("A round of the members' questionnaire opened"),
        _(
            "The start or the end round of the members' evaluation questionnaire opens "
            "with a complete questionnaire. Answers are confidential: no entry is written "
            "per answer."
        ),
        ("round", "instrument", "version", "sha256", "wording", "questions", "eligible"),
        meanings={
            **_ROUND,
            "instrument": _("The questionnaire's short name."),
            "version": _("The questionnaire's version."),
            "sha256": _("The SHA-256 of the questionnaire's file, to check a copy against."),
            "wording": _("Whose words the questions are: OECD, or minipublic's own."),
            "questions": _("How many questions this round asks."),
        },
        link=_RESULTS,
    ),
    E(
        "evaluation.round_closed",
        _("A round of the members' questionnaire closed"),
        _(
            "A round closes and its questionnaires are counted; its results are published "
            "only if enough came in for no answer to be singled out."
        ),
        (
            "round",
            "online",
            "paper",
            "answers",
            "eligible",
            "results_published",
            "min_answers",
        ),
        meanings={
            **_ROUND,
            "online": _("Questionnaires answered online."),
            "paper": _("Questionnaires answered on paper and typed in afterwards."),
            "answers": _("Questionnaires received in all."),
            "results_published": _("Whether the results are published (enough answers came in)."),
            "min_answers": _("The fewest questionnaires a round needs for its results to show."),
        },
        link=_RESULTS,
    ),
    E(
        "learning.case_published",
        _("A case record of this process was published in the library"),
        _(
            "The lead practitioner published an anonymised case record of this process in "
            "the site's case library and chose to name the process. A record published "
            "without naming it writes nothing here."
        ),
        ("public_id", "title"),
        meanings={
            "public_id": _("The library entry's public identifier (not the process's slug)."),
            "title": _("The anonymised title of the record as published."),
        },
    ),
)
