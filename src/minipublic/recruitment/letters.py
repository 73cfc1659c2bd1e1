"""The invitation letters of a draw: a printable PDF and a mail-merge CSV.

The PDF has one A4 page per invitation: the process title and question, a short
invitation text, the address block, the registration code and where to register. It uses
DejaVu Sans when the machine has it (``FONT_DIR``), which covers most European scripts;
otherwise fpdf2's built-in Helvetica, which only has Latin-1, so accents are dropped
(é → e) and any other unsupported character becomes "?".
"""

from __future__ import annotations

import csv
import io
import logging
import unicodedata
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from fpdf import FPDF

from minipublic.integrity.uploads import spreadsheet_safe
from minipublic.recruitment.invitations import format_code
from minipublic.recruitment.models import InvitationDraw

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
# Typographic punctuation the built-in font lacks, and its plain stand-in.
_PLAIN = str.maketrans(
    {
        "\u2013": "-",
        "\u2014": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2026": "...",
        "\u2212": "-",
    }
)
# fpdf2 subsets embedded fonts with fontTools, which logs every step at INFO level.
logging.getLogger("fontTools").setLevel(logging.WARNING)
CSV_COLUMNS = (
    "address1",
    "address2",
    "address3",
    "address4",
    "postcode",
    "area",
    "code",
    "registration_url",
)


def registration_url(draw: InvitationDraw) -> str:
    """Where the invited register: the process's registration page on this site."""
    return f"{settings.SITE_URL}/p/{draw.process.slug}/register/"


def default_letter_text(draw: InvitationDraw) -> str:
    """The invitation text used when the recruiter has stored none."""
    return _(
        "Your address was drawn by lot to receive this invitation to {title}. A group of "
        "residents, chosen at random so that together they reflect the whole community, "
        "will meet to learn about the question below, discuss it and make recommendations. "
        "You need no experience or expertise: everyone's view counts. Taking part is "
        "voluntary, and help with travel, childcare, language or disability support is "
        "available. To register your interest, go to the address below and enter your "
        "registration code. Anyone aged 16 or over who lives at this address may use it."
    ).format(title=draw.process.title)


class _Letters(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.set_auto_page_break(False)
        self.set_margins(25, 25, 25)
        regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
        self.unicode = regular.is_file() and bold.is_file()
        if self.unicode:
            self.add_font("DejaVu", "", str(regular))
            self.add_font("DejaVu", "B", str(bold))
            self.letter_font = "DejaVu"
        else:
            self.letter_font = "Helvetica"

    def text_for(self, text: str) -> str:
        """``text`` as this document's font can print it."""
        if self.unicode:
            return text
        return latin1(text)

    def write_block(self, text: str, size: float, *, bold: bool = False, gap: float = 4) -> None:
        self.set_font(self.letter_font, "B" if bold else "", size)
        self.multi_cell(0, size * 0.5, self.text_for(text), align="L")
        self.ln(gap)


def latin1(text: str) -> str:
    """``text`` with only Latin-1 characters: dashes and quotes made plain, accents
    dropped where needed (ź → z), anything else "?".
    """
    out: list[str] = []
    for char in text.translate(_PLAIN):
        if ord(char) < 256:
            out.append(char)
            continue
        plain = "".join(
            part for part in unicodedata.normalize("NFKD", char) if not unicodedata.combining(part)
        )
        out.append(plain if plain and all(ord(part) < 256 for part in plain) else "?")
    return "".join(out)


def letter_text(draw: InvitationDraw) -> str:
    """The invitation text printed on the letters: the stored text, or the default."""
    return draw.letter_text.strip() or default_letter_text(draw)


def letters_pdf(draw: InvitationDraw) -> bytes:
    """The letters of ``draw`` as a PDF, one A4 page per invitation, in address order.

    The invitation text is the one stored with the draw (``do_set_letter_text``), so the
    same draw always prints the same letters.
    """
    body = letter_text(draw)
    process = draw.process
    url = registration_url(draw)
    pdf = _Letters()
    pdf.set_title(pdf.text_for(process.title))
    pdf.set_creation_date(draw.drawn_at)  # the same letters give the same file
    for invitation in draw.invitations.select_related("address").order_by("address__row"):
        address = invitation.address
        pdf.add_page()
        pdf.write_block(
            address.lines + ("\n" + address.postcode if address.postcode else ""), 11, gap=18
        )
        pdf.write_block(process.title, 16, bold=True)
        pdf.write_block(_("The question: {question}").format(question=process.question), 12)
        pdf.write_block(body, 11, gap=8)
        pdf.write_block(_("Your registration code"), 11)
        pdf.write_block(format_code(invitation.code), 24, bold=True)
        pdf.write_block(_("Register at: {url}").format(url=url), 12)
    return bytes(pdf.output())


def letters_csv(draw: InvitationDraw) -> bytes:
    """The letters of ``draw`` as a mail-merge CSV (UTF-8 with BOM, for spreadsheets)."""
    url = registration_url(draw)
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for invitation in draw.invitations.select_related("address").order_by("address__row"):
        address = invitation.address
        parts = address.lines.split("\n")
        lines = [*parts[:3], ", ".join(parts[3:])]  # a fifth line joins the fourth
        lines += [""] * (4 - len(lines))
        row = [*lines, address.postcode, address.area, format_code(invitation.code), url]
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
