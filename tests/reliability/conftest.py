from tests.gui.conftest import make_window, window  # noqa: F401 - the window fixtures, shared
