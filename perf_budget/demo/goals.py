"""Demo goals (filled in by the goals issue)."""


def make_goals():
	pass
