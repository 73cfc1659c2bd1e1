"""One row per ledger entry of a process: the private copy the public chain is built from."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from minipublic.ledger import LEDGER_FORMAT, Entry
from minipublic.processes.models import Process


class LedgerEntry(models.Model):
    """An entry of a process's hash chain, private values and their salts included.

    Rows are only ever added (``integrity.record.append``); the unique sequence per
    process means two concurrent appends can never fork the chain.
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="ledger_entries")
    sequence = models.PositiveIntegerField()
    time = models.CharField(max_length=20)
    actor_role = models.CharField(max_length=100)
    event = models.CharField(max_length=100)
    payload = models.JSONField(default=dict)
    salts = models.JSONField(default=dict)
    private_fields = models.JSONField(default=list)
    previous = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["process", "sequence"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "sequence"], name="one_ledger_entry_per_sequence"
            )
        ]

    def __str__(self) -> str:
        return f"{self.process_id} #{self.sequence} {self.event}"

    def private_record(self) -> dict[str, Any]:
        """The row in ``Entry.private_record()``'s form."""
        return {
            "format": LEDGER_FORMAT,
            "sequence": self.sequence,
            "time": self.time,
            "actor_role": self.actor_role,
            "event": self.event,
            "payload": self.payload,
            "previous": self.previous,
            "hash": self.hash,
            "salts": self.salts,
        }

    def to_entry(self) -> Entry:
        """The ledger entry; LedgerError if the row no longer matches its hash."""
        return Entry.from_private_record(self.private_record())
