"""Qt-free services: validation, import, export, templating, mail, reports.

Nothing in this package may import PySide6; both the GUI (``desktop``) and the command
line (``cli``) call these functions, so they behave the same from either front end.
"""
