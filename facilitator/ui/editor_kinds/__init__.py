"""Per-kind settings editors for the workshop editor. Each module here defines ``KIND`` and
``EDITOR`` (a :class:`KindEditor` subclass); a kind without a module has no extra settings."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from pathlib import Path

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QFormLayout, QHBoxLayout, QPushButton, QWidget

from facilitator.model.library import Library
from facilitator.model.records import StepInfo
from facilitator.ui.background import run_in_background
from facilitator.ui.widgets import error_sentence, plain_label

PICTURE_FILTER = "Pictures (*.png *.jpg *.jpeg)"
VIDEO_FILTER = "Videos (*.mp4 *.m4v *.mov *.webm *.mkv *.avi)"


class KindEditor(QWidget):
    """The settings of one kind of step. ``edited`` carries fields for ``Library.update_step``
    (``{"settings": {...}}`` or ``{"zones": [...]}``) and whether to save at once (a click) or
    after the typing pauses."""

    KIND = ""
    PROMPT_LABEL = "&Question:"  # the label of the step's prompt field in the editor
    edited = Signal(dict, bool)
    failed = Signal(str)

    def __init__(self, library: Library, parent: QWidget | None = None):
        super().__init__(parent)
        self.library = library
        self.step: StepInfo | None = None
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)

    def load(self, step: StepInfo) -> None:
        """Show ``step``'s settings without emitting ``edited``."""
        self.step = step
        blocked = [w for w in self.findChildren(QWidget) if not w.signalsBlocked()]
        for widget in blocked:
            widget.blockSignals(True)
        try:
            self.show_settings(step)
        finally:
            for widget in blocked:
                widget.blockSignals(False)

    def show_settings(self, step: StepInfo) -> None:
        raise NotImplementedError

    @staticmethod
    def phone_summary(step: StepInfo) -> str | None:
        """What an attendee's phone shows during ``step``, when its settings change it (None:
        the kind's own sentence, ``StepKind.phone``)."""
        return None

    def setting(self, name: str, value, *, now: bool = True) -> None:
        self.edited.emit({"settings": {name: value}}, now)


class MediaField(QWidget):
    """A picture, video or document: its file name, Choose... and Remove. A chosen file is
    copied into the workshop (``Library.add_media``)."""

    picked = Signal(object)  # the media name, or None when removed
    failed = Signal(str)

    def __init__(self, library: Library, what: str, file_filter: str, parent=None):
        super().__init__(parent)
        self.library, self.what, self.file_filter = library, what, file_filter
        self.workshop_id: int | None = None
        self.key = None
        self.copying = False
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.name = plain_label("", self, wrap=True)
        self.choose = QPushButton("Choose\u2026", self)
        self.choose.setToolTip(f"Choose a {what} file; it is copied into the workshop")
        self.remove = QPushButton("Remove", self)
        self.choose.setAccessibleName(f"Choose {what}")
        self.remove.setAccessibleName(f"Remove {what}")
        row.addWidget(self.name, 1)
        row.addWidget(self.choose)
        row.addWidget(self.remove)
        self.choose.clicked.connect(self._ask)
        self.remove.clicked.connect(lambda: self.picked.emit(None))
        self.setFocusProxy(self.choose)

    def show_value(self, workshop_id: int, value: str | None, exists: bool, key=None) -> None:
        """Show the current file; ``key`` names what it belongs to (a step, a resource), so a
        copy that finishes after the facilitator moved on is not applied to something else."""
        self.workshop_id, self.key = workshop_id, key
        if not value:
            self.name.setText(f"No {self.what}")
        else:
            self.name.setText(value if exists else f"{value} (file missing)")
        self.remove.setEnabled(bool(value))

    def _ask(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, f"Choose a {self.what}", "", self.file_filter)
        if path:
            self.use_file(Path(path))

    def use_file(self, path: Path) -> None:
        """Copy ``path`` into the workshop (off the GUI thread: videos are big), then pick it."""
        path, library, workshop_id, key = Path(path), self.library, self.workshop_id, self.key
        shown = self.name.text()
        self.copying = True
        self.choose.setEnabled(False)
        self.name.setText(f"Copying {path.name}\u2026")

        def done(name: str) -> None:
            if not shiboken6.isValid(self):
                return
            self._finish(shown)
            if self.key == key:
                self.picked.emit(name)

        def failed(error: Exception) -> None:
            if shiboken6.isValid(self):
                self._finish(shown)
                self.failed.emit(error_sentence(error))

        run_in_background(lambda: library.add_media(workshop_id, path), done, failed)

    def _finish(self, shown: str) -> None:
        self.copying = False
        self.choose.setEnabled(True)
        self.name.setText(shown)


def media_row(editor: KindEditor, field: str, what: str, label: str, file_filter: str):
    """Add a MediaField for settings ``field`` to ``editor``'s form."""
    media = MediaField(editor.library, what, file_filter, editor)
    media.picked.connect(lambda name: editor.setting(field, name))
    media.failed.connect(editor.failed)
    editor.form.addRow(label, media)
    return media


def show_media(media: MediaField, step: StepInfo, field: str) -> None:
    path = step.media_path(field)
    exists = bool(path and path.is_file())
    media.show_value(step.workshop_id, step.settings.get(field), exists, key=step.id)


@cache
def editors() -> dict[str, type[KindEditor]]:
    found = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        editor = getattr(module, "EDITOR", None)
        if editor is not None:
            found[module.KIND] = editor
    return found


def editor_for(kind: str) -> type[KindEditor] | None:
    """The settings editor class for ``kind``, or None when the kind has no extra settings."""
    return editors().get(kind)


def missing() -> list[str]:
    """A sentence for each kind with settings of its own but no editor for them here."""
    from facilitator.model import kinds

    return [
        f"the kind '{name}' has no settings editor (facilitator/ui/editor_kinds/{name}.py)"
        for name, spec in kinds.registry().items()
        if spec.settings.model_fields and name not in editors()
    ]
