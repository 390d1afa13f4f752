"""Reusable widgets: fields that check what is typed, pickers that search the roster."""
