"""The demo's reports, as ``minipublic demo`` loads them (demo/report_story.py).

The climate assembly's version 1 is being signed (six of the nine signatures needed) and
the commissioner's request about the workplace parking levy is in the register; the parks
jury's report was frozen on 17 May 2025 and corrected by version 2 in June, after the
jurors declined the council's request.
"""

from __future__ import annotations

import datetime

from django.test import Client

from minipublic.conformance.facts import facts_for
from minipublic.integrity.models import Document, Incident
from minipublic.processes.models import Process
from minipublic.recommendations.report_actions import signature_count, signatures_needed
from minipublic.recommendations.report_models import ReportChangeRequest, ReportVersion


def test_the_climate_assemblys_report_is_being_signed(db: None, demo_db: None) -> None:
    process = Process.objects.get(slug="demo")
    (version,) = ReportVersion.objects.filter(process=process)
    assert not version.frozen
    assert (signature_count(version), signatures_needed(process)) == (6, 9)
    assert "argued at our tables" in version.introduction  # participant4's edit, before signing
    request = ReportChangeRequest.objects.get(process=process)
    assert "workplace parking levy" in request.what
    assert request.status == "open"
    incident = Incident.objects.get(pk=request.incident_id)
    assert (incident.pressure_source, incident.target) == ("commissioner", "report_content")
    assert incident.reported_on == datetime.date(2026, 11, 20)
    page = Client().get("/p/demo/report/").content.decode()
    assert "has not been delivered yet" in page
    member = Client()
    member.force_login(version.signatures.first().signer)  # type: ignore[union-attr]
    draft = member.get("/p/demo/report/1/").content.decode()
    assert "6 of the 9 needed (75% of the 12 participants)" in draft
    assert "the parking lot must be clear" in draft
    assert "Request 1" in draft


def test_the_parks_jurys_report_has_two_frozen_versions(db: None, demo_db: None) -> None:
    process = Process.objects.get(slug="demo-parks-jury")
    first, second = ReportVersion.objects.filter(process=process).order_by("number")
    assert first.frozen_at is not None
    assert second.frozen_at is not None
    assert first.frozen_at.date() == datetime.date(2025, 5, 17)
    assert second.frozen_at.date() == datetime.date(2025, 6, 14)
    assert (signature_count(first, before_freeze=True), signature_count(first)) == (6, 8)
    assert "£1.5 million" in first.introduction
    assert "£1.2 million" in second.introduction
    assert "£1.2 million" in second.reason
    assert second.pdf_document is not None
    assert second.pdf_document.replaces == first.pdf_document
    assert not Document.objects.filter(process=process, filename="parks-jury-report.md").exists()
    request = ReportChangeRequest.objects.get(process=process)
    assert request.status == "declined"
    facts = facts_for(process)
    assert facts.report_delivered_on == datetime.date(2025, 5, 17)
    assert facts.report_approved_hash == facts.report_published_hash == second.pdf_sha256
    page = Client().get("/p/demo-parks-jury/report/").content.decode()
    assert second.pdf_sha256 in page
    assert first.pdf_sha256 in page
    assert "What changed from version 1" in page
    assert "6 of 8 participants when it was frozen (6 needed); 8 in all since" in page
