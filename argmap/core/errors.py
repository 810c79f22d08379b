"""Errors shared by modules that should not have to import each other to catch them.

The command line catches LibraryError without importing the store (and sqlite-utils),
so exporting a map file starts ~75 ms sooner.
"""


class LibraryError(Exception):
    """The library cannot be opened or written; the message is for the user."""
