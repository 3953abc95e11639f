"""The desktop app (PySide6): library, editor, run console and the projector."""
