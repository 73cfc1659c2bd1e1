"""Evidence: the register of witnesses (who proposed whom, with what perspective and
interests, and what was decided), participants' requests for witnesses, and the
briefing materials with their versions, reviews and public history."""
