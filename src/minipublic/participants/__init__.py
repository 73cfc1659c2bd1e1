"""Participant support: support plans (stipends, expenses, care and access), attendance,
messages, the participant's own page, privacy and follow-up (docs/participants.md)."""
