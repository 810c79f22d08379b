"""argmap: a desktop argument mapper."""

import logging
import os

__version__ = "0.1.0"

# argmap uses no pydantic plugins; looking for them scans every installed package's
# metadata (~25 ms of each start). Set PYDANTIC_DISABLE_PLUGINS= (empty) to load them.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

# Module loggers tell what happened (core/log.py sends them to argmap.log in the editor);
# where nothing set logging up (the CLI), they stay silent instead of reaching stderr.
logging.getLogger(__name__).addHandler(logging.NullHandler())
