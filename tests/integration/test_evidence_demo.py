"""The demo assembly's witness register, requests and materials tell a realistic story.

Loaded through ``minipublic.demo.load_demo`` (the same code as ``minipublic demo``),
checked through the register's own counts, the ledger and the conformance facts.
"""

from __future__ import annotations

from collections import Counter

from minipublic.conformance.facts import facts_for
from minipublic.conformance.signoffs import sign_off_status
from minipublic.evidence.models import (
    Material,
    MaterialVersion,
    ReviewComment,
    Witness,
    WitnessRequest,
    WitnessVote,
)
from minipublic.integrity.record import public_entries, verify_database
from minipublic.processes.models import Process


def test_the_demo_has_a_realistic_witness_register_and_materials(db: None, demo_db: None) -> None:

    process = Process.objects.get(slug="demo")
    witnesses = list(Witness.objects.filter(process=process))
    assert 8 <= len(witnesses) <= 12
    kinds = Counter(witness.proposer_kind for witness in witnesses)
    assert set(kinds) == {"commissioner", "team", "stakeholder", "participants", "oversight"}
    statuses = Counter(witness.status for witness in witnesses)
    assert statuses["declined"] >= 1
    assert statuses["not_chosen"] >= 2
    for witness in witnesses:
        assert all(decision.reasons for decision in witness.decisions.all())
        if witness.status in ("invited", "appeared"):
            assert witness.current_declaration is not None, witness.name
    requests = list(WitnessRequest.objects.filter(process=process).order_by("number"))
    assert [r.status for r in requests] == ["supported", "supported", "not_supported"]
    assert all(r.answer_witness is not None for r in requests if r.is_supported)
    assert not WitnessVote.objects.exists()  # every vote was counted and its ballots deleted
    facts = facts_for(process)
    assert facts.witnesses_chosen_by_participants == 2
    assert facts.materials == facts.materials_published == 3
    by_commissioner = Material.objects.get(process=process, author_kind="commissioner")
    assert by_commissioner.versions.filter(status="superseded").exists()
    sources = set(ReviewComment.objects.values_list("source", flat=True))
    assert sources == {"oversight", "stakeholder"}
    assert MaterialVersion.objects.filter(material__process=process, status="draft").count() == 1
    statuses_now = {s.subject.value: s for s in sign_off_status(process)}
    assert statuses_now["materials"].signed_off  # the draft does not change what was signed
    # Signed off in July, then again once the members' witnesses were invited; hearing a
    # witness (appeared) after that does not make it an earlier version.
    assert statuses_now["witnesses"].signed_off
    assert not statuses_now["witnesses"].changed_since
    record = str(public_entries(process))
    assert "Joan Mitchell" not in record  # the withheld name
    assert "participant3" not in record
    assert not verify_database()
