"""A permanent citizens' council (the Ostbelgien model): seats, rotation by lot, topics,
experts and the follow-up of earlier assemblies' responses."""
