"""The tamper-evident record of each process, kept in the database (see docs/architecture.md).

The ledger itself (hashing, redaction, bundles, verification) is the framework-free
``minipublic.ledger``; this app stores its entries and appends to them in the same
transaction as the change they record.
"""
