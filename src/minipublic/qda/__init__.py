"""Thematic coding of practitioners' reflections and interview transcripts.

Framework-free (no Django): the seed codebook and its loader (``codebook``), reading
uploaded transcripts (``transcripts``), theme statistics over coded excerpts (``stats``),
their CSV files (``tables``) and REFI-QDA project files for NVivo, ATLAS.ti and MAXQDA
(``refi``). The learning app's research projects store the excerpts and call these.
"""
