"""The deliberation room: sessions and their agenda, the time planned and used, tables
and who sits at them, speaking time and its equity, the parking lot of concerns, and
table summaries the members confirm before they enter the record."""
