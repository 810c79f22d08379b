"""The data of argmap without widgets: the model, map files, the SQLite library, layout."""
