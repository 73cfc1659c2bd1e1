"""Thematic coding of qualitative text, framework-free (no Django).

The starting codebook (from the practitioners' research behind minipublic), counts and
co-occurrence of codes over coded excerpts, and the exports researchers continue in their
own tools: CSV and a REFI-QDA project (.qdpx) that NVivo, ATLAS.ti and MAXQDA import.
"""
