"""Practitioner learning: anonymised case records, the site's case library, and research
projects that code reflections and interview transcripts (docs/learning.md)."""
