"""The facilitator's preferences, kept with QSettings (per user, per machine)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

PAPER_SIZES = ("A4", "Letter")
DEFAULT_PORT = 8765


class Settings:
    """Typed access to the few preferences there are. Pass a QSettings (e.g. on a temporary
    ini file in tests); by default the user's own."""

    def __init__(self, store: QSettings | None = None):
        self.store = store or QSettings("Facilitator", "Facilitator")

    def _get(self, key: str, default, kind):
        value = self.store.value(key, default)
        try:
            if kind is bool and isinstance(value, str):
                return value.lower() in ("1", "true", "yes")
            return kind(value)
        except (TypeError, ValueError):
            return default

    @property
    def facilitator_name(self) -> str:
        return self._get("facilitator_name", "", str)

    @facilitator_name.setter
    def facilitator_name(self, value: str) -> None:
        self.store.setValue("facilitator_name", value.strip())

    @property
    def paper_size(self) -> str:
        value = self._get("paper_size", "A4", str)
        return value if value in PAPER_SIZES else "A4"

    @paper_size.setter
    def paper_size(self, value: str) -> None:
        self.store.setValue("paper_size", value if value in PAPER_SIZES else "A4")

    @property
    def preferred_port(self) -> int:
        port = self._get("preferred_port", DEFAULT_PORT, int)
        return port if 1024 <= port <= 65535 else DEFAULT_PORT

    @preferred_port.setter
    def preferred_port(self, value: int) -> None:
        self.store.setValue("preferred_port", int(value))

    @property
    def chime(self) -> bool:
        return self._get("chime", True, bool)

    @chime.setter
    def chime(self, value: bool) -> None:
        self.store.setValue("chime", bool(value))

    @property
    def projector_screen(self) -> str:
        """The name of the screen last chosen for the projector ("" if never chosen)."""
        return self._get("projector_screen", "", str)

    @projector_screen.setter
    def projector_screen(self, value: str) -> None:
        self.store.setValue("projector_screen", value)

    @property
    def demos_added(self) -> bool:
        """Whether the demo workshops were put in the library once (the first time the app
        opened); after that a demo the facilitator deletes stays deleted."""
        return self._get("demos_added", False, bool)

    @demos_added.setter
    def demos_added(self, value: bool) -> None:
        self.store.setValue("demos_added", bool(value))
