"""The register of witnesses and the briefing materials (built in issue 7)."""
