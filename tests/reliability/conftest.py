from tests.gui.conftest import make_window, no_modal_dialogs, window  # noqa: F401 - the window fixtures, shared
