"""Events of drafting and voting on the recommendations, the minority reports and the
participants' report.

Drafts are not for the commissioner's or the public's eyes: the ledger holds a
commitment to every wording (its SHA-256), never the draft, and who wrote, edited,
supported or signed anything only as a private field. Routine steps (each edit, comment,
drafting-group change, amendment step, support and signature) stay out of the feed.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from minipublic.integrity.dictionary.types import EventType as E

_LIST = "recommendations:list"
_MINORITY = "recommendations:list#minority-heading"
_REPORT = "report:page"

_WORDING_SHA256 = _(
    "The SHA-256 of the recommendation's wording (theme, title, text and rationale, "
    "UTF-8, joined by a blank line): the draft itself is never in the ledger."
)
_AMENDMENT = {
    "recommendation": _("The number of the recommendation it amends."),
    "amendment": _("The amendment's number within that recommendation (1, 2, 3…)."),
}
_VOTE = {
    "vote": _("The vote's number (per process: 1, 2, 3…)."),
    "recommendation": _("The number of the recommendation voted on."),
    "amendment": _(
        "The number of the amendment voted on (null for a vote on adopting the recommendation)."
    ),
    "adoption_percent": _(
        "The threshold fixed for this vote when it opened: the share of the ballots "
        "(abstentions left out) that must be at a supporting level, in percent."
    ),
}
_REPORT_TEXT = ("version", "content_sha256", "adopted_recommendations", "minority_reports")
_REPORT_MEANINGS = {
    "version": _("The report's version number (1 for the first)."),
    "content_sha256": _(
        "The SHA-256 of what participants sign: the version's title, introduction and "
        "closing with the assembled recommendations and minority reports, in canonical JSON."
    ),
    "adopted_recommendations": _("How many adopted recommendations the version holds."),
    "minority_reports": _("How many minority reports (those with enough support) it holds."),
    "signatures_cleared": _(
        "How many signatures of the text as it was were cleared: a change needs signing again."
    ),
}
_SIGNATURE = {
    "version": _("The number of the version signed."),
    "signatures": _("How many participants have signed this version now."),
    "signer": _("The participant who signed: private."),
}

EVENTS: tuple[E, ...] = (
    E(
        "drafting.rules_set",
        _("The thresholds of the votes were set"),
        _(
            "The team sets the thresholds for adopting a recommendation, for a minority "
            "report to enter the report and for signing the report off; only before the "
            "first vote opens."
        ),
        ("adoption_percent", "minority_percent", "sign_off_percent"),
        meanings={
            "adoption_percent": _(
                "The share of the ballots (abstentions left out) that must support a "
                "recommendation or an amendment for it to pass, in percent."
            ),
            "minority_percent": _(
                "The share of the participants whose support puts a minority report into "
                "the report, in percent."
            ),
            "sign_off_percent": _(
                "The share of the participants whose signatures freeze the report, in percent."
            ),
        },
        link=_LIST,
    ),
    E(
        "recommendation.drafted",
        _("A recommendation was written"),
        _(
            "A participant writes a new recommendation and forms its drafting group. Its "
            "wording stays among the members until the report is frozen."
        ),
        ("number", "sha256"),
        ("title", "drafter"),
        meanings={
            "number": _("The recommendation's number (per process: 1, 2, 3…)."),
            "sha256": _WORDING_SHA256,
            "title": _("The draft's title: private, like the draft."),
            "drafter": _("The participant who wrote it: private."),
        },
        link=_LIST,
    ),
    E(
        "recommendation.revised",
        _("A recommendation was edited by its drafting group"),
        _("A member of the drafting group changes the draft's wording; each edit is kept."),
        ("number", "revision", "sha256"),
        ("editor",),
        meanings={
            "number": _("The recommendation's number."),
            "revision": _("The number of the wording now (1 was the first draft)."),
            "sha256": _WORDING_SHA256,
        },
        link=_LIST,
        feed=False,
    ),
    E(
        "recommendation.withdrawn",
        _("A recommendation was withdrawn"),
        _(
            "Its drafting group withdraws a draft, with a reason, once no amendment to it "
            "awaits a decision; it is not put to the vote."
        ),
        ("number",),
        ("reason",),
        meanings={
            "number": _("The recommendation's number."),
            "reason": _("The drafting group's reason: private, like the draft."),
        },
        link=_LIST,
    ),
    E(
        "recommendation.commented",
        _("A recommendation was commented on"),
        _(
            "A participant comments on a recommendation being drafted or voted on (the "
            "comment itself is not in the ledger)."
        ),
        ("number",),
        ("author",),
        meanings={
            "number": _("The recommendation's number."),
            "author": _("The participant who commented: private."),
        },
        link=_LIST,
        feed=False,
    ),
    E(
        "drafting_group.joined",
        _("A participant joined a drafting group"),
        _("A participant joins the group that edits a draft recommendation."),
        ("number",),
        ("member",),
        meanings={"number": _("The recommendation's number.")},
        link=_LIST,
        feed=False,
    ),
    E(
        "drafting_group.left",
        _("A participant left a drafting group"),
        _("A participant leaves a recommendation's drafting group (they may join it again)."),
        ("number",),
        ("member",),
        meanings={"number": _("The recommendation's number.")},
        link=_LIST,
        feed=False,
    ),
    E(
        "amendment.proposed",
        _("An amendment was proposed"),
        _(
            "A participant proposes a new text for a draft recommendation, with a reason; "
            "only its drafting group decides on it, or puts it to a vote of all."
        ),
        ("recommendation", "amendment", "sha256"),
        ("proposer",),
        meanings={
            **_AMENDMENT,
            "sha256": _("The SHA-256 of the proposed text (UTF-8): the text itself stays private."),
            "proposer": _("The participant who proposed it: private."),
        },
        link=_LIST,
        feed=False,
    ),
    E(
        "amendment.accepted",
        _("An amendment was accepted by the drafting group"),
        _("The drafting group accepts an amendment: the recommendation's text becomes its text."),
        ("recommendation", "amendment", "revision", "sha256"),
        meanings={
            **_AMENDMENT,
            "revision": _("The number of the recommendation's wording with the amendment in it."),
            "sha256": _WORDING_SHA256,
        },
        link=_LIST,
        feed=False,
    ),
    E(
        "amendment.put_to_vote",
        _("An amendment was put to a vote of all the participants"),
        _(
            "The drafting group does not accept an amendment, so it goes to a vote of all "
            "the participants (never silently dropped); the vote has its own entries, and "
            "one that carries the amendment changes the text."
        ),
        ("recommendation", "amendment"),
        meanings=_AMENDMENT,
        link=_LIST,
        feed=False,
    ),
    E(
        "amendment.withdrawn",
        _("An amendment was withdrawn"),
        _("Its proposer withdraws an amendment before the drafting group decides on it."),
        ("recommendation", "amendment"),
        meanings=_AMENDMENT,
        link=_LIST,
        feed=False,
    ),
    E(
        "recommendation_vote.opened",
        _("A vote on a recommendation opened"),
        _(
            "The team opens the participants' vote on adopting a recommendation (its "
            "wording is fixed from now on) or on carrying an amendment. No entry is "
            "written per ballot: its timing would hint at how people voted."
        ),
        ("vote", "recommendation", "amendment", "sha256", "adoption_percent", "eligible"),
        meanings={
            **_VOTE,
            "sha256": _(
                "The SHA-256 of what is voted on: the recommendation's wording (theme, "
                "title, text and rationale, joined by a blank line) or the amendment's text."
            ),
            "eligible": _(
                "How many members held the participant role when it opened (they may vote "
                "online; paper ballots are added when it closes)."
            ),
        },
        link=_LIST,
    ),
    E(
        "recommendation_vote.closed",
        _("A vote on a recommendation was counted"),
        _(
            "The team closes a vote: the ballots (online, plus those counted on paper in "
            "the room) are counted per level of support, the recommendation is adopted or "
            "not, or the amendment carried or rejected, and the ballots are deleted."
        ),
        (
            "vote",
            "recommendation",
            "amendment",
            "counts",
            "paper_counts",
            "cast",
            "supporting",
            "share_percent",
            "adoption_percent",
            "outcome",
        ),
        ("voters",),
        meanings={
            **_VOTE,
            "counts": _(
                "The ballots at each level of support, online and paper together (full, "
                "reservations, live_with, not_support, oppose, abstain)."
            ),
            "paper_counts": _(
                "The paper ballots the team counted in the room, per level (already in counts)."
            ),
            "cast": _("How many ballots were cast, abstentions included."),
            "supporting": _(
                "How many ballots were at a supporting level (full, reservations, live_with)."
            ),
            "share_percent": _(
                "The supporting ballots as a share of those that were not abstentions, in "
                "percent to one decimal."
            ),
            "outcome": _(
                "adopted or not_adopted for a recommendation; carried or rejected for an amendment."
            ),
            "voters": _("The accounts that voted online (never how each voted): private."),
        },
        link=_LIST,
    ),
    E(
        "minority_report.written",
        _("A minority report was written"),
        _(
            "A participant writes a minority report about a recommendation or about the "
            "report as a whole; it enters the report once enough participants support it."
        ),
        ("number", "recommendation", "sha256"),
        ("author",),
        meanings={
            "number": _("The minority report's number (per process: 1, 2, 3…)."),
            "recommendation": _(
                "The number of the recommendation it is about (null: the report as a whole)."
            ),
            "sha256": _("The SHA-256 of its title and text (UTF-8, joined by a blank line)."),
            "author": _("The participant who wrote it (its first supporter): private."),
        },
        link=_MINORITY,
    ),
    E(
        "minority_report.withdrawn",
        _("A minority report was withdrawn"),
        _("Its author withdraws a minority report: it never goes into the report."),
        ("number",),
        meanings={"number": _("The minority report's number.")},
        link=_MINORITY,
    ),
    E(
        "minority_report.supported",
        _("A participant supported a minority report"),
        _("A participant adds their support to a minority report."),
        ("number", "supporters"),
        ("supporter",),
        meanings={
            "number": _("The minority report's number."),
            "supporters": _("How many participants support it now."),
            "supporter": _("The participant: private."),
        },
        link=_MINORITY,
        feed=False,
    ),
    E(
        "minority_report.support_withdrawn",
        _("A participant withdrew their support for a minority report"),
        _("A participant takes back their support for a minority report."),
        ("number", "supporters"),
        ("supporter",),
        meanings={
            "number": _("The minority report's number."),
            "supporters": _("How many participants support it now."),
            "supporter": _("The participant: private."),
        },
        link=_MINORITY,
        feed=False,
    ),
    E(
        "report.assembled",
        _("The participants' report was assembled"),
        _(
            "A participant assembles the report from the adopted recommendations and the "
            "minority reports with enough support, with the participants' own title, "
            "introduction and closing: its first version, or again the version being "
            "signed (which clears its signatures)."
        ),
        (*_REPORT_TEXT, "signatures_cleared"),
        meanings=_REPORT_MEANINGS,
        link=_REPORT,
    ),
    E(
        "report.edited",
        _("The participants' report was edited"),
        _(
            "A participant changes the title, introduction or closing of the version being "
            "signed; its signatures are cleared."
        ),
        (*_REPORT_TEXT, "signatures_cleared"),
        meanings=_REPORT_MEANINGS,
        link=_REPORT,
        feed=False,
    ),
    E(
        "report.version_started",
        _("A new version of the participants' report was started"),
        _(
            "After a version is frozen, a participant starts the next one, saying why; it "
            "begins as a copy and needs the same sign-off."
        ),
        ("version", "previous", "reason", "content_sha256"),
        meanings={
            **_REPORT_MEANINGS,
            "version": _("The new version's number."),
            "previous": _("The number of the frozen version it follows."),
            "reason": _("Why the report needs a new version, in the participants' words."),
        },
        link=_REPORT,
    ),
    E(
        "report.signed",
        _("A participant signed the report"),
        _(
            "A participant signs the newest version as themselves; the signature that "
            "reaches the threshold freezes it once the parking lot is clear. A signature "
            "after the freeze is counted apart and changes nothing published."
        ),
        ("version", "content_sha256", "signatures", "needed", "after_freeze"),
        ("signer",),
        meanings={
            **_SIGNATURE,
            "content_sha256": _(
                "The SHA-256 of the text as signed (see report.assembled): a signature is "
                "for that text only."
            ),
            "needed": _("How many signatures freeze the report now."),
            "after_freeze": _("Whether the version was already frozen when signed."),
        },
        link=_REPORT,
        feed=False,
    ),
    E(
        "report.signature_withdrawn",
        _("A participant withdrew their signature from the report"),
        _("A participant takes back their signature before the version is frozen."),
        ("version", "signatures"),
        ("signer",),
        meanings=_SIGNATURE,
        link=_REPORT,
        feed=False,
    ),
    E(
        "report.frozen",
        _("The participants' report was signed off and frozen"),
        _(
            "Enough participants signed and the parking lot is clear: the version is "
            "frozen and never changes, and its PDF and HTML are published (each with its "
            "own document.published entry just before)."
        ),
        (
            "version",
            "title",
            "reason",
            "content_sha256",
            "pdf",
            "html",
            "signatures",
            "participants",
            "needed",
            "sign_off_percent",
            "replaces",
        ),
        meanings={
            **_REPORT_MEANINGS,
            "version": _("The number of the version frozen."),
            "title": _("The report's title."),
            "reason": _("Why this version was made (empty for the first)."),
            "pdf": _("The PDF's path in the bundle and its SHA-256: the bundle's file must match."),
            "html": _(
                "The HTML's path in the bundle and its SHA-256: the bundle's file must match."
            ),
            "signatures": _("How many participants had signed it."),
            "participants": _("How many members held the participant role."),
            "needed": _("How many signatures the threshold required."),
            "sign_off_percent": _("The sign-off threshold, in percent of the participants."),
            "replaces": _("The number of the frozen version this one replaces (null if none)."),
        },
        link=_REPORT,
    ),
    E(
        "report.change_requested",
        _("A change to the participants' report was requested"),
        _(
            "The commissioner asks the participants, through the report's form, to change "
            "their report. Nothing changes: the request enters the integrity register as "
            "an incident, and the participants answer it."
        ),
        ("request", "version", "incident"),
        ("what", "why"),
        meanings={
            "request": _("The request's number (per process: 1, 2, 3…)."),
            "version": _("The number of the report's version it is about."),
            "incident": _("The number of the incident it entered the register as."),
            "what": _("What should change, in the requester's words: private."),
            "why": _("Why, in the requester's words: private."),
        },
        link=_REPORT,
    ),
    E(
        "report.change_answered",
        _("The participants answered a request to change their report"),
        _("The participants decline a request to change their report, or take it up."),
        ("request", "outcome"),
        ("answer",),
        meanings={
            "request": _("The number of the request answered."),
            "outcome": _("declined, or accepted (taken up in a new version)."),
            "answer": _("The participants' answer: private."),
        },
        link=_REPORT,
    ),
)
