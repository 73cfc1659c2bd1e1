"""What a version of the participants' report says, as data and as plain text.

``assemble`` takes a snapshot of the adopted recommendations (by theme, with their
rationale and vote results), those not adopted, and the minority reports that reached
their threshold; it is stored on the version (``ReportVersion.content``) so that the
report does not change when the drafting records do. ``report_sections`` turns a
version (the snapshot plus the participants' own text) into headed sections of plain
text, which the PDF prints, the HTML shows and the diff between versions compares.
``content_sha256`` fingerprints exactly what the participants sign.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from minipublic import clock
from minipublic.ledger import format_time
from minipublic.processes.models import Process
from minipublic.recommendations import results
from minipublic.recommendations.models import Recommendation, RecommendationStatus
from minipublic.recommendations.report_models import ReportVersion

#: The version of the ``content`` layout (kept in the snapshot for later readers).
CONTENT_FORMAT = 1


# The vote summary's fields may be named differently by the drafting part; these are
# the names read, in order of preference.
def _percent(value: Any) -> str | None:
    if value is None:
        return None
    return f"{Decimal(str(value)).quantize(Decimal('0.1')).normalize():f}"


def vote_record(summary: dict[str, Any] | None) -> dict[str, object] | None:
    """The vote result of a recommendation as the report keeps it (JSON-safe), from
    ``results.vote_summary``: the support levels with their counts, the share in support
    and the threshold (percent, as text), whether it passed, and how many voted (paper
    ballots included); None when it was not voted on."""
    if not summary:
        return None
    return {
        "levels": [[str(level["label"]), int(level["count"])] for level in summary["levels"]],
        "support_percent": _percent(summary["share_percent"]),
        "threshold_percent": _percent(summary["threshold_percent"]),
        "passed": bool(summary["passed"]),
        "votes": int(summary["cast"]),
    }


def _recommendation(item: Recommendation) -> dict[str, object]:
    return {
        "number": item.number,
        "theme": item.theme.strip(),
        "title": item.title,
        "text": item.text,
        "rationale": item.rationale,
        "vote": vote_record(results.vote_summary(item)),
    }


def _minority(report: dict[str, object]) -> dict[str, object]:
    number = report.get("recommendation")
    supporters = report.get("supporters")
    return {
        "title": str(report.get("title") or ""),
        "text": str(report.get("text") or ""),
        "recommendation": number if isinstance(number, int) else None,
        "supporters": supporters if isinstance(supporters, int) else None,
    }


def assemble(process: Process) -> dict[str, object]:
    """The snapshot of ``process``'s drafting results that a report version carries."""
    decided = Recommendation.objects.filter(
        process=process,
        status__in=[RecommendationStatus.ADOPTED, RecommendationStatus.NOT_ADOPTED],
    ).order_by("number")
    themes: dict[str, list[dict[str, object]]] = {}
    not_adopted = []
    for item in decided:
        record = _recommendation(item)
        if item.status == RecommendationStatus.ADOPTED:
            themes.setdefault(item.theme.strip(), []).append(record)
        else:
            not_adopted.append(record)
    return {
        "format": CONTENT_FORMAT,
        "assembled_at": format_time(clock.now()),
        "themes": [{"theme": theme, "recommendations": items} for theme, items in themes.items()],
        "not_adopted": not_adopted,
        "minority_reports": [_minority(report) for report in results.minority_reports(process)],
    }


def adopted_count(content: dict[str, Any]) -> int:
    """How many adopted recommendations a snapshot holds."""
    return sum(len(theme["recommendations"]) for theme in content.get("themes", []))


def content_sha256(version: ReportVersion) -> str:
    """The fingerprint of what participants sign: the snapshot and their own text."""
    signed = {
        "title": version.title,
        "introduction": version.introduction,
        "closing": version.closing,
        "content": {key: value for key, value in version.content.items() if key != "assembled_at"},
    }
    canonical = json.dumps(signed, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass
class Section:
    """One headed part of the report as plain text: paragraphs, and small print."""

    heading: str
    level: int = 2
    paragraphs: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def vote_line(vote: dict[str, Any] | None) -> str:
    """One sentence saying how a recommendation was voted on."""
    if not vote:
        return _("No vote result was recorded on the platform.")
    parts = []
    if vote.get("support_percent") is not None:
        parts.append(_("{share}% in support").format(share=vote["support_percent"]))
    if vote.get("votes"):
        parts.append(_("{votes} voted").format(votes=vote["votes"]))
    if vote.get("threshold_percent") is not None:
        parts.append(_("{share}% needed").format(share=vote["threshold_percent"]))
    levels = "; ".join(f"{label}: {count}" for label, count in vote.get("levels") or [])
    if levels:
        parts.append(levels)
    return _("Vote: {result}.").format(result=", ".join(parts)) if parts else ""


def report_sections(version: ReportVersion) -> list[Section]:
    """The report of ``version`` as headed sections of plain text, in reading order."""
    content: dict[str, Any] = version.content or {}
    sections = []
    if version.introduction.strip():
        sections.append(Section(_("Introduction"), paragraphs=_paragraphs(version.introduction)))
    for theme in content.get("themes", []):
        sections.append(Section(theme["theme"] or _("Recommendations"), level=2))
        for item in theme["recommendations"]:
            sections.append(_recommendation_section(item))
    minority = content.get("minority_reports", [])
    if minority:
        sections.append(Section(_("Minority reports"), level=2))
    sections.extend(_minority_section(report) for report in minority)
    not_adopted = content.get("not_adopted", [])
    if not_adopted:
        section = Section(_("Recommendations not adopted"), level=2)
        for item in not_adopted:
            line = _("{number}. {title}.").format(number=item["number"], title=item["title"])
            section.paragraphs.append(f"{line} {vote_line(item.get('vote'))}".strip())
        sections.append(section)
    if version.closing.strip():
        sections.append(Section(_("Closing words"), paragraphs=_paragraphs(version.closing)))
    return sections


def _minority_section(report: dict[str, Any]) -> Section:
    section = Section(report["title"] or _("Minority report"), level=3)
    section.paragraphs = _paragraphs(report["text"])
    if report.get("recommendation"):
        section.notes.append(
            _("On recommendation {number}.").format(number=report["recommendation"])
        )
    if report.get("supporters") is not None:
        section.notes.append(
            _("Supported by {count} participants.").format(count=report["supporters"])
        )
    return section


def _recommendation_section(item: dict[str, Any]) -> Section:
    heading = _("Recommendation {number}: {title}").format(
        number=item["number"], title=item["title"]
    )
    section = Section(heading, level=3, paragraphs=_paragraphs(item["text"]))
    if item.get("rationale"):
        section.paragraphs += [
            _("Why: {rationale}").format(rationale=part) if i == 0 else part
            for i, part in enumerate(_paragraphs(item["rationale"]))
        ]
    line = vote_line(item.get("vote"))
    if line:
        section.notes.append(line)
    return section


def _paragraphs(text: str) -> list[str]:
    return [
        " ".join(part.split()) for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()
    ]


def report_text(version: ReportVersion) -> str:
    """The whole report of ``version`` as plain text (for comparing versions)."""
    blocks = [version.title]
    for section in report_sections(version):
        blocks.append(section.heading)
        blocks.extend(section.paragraphs)
        blocks.extend(section.notes)
    return "\n\n".join(blocks)
