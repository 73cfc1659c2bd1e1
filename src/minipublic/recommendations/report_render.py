"""The frozen report's two published files: an HTML page and a PDF.

Both are rendered once, when a version is frozen, in the site's base language (never
the language of whoever's signature froze it) and from the version's stored snapshot,
so the same version always gives the same bytes. The PDF uses DejaVu Sans when the
machine has it (see ``recruitment.letters``), else Helvetica with Latin-1 only.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from fpdf import FPDF

from minipublic.recommendations.report_content import Section, report_sections
from minipublic.recommendations.report_models import ReportVersion
from minipublic.recruitment.letters import FONT_DIR, latin1


def file_stem(version: ReportVersion) -> str:
    """The name of the version's files, without extension: ``<slug>-report-v<n>``."""
    return f"{version.process.slug}-report-v{version.number}"


def signature_line(version: ReportVersion, signatures: int, participants: int) -> str:
    """The sentence the published files carry about the sign-off."""
    return _(
        "Signed off by {signatures} of the {participants} participants with an account on "
        "the platform ({needed} signatures were needed)."
    ).format(signatures=signatures, participants=participants, needed=version.needed_at_freeze or 0)


# The published HTML file stands alone: its few styles travel inside it.
_STYLE = (
    "body { font-family: system-ui, sans-serif; line-height: 1.5; max-width: 44rem; "
    "margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; } "
    ".hint { color: #4a4a4a; font-size: 0.9rem; } h1 { font-size: 1.8rem; }"
)


def _context(version: ReportVersion, signatures: int, frozen_at: datetime) -> dict[str, object]:
    participants = version.participants_at_freeze or 0
    return {
        "version": version,
        "process": version.process,
        "sections": report_sections(version),
        "frozen_at": frozen_at,
        "signed": signature_line(version, signatures, participants),
        "style": _STYLE,
    }


def render_html(version: ReportVersion, signatures: int, frozen_at: datetime) -> bytes:
    """The version as a stand-alone HTML page (UTF-8), for publishing."""
    with translation.override(settings.LANGUAGE_CODE):
        page = render_to_string(
            "recommendations/report/document.html", _context(version, signatures, frozen_at)
        )
    return page.encode("utf-8")


class _ReportPdf(FPDF):
    def __init__(self, footer_text: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.set_margins(22, 22, 22)
        self.set_auto_page_break(True, margin=22)
        self.footer_text = footer_text
        regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
        self.unicode = regular.is_file() and bold.is_file()
        if self.unicode:
            self.add_font("DejaVu", "", str(regular))
            self.add_font("DejaVu", "B", str(bold))
            self.family_name = "DejaVu"
        else:
            self.family_name = "Helvetica"

    def text_for(self, text: str) -> str:
        return text if self.unicode else latin1(text)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(self.family_name, "", 8)
        self.cell(0, 5, self.text_for(f"{self.footer_text} · {self.page_no()}"), align="C")

    def block(self, text: str, size: float, *, bold: bool = False, gap: float = 3) -> None:
        self.set_font(self.family_name, "B" if bold else "", size)
        self.multi_cell(0, size * 0.5, self.text_for(text), align="L")
        self.ln(gap)


_HEADING_SIZE = {2: 14, 3: 12}


def _print_section(pdf: _ReportPdf, section: Section) -> None:
    pdf.block(section.heading, _HEADING_SIZE.get(section.level, 12), bold=True, gap=2)
    for paragraph in section.paragraphs:
        pdf.block(paragraph, 10.5)
    for note in section.notes:
        pdf.block(note, 9, gap=2)
    pdf.ln(2)


def render_pdf(version: ReportVersion, signatures: int, frozen_at: datetime) -> bytes:
    """The version as an A4 PDF, for publishing and printing."""
    with translation.override(settings.LANGUAGE_CODE):
        process = version.process
        footer = _("{process}, report version {number}").format(
            process=process.title, number=version.number
        )
        pdf = _ReportPdf(footer)
        pdf.set_title(pdf.text_for(version.title))
        pdf.set_author(
            pdf.text_for(_("The participants of {process}").format(process=process.title))
        )
        pdf.set_creation_date(frozen_at)  # the same version gives the same file
        pdf.add_page()
        pdf.block(version.title, 20, bold=True, gap=4)
        pdf.block(process.title, 12, gap=1)
        pdf.block(_("The question: {question}").format(question=process.question), 10.5)
        pdf.block(
            _("Version {number}, frozen on {day}.").format(
                number=version.number, day=frozen_at.strftime("%d %B %Y")
            ),
            10.5,
            gap=1,
        )
        if version.reason.strip():
            pdf.block(_("Why this version: {reason}").format(reason=version.reason.strip()), 10.5)
        pdf.block(
            signature_line(version, signatures, version.participants_at_freeze or 0), 10.5, gap=6
        )
        for section in report_sections(version):
            _print_section(pdf, section)
    return bytes(pdf.output())
