"""After the report: the commissioner's public responses, implementation tracking,
updates to participants and their ratings of how faithful the follow-through is."""
