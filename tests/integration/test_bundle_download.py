"""The open-data bundle: ``minipublic export`` and bundle.zip both verify offline."""

from __future__ import annotations

import io
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from minipublic.cli.app import app
from minipublic.integrity.documents import do_publish_document
from minipublic.integrity.models import LedgerEntry
from minipublic.integrity.record import head
from minipublic.integrity.uploads import check_bytes
from tests.cast import Cast
from tests.support import base_env, run_cli

PDF = b"%PDF-1.4\n% Riverside terms of engagement\n%%EOF\n"
CSV = b"seat,stratum\n1,age 16-29\n2,age 30-44\n"
FOLDER = "riverside-public-record"


def _publish_two(cast: Cast) -> None:
    lead = cast.users["lead_practitioner"]
    terms = do_publish_document(
        lead, cast.process, title="Terms", kind="terms", file=check_bytes("terms.pdf", PDF)
    )
    do_publish_document(
        cast.users["oversight"],
        cast.process,
        title="Terms, corrected",
        kind="terms",
        file=check_bytes("terms.pdf", PDF + b"% v2\n"),
        replaces=terms,
    )
    do_publish_document(
        lead, cast.process, title="Selection", kind="selection", file=check_bytes("seats.csv", CSV)
    )


def _verify(directory: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_cli("audit", "verify", str(directory), *extra, env=base_env(directory.parent))


def _page_head(cast: Cast, who: str = "anonymous") -> str:
    page = cast.client(who).get("/p/riverside/").content.decode()
    found = re.search(r'<code class="hash">([0-9a-f]{64})</code>', page)
    assert found is not None
    return found.group(1)


# ---------------------------------------------------------------- minipublic export


def test_export_writes_the_documents_and_verifies(cast: Cast, tmp_path: Path) -> None:
    _publish_two(cast)
    out = tmp_path / "bundle"
    result = CliRunner().invoke(app, ["export", "riverside", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "and 3 documents of riverside" in result.output
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["head"] == head(cast.process)
    assert set(manifest["files"]) == {
        "ledger.jsonl",
        "dictionary.json",
        "documents/0001-terms.pdf",
        "documents/0002-terms.pdf",
        "documents/0003-seats.csv",
    }
    assert (out / "documents/0001-terms.pdf").read_bytes() == PDF
    assert (out / "documents/0003-seats.csv").read_bytes() == CSV
    verified = _verify(out, "--checkpoint", manifest["head"])
    assert verified.returncode == 0, verified.stderr
    assert "OK" in verified.stdout


def test_export_help_mentions_the_documents() -> None:
    result = CliRunner().invoke(app, ["export", "--help"])
    assert result.exit_code == 0
    assert "published document" in result.output
    assert "--out" in result.output


def test_a_missing_document_breaks_the_export(cast: Cast, tmp_path: Path) -> None:
    _publish_two(cast)
    out = tmp_path / "bundle"
    assert CliRunner().invoke(app, ["export", "riverside", "--out", str(out)]).exit_code == 0
    (out / "documents/0003-seats.csv").unlink()
    broken = _verify(out)
    assert broken.returncode == 1
    assert "documents/0003-seats.csv" in broken.stderr


# ---------------------------------------------------------------- bundle.zip over HTTP


def test_the_downloaded_bundle_verifies_and_catches_a_changed_byte(
    public_cast: Cast, tmp_path: Path
) -> None:
    _publish_two(public_cast)
    response = public_cast.client("anonymous").get("/p/riverside/integrity/bundle.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith(f'attachment; filename="{FOLDER}.zip"')
    assert response["X-Content-Type-Options"] == "nosniff"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = archive.namelist()
        assert all(name.startswith(f"{FOLDER}/") for name in names)
        assert f"{FOLDER}/documents/0002-terms.pdf" in names
        archive.extractall(tmp_path)
    bundle = tmp_path / FOLDER
    manifest = json.loads((bundle / "manifest.json").read_text())
    shown = _page_head(public_cast)
    assert manifest["head"] == shown
    assert manifest["slug"] == "riverside"

    verified = _verify(bundle, "--checkpoint", shown)
    assert verified.returncode == 0, verified.stderr

    changed = bundle / "documents" / "0003-seats.csv"
    content = bytearray(changed.read_bytes())
    content[5] ^= 0x01
    changed.write_bytes(bytes(content))
    broken = _verify(bundle)
    assert broken.returncode == 1
    assert "documents/0003-seats.csv" in broken.stderr
    assert "0001-terms.pdf" not in broken.stderr


def test_the_integrity_page_shows_the_commands_to_check_the_bundle(public_cast: Cast) -> None:
    _publish_two(public_cast)
    page = public_cast.client("anonymous").get("/p/riverside/integrity/").content.decode()
    assert 'id="bundle-heading"' in page
    assert 'href="/p/riverside/integrity/bundle.zip"' in page
    assert f"unzip {FOLDER}.zip" in page
    assert f"minipublic audit verify {FOLDER} --checkpoint {head(public_cast.process)}" in page


@pytest.mark.parametrize(
    ("who", "status"),
    [("participant", 200), ("commissioner", 200), ("outsider", 404), ("anonymous", 404)],
)
def test_a_private_process_bundle_is_for_members(cast: Cast, who: str, status: int) -> None:
    _publish_two(cast)
    response = cast.client(who).get("/p/riverside/integrity/bundle.zip")
    assert response.status_code == status
    if status == 200:
        assert response["Cache-Control"] == "private, no-store"


def test_the_bundle_follows_the_record_as_it_grows(public_cast: Cast, tmp_path: Path) -> None:
    client = public_cast.client("anonymous")
    first = client.get("/p/riverside/integrity/bundle.zip").content
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert not [name for name in archive.namelist() if "/documents/" in name]
        earlier = json.loads(archive.read(f"{FOLDER}/manifest.json"))["head"]
    _publish_two(public_cast)
    with zipfile.ZipFile(io.BytesIO(client.get("/p/riverside/integrity/bundle.zip").content)) as z:
        z.extractall(tmp_path)
    verified = _verify(tmp_path / FOLDER, "--checkpoint", earlier)
    assert verified.returncode == 0, verified.stderr


def test_a_tampered_record_is_not_offered_for_download(public_cast: Cast) -> None:
    _publish_two(public_cast)
    row = LedgerEntry.objects.filter(process=public_cast.process).order_by("sequence").last()
    assert row is not None
    LedgerEntry.objects.filter(pk=row.pk).update(payload={**row.payload, "title": "Other"})
    response = public_cast.client("anonymous").get("/p/riverside/integrity/bundle.zip")
    assert response.status_code == 500
    assert "does not verify" in response.content.decode()
