"""The desktop editor: window, controllers, dialogs, canvas and panels (the only QtWidgets users)."""
