"""Dialogs. Each has a classmethod ``ask(...)`` wrapping ``exec()`` so tests can replace it."""
