"""The main window's views: one module each, all built on :class:`desktop.views.base.View`."""
