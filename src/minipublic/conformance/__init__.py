"""Conformance with the standards (issue 6): attestations, oversight sign-offs, the label.

The criteria and their evaluation live in the framework-free ``minipublic.standards``;
this app gathers the evidence from the platform's own data and records what changes.
"""
