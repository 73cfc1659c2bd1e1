"""Research projects through HTTP: a researcher uploads transcripts (good and bad), reviews
their anonymisation, codes excerpts and downloads the report, the co-occurrence and a
REFI-QDA project that the published schema accepts; other people are kept out."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import docx
import pytest
import xmlschema
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from minipublic.learning.research_models import CodedExcerpt, ResearchProject, ResearchSource
from minipublic.qda.transcripts import MAX_BYTES
from tests.cast import Cast, make_user

pytestmark = pytest.mark.django_db

SCHEMA = xmlschema.XMLSchema(Path(__file__).parents[1] / "vendor" / "refi-qda" / "Project.xsd")

INTERVIEW = (
    "Interviewer: How did the council treat the expert list?\n\n"
    "Respondent: Marion Keble rang me twice. She wanted the economist removed from the "
    "panel of witnesses, and then she asked us to soften the report.\n\n"
    "Respondent: The members spotted it at once and wrote to the oversight group. "
    "Frankly, they defended the process better than we did."
)


def _docx(*paragraphs: str) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _project(client: Client) -> ResearchProject:
    response = client.post("/research/", {"name": "Pressure study", "description": "Test"})
    assert response.status_code == 302
    return ResearchProject.objects.get(name="Pressure study")


def _upload(client: Client, project: ResearchProject, filename: str, content: bytes, **data: str):  # type: ignore[no-untyped-def]
    return client.post(
        f"/research/{project.pk}/upload/",
        {"file": SimpleUploadedFile(filename, content), **data},
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("big.txt", b"a" * (MAX_BYTES + 1), "big.txt is larger than 2 MB"),
        ("notes.pdf", b"%PDF-1.4 text", "notes.pdf: only plain text (.txt) and Word (.docx)"),
        ("empty.txt", b"   \n", "empty.txt holds no text"),
        ("fake.docx", b"just words", "fake.docx is not a Word document (.docx)"),
    ],
    ids=["too-big", "pdf", "empty", "not-docx"],
)
def test_bad_uploads_are_refused_with_their_message_and_nothing_saved(
    cast: Cast, name: str, content: bytes, message: str
) -> None:
    client = cast.client("researcher")
    project = _project(client)
    response = _upload(client, project, name, content)
    assert response.status_code == 400
    page = " ".join(response.content.decode().split())
    assert message in page, page[page.find("<main") : page.find("</main>")][:1500]
    assert not ResearchSource.objects.exists()


def test_a_researcher_uploads_reviews_codes_and_exports(cast: Cast) -> None:
    client = cast.client("researcher")
    project = _project(client)
    assert project.codes.filter(key="steer.expert_selection", parent__key="steer").exists()

    # UTF-8, with the interviewee's name listed for replacement
    response = _upload(
        client,
        project,
        "interview-1.txt",
        INTERVIEW.encode(),
        name="Interview 1",
        known_names="Marion Keble = [a council officer]",
    )
    assert response.status_code == 302
    source = ResearchSource.objects.get(name="Interview 1")
    assert source.detected_encoding == "utf-8"
    assert not source.codable
    # not codable before the review: the coding page sends the researcher to the review
    assert client.get(f"/research/{project.pk}/sources/{source.pk}/")["Location"].endswith(
        f"/sources/{source.pk}/review/"
    )
    page = client.get(f"/research/{project.pk}/sources/{source.pk}/review/").content.decode()
    assert "<del>Marion Keble</del> <ins>[a council officer]</ins>" in page
    assert "original text is deleted" in page

    # cp1252 and docx are read too
    legacy = "Respondent: the commissioner\u2019s résumé of the “findings” was naïve.\n" * 3
    assert _upload(client, project, "legacy.txt", legacy.encode("cp1252")).status_code == 302
    assert ResearchSource.objects.get(original_filename="legacy.txt").detected_encoding == "cp1252"
    assert (
        _upload(
            client, project, "notes.docx", _docx("First answer.", "Second — ünïcode.")
        ).status_code
        == 302
    )
    docx_source = ResearchSource.objects.get(original_filename="notes.docx")
    assert docx_source.original_text == "First answer.\n\nSecond — ünïcode."

    # the review: terms as proposed, confirmed
    form = {
        "terms-TOTAL_FORMS": "4",
        "terms-INITIAL_FORMS": "1",
        "terms-0-term": "Marion Keble",
        "terms-0-kind": "person",
        "terms-0-label": "[a council officer]",
        "terms-0-replace": "on",
        "confirm": "1",
    }
    for n in (1, 2, 3):
        form |= {f"terms-{n}-term": "", f"terms-{n}-kind": "person", f"terms-{n}-label": ""}
    response = client.post(f"/research/{project.pk}/sources/{source.pk}/review/", form)
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.codable
    assert source.original_text == ""
    assert "Marion" not in source.text
    assert "[a council officer] rang me twice" in source.text

    codes = {code.key: code.pk for code in project.codes.all()}
    page_url = f"/research/{project.pk}/sources/{source.pk}/"
    coding = [
        {
            "paragraph": "2",
            "words": "wanted the economist removed",
            "codes": [codes["steer.expert_selection"]],
        },
        {
            "paragraph": "2",
            "words": "soften   the report",
            "codes": [codes["steer.report_content"]],
            "memo": "threat",
        },
        {
            "paragraph": "3",
            "words": "",
            "codes": [codes["response.participants_as_defenders"], codes["response.red_flags"]],
        },
    ]
    for data in coding:
        assert client.post(page_url, data).status_code == 302
    # words not in the paragraph, and a category, are refused
    refused = client.post(
        page_url, {"paragraph": "1", "words": "soften", "codes": [codes["steer.time"]]}
    )
    assert refused.status_code == 400
    assert "not in paragraph 1" in refused.content.decode()
    category = client.post(page_url, {"paragraph": "1", "codes": [codes["steer"]]})
    assert category.status_code == 400
    assert CodedExcerpt.objects.count() == 3
    soften = CodedExcerpt.objects.get(memo="threat")
    assert soften.quote == "soften the report"
    assert source.text[soften.start : soften.end] == soften.quote

    report = client.get(f"/research/{project.pk}/report/").content.decode()
    assert "Co-occurrence of codes" in report
    assert "they defended the process" in report

    rows = list(
        csv.DictReader(
            io.StringIO(client.get(f"/research/{project.pk}/report.csv").content.decode())
        )
    )
    assert len(rows) == 4  # one row per excerpt and code
    assert {row["code_key"] for row in rows} >= {"steer.report_content", "response.red_flags"}
    matrix = list(
        csv.reader(
            io.StringIO(client.get(f"/research/{project.pk}/cooccurrence.csv").content.decode())
        )
    )
    header = matrix[0]
    row = next(r for r in matrix if r[0] == "response.red_flags")
    assert row[header.index("response.participants_as_defenders")] == "1"

    download = client.get(f"/research/{project.pk}/project.qdpx")
    assert download["Content-Disposition"].startswith("attachment")
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        SCHEMA.validate(archive.read("project.qde"))
        texts = [archive.read(n).decode() for n in archive.namelist() if n.startswith("Sources/")]
    assert texts == [source.text]  # only reviewed sources, anonymised
    assert client.get(f"/research/{project.pk}/project.qdpx").content == download.content

    # uncode
    response = client.post(f"/research/{project.pk}/excerpts/{soften.pk}/delete/")
    assert response.status_code == 302
    assert CodedExcerpt.objects.count() == 2


def test_other_people_are_kept_out(cast: Cast) -> None:
    project = _project(cast.client("researcher"))
    other = make_user("other-researcher")
    other.is_researcher = True
    other.save()
    stranger = Client()
    stranger.force_login(other)
    for url in (
        f"/research/{project.pk}/",
        f"/research/{project.pk}/upload/",
        f"/research/{project.pk}/report/",
        f"/research/{project.pk}/project.qdpx",
    ):
        assert stranger.get(url).status_code == 404
        assert cast.client("outsider").get(url).status_code == 403
        assert cast.client("lead_practitioner").get(url).status_code == 403
    assert cast.client("outsider").get("/research/").status_code == 403
    assert "Pressure study" not in stranger.get("/research/").content.decode()
    # once invited, the other researcher is in
    owner = cast.client("researcher")
    assert (
        owner.post(f"/research/{project.pk}/members/", {"username": "outsider"}).status_code == 400
    )
    assert (
        owner.post(f"/research/{project.pk}/members/", {"username": "other-researcher"}).status_code
        == 302
    )
    assert stranger.get(f"/research/{project.pk}/").status_code == 200


def test_an_inductive_code_joins_the_codebook(cast: Cast) -> None:
    client = cast.client("researcher")
    project = _project(client)
    market = project.codes.get(key="market")
    response = client.post(
        f"/research/{project.pk}/codes/",
        {
            "name": "Price undercutting",
            "definition": "Bids priced below cost.",
            "parent": market.pk,
        },
    )
    assert response.status_code == 302
    code = project.codes.get(name="Price undercutting")
    assert (code.key, code.parent, code.origin) == (
        "inductive.price_undercutting",
        market,
        "inductive",
    )
    again = client.post(
        f"/research/{project.pk}/codes/", {"name": "price undercutting", "definition": "x"}
    )
    assert again.status_code == 400
    assert "already has a code called" in again.content.decode()
