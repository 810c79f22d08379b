"""One module per file format, each reading the model and the one box geometry in argmap.look."""
