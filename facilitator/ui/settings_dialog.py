"""The small settings dialog: the facilitator's name, paper size, preferred port and chime."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from facilitator.model.text import TITLE_MAX

from .settings import PAPER_SIZES, Settings
from .widgets import hint


class SettingsDialog(QDialog):
    """Edits ``settings``; OK saves, Cancel leaves them as they were."""

    def __init__(self, settings: Settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("Settings")
        self.name = QLineEdit(settings.facilitator_name, self)
        self.name.setMaxLength(TITLE_MAX)
        self.name.setPlaceholderText("Printed on handouts")
        self.paper = QComboBox(self)
        self.paper.addItems(PAPER_SIZES)
        self.paper.setCurrentText(settings.paper_size)
        self.paper.setMaximumWidth(140)
        self.port = QSpinBox(self)
        self.port.setRange(1024, 65535)
        self.port.setValue(settings.preferred_port)
        self.port.setMaximumWidth(140)
        self.chime = QCheckBox("&Chime when a countdown ends", self)
        self.chime.setChecked(settings.chime)
        form = QFormLayout()
        form.addRow("Your &name:", self.name)
        form.addRow("&Paper size:", self.paper)
        form.addRow("Preferred p&ort:", self.port)
        form.addRow("", hint("Phones join on this port; another one is used if it is busy.", self))
        form.addRow("", self.chime)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(440, self.sizeHint().height())

    def accept(self) -> None:
        self.settings.facilitator_name = self.name.text()
        self.settings.paper_size = self.paper.currentText()
        self.settings.preferred_port = self.port.value()
        self.settings.chime = self.chime.isChecked()
        self.settings.store.sync()
        super().accept()
