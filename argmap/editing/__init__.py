"""Editing a map: the document, its undo commands and autosave (QtCore/QtGui, no widgets)."""
