"""The data dictionary: every event the code emits is described, field by field; the page,
dictionary.json and the bundle's copy agree; ``minipublic audit verify`` passes on a bundle
carrying it and catches a changed copy."""

from __future__ import annotations

import ast
import io
import json
import re
import subprocess
import zipfile
from pathlib import Path

from minipublic.integrity.dictionary import EVENTS, dictionary_bytes, dictionary_data, field_meaning
from minipublic.integrity.dictionary.fields import FIELDS
from tests.cast import Cast
from tests.support import base_env, run_cli

SRC = Path(__file__).resolve().parents[2] / "src" / "minipublic"
DOCS = Path(__file__).resolve().parents[2] / "docs"
FOLDER = "riverside-public-record"


def _constants(node: ast.expr, module: ast.Module) -> list[str] | None:
    """The event names an ``append`` argument can take, or None if they cannot be told."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _constants(node.body, module), _constants(node.orelse, module)
        return None if body is None or orelse is None else body + orelse
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        # A module-level mapping of literal event names, e.g. EVENTS[decision].
        for statement in module.body:
            targets = (
                statement.targets
                if isinstance(statement, ast.Assign)
                else [statement.target]
                if isinstance(statement, ast.AnnAssign)
                else []
            )
            value = getattr(statement, "value", None)
            if any(
                isinstance(t, ast.Name) and t.id == node.value.id for t in targets
            ) and isinstance(value, ast.Dict):
                names = [v.value for v in value.values if isinstance(v, ast.Constant)]
                return names if len(names) == len(value.values) else None
    return None


def emitted_events() -> dict[str, str]:
    """Every event name the source code passes to ``integrity.record.append``, with where."""
    found: dict[str, str] = {}
    unknown = []
    for path in sorted(SRC.rglob("*.py")):
        module = ast.parse(path.read_text())
        for node in ast.walk(module):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id != "append" or len(node.args) < 3:
                continue
            where = f"{path.relative_to(SRC)}:{node.lineno}"
            names = _constants(node.args[2], module)
            if names is None:
                unknown.append(where)
                continue
            for name in names:
                found.setdefault(name, where)
    assert not unknown, f"cannot tell which event these append calls record: {unknown}"
    return found


def test_the_scan_finds_the_events_it_should() -> None:
    emitted = emitted_events()
    assert len(emitted) > 80
    assert {
        "process.created",
        "timer.skipped",
        "panel.account_unlinked",
        "oversight.objected",
    } <= set(emitted)


def test_every_event_the_code_emits_is_in_the_dictionary() -> None:
    missing = {name: where for name, where in emitted_events().items() if name not in EVENTS}
    assert not missing, (
        "describe these events in minipublic/integrity/dictionary/ (title, meaning, fields): "
        f"{missing}"
    )


def test_the_dictionary_describes_no_event_nobody_emits() -> None:
    assert sorted(set(EVENTS) - set(emitted_events())) == []


def test_every_event_and_field_has_a_meaning() -> None:
    for event in EVENTS.values():
        assert str(event.title), event.name
        assert str(event.meaning), event.name
        assert not set(event.fields) & set(event.private), event.name
        for name in (*event.fields, *event.private):
            assert str(field_meaning(event, name)), f"{event.name}.{name} has no meaning"
        assert event.link.partition("#")[0].count(":") == 1, event.name
    assert all(str(meaning) for meaning in FIELDS.values())


def test_every_event_is_documented() -> None:
    text = "\n".join(path.read_text() for path in DOCS.glob("*.md"))
    undocumented = [name for name in EVENTS if f"`{name}`" not in text]
    assert not undocumented, f"list these events in docs/integrity.md: {undocumented}"


def test_the_page_and_the_json_describe_the_same_events(public_cast: Cast) -> None:
    client = public_cast.client("anonymous")
    page = client.get("/p/riverside/integrity/dictionary/").content.decode()
    for name in EVENTS:
        assert f'id="event-{name}"' in page, name
    assert "ledger.jsonl" in page
    assert "dictionary.json" in page
    # This process's record: one process.created entry.
    created = page.partition('id="event-process.created"')[2].partition("</section>")[0]
    assert "holds 1 such entry" in created
    response = client.get("/p/riverside/integrity/dictionary.json")
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data == dictionary_data()
    assert [event["event"] for event in data["events"]] == list(EVENTS)
    private = {
        f["name"]
        for e in data["events"]
        if e["event"] == "member.added"
        for f in e["fields"]
        if f["private"]
    }
    assert private == {"member"}


def test_a_private_process_keeps_its_dictionary_page_to_members(cast: Cast) -> None:
    assert cast.client("outsider").get("/p/riverside/integrity/dictionary/").status_code == 404
    assert cast.client("participant").get("/p/riverside/integrity/dictionary/").status_code == 200


def _verify(directory: Path) -> subprocess.CompletedProcess[str]:
    return run_cli("audit", "verify", str(directory), env=base_env(directory.parent))


def test_the_bundle_carries_the_dictionary_and_still_verifies(
    public_cast: Cast, tmp_path: Path
) -> None:
    response = public_cast.client("anonymous").get("/p/riverside/integrity/bundle.zip")
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        archive.extractall(tmp_path)
    bundle = tmp_path / FOLDER
    copy = (bundle / "dictionary.json").read_bytes()
    assert copy == dictionary_bytes()
    manifest = json.loads((bundle / "manifest.json").read_text())
    assert "dictionary.json" in manifest["files"]
    verified = _verify(bundle)
    assert verified.returncode == 0, verified.stderr

    # A changed dictionary is caught, and named.
    (bundle / "dictionary.json").write_bytes(copy.replace(b"The process was created", b"Nothing"))
    broken = _verify(bundle)
    assert broken.returncode == 1
    assert "dictionary.json" in broken.stderr

    # So is one the manifest does not list.
    (bundle / "dictionary.json").write_bytes(copy)
    del manifest["files"]["dictionary.json"]
    (bundle / "manifest.json").write_text(json.dumps(manifest))
    unlisted = _verify(bundle)
    assert unlisted.returncode == 1
    assert re.search(r"dictionary\.json is not listed", unlisted.stderr)
