"""Edit → Undo delete (Ctrl+Z): bring back the contact or organisation deleted last.

Deletes are soft (``deleted_at``), so undo only clears the mark (and, for an
organisation, re-attaches the contacts it lost); the data layer re-indexes the contact
for search in the same transaction. One level: what this window deleted last, in this
session, so a colleague's delete on the shared database is never undone by accident.
"""

from __future__ import annotations

import weakref

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow, QWidget

from desktop.confirm import warn
from services.contacts import Deleted, restore_contact, restore_organization
from services.problems import InputRejected

STATUS_MS = 6000
_last: weakref.WeakKeyDictionary[QWidget, Deleted] = weakref.WeakKeyDictionary()


def remember_delete(window: QWidget, deleted: Deleted) -> None:
    """Note what was just deleted in ``window``, replacing the previous one, and say so."""
    _last[window] = deleted
    if deleted.kind == "contact":
        text = QCoreApplication.translate("Undo", "Deleted contact %1. Undo: Ctrl+Z")
    else:
        text = QCoreApplication.translate("Undo", "Deleted organisation %1. Undo: Ctrl+Z")
    _show(window, text.replace("%1", deleted.label))


def last_delete(window: QWidget) -> Deleted | None:
    """What Undo would restore in ``window``, if anything."""
    return _last.get(window)


def _show(window: QWidget, text: str) -> None:
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, STATUS_MS)


def undo_last_delete(window: QWidget) -> Deleted | None:
    """Restore what was deleted last in ``window``; returns it (None: nothing to undo)."""
    deleted = _last.pop(window, None)
    if deleted is None:
        _show(window, QCoreApplication.translate("Undo", "Nothing to undo."))
        return None
    database = getattr(window, "database", None)
    if database is None:
        return None
    try:
        if deleted.kind == "contact":
            restore_contact(database, deleted.id)
            text = QCoreApplication.translate("Undo", "Restored contact %1.")
        else:
            restore_organization(database, deleted.id, deleted.detached)
            text = QCoreApplication.translate("Undo", "Restored organisation %1.")
    except InputRejected as error:
        warn(window, QCoreApplication.translate("Undo", "Cannot undo"), error.message)
        return None
    refresh = getattr(window, "refresh_all", None)
    if callable(refresh):
        refresh()
    _show(window, text.replace("%1", deleted.label))
    return deleted
