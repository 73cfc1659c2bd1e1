"""The participants' recommendations and their report: drafting, amendments, votes,
minority reports, sign-off and the frozen report (issue 8)."""
