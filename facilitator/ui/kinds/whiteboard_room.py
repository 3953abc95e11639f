"""The console's choice of what the room sees of a board: the newest notes as they arrive (A),
all notes page by page (W), the overview of groups or zones (O), one group or zone opened large;
and which page the room is on, with what Next will do ("Next shows page 3 of 5")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QToolBar, QWidget

from facilitator.ui.board_layout import UNSORTED
from facilitator.ui.board_pages import units_of
from facilitator.ui.board_projector import MODE_NAMES
from facilitator.ui.widgets import disconnect

from .base import plain_label

VIEWS = (
    ("arrival", "Newest (A)", Qt.Key.Key_A, "The newest notes, large, as they arrive"),
    ("notes", "All notes (W)", Qt.Key.Key_W, "Every note the room may see, page by page"),
    ("overview", "Overview (O)", Qt.Key.Key_O, "Each group (or zone) with its count and top notes"),
)


class RoomView(QWidget):
    """Buttons for the room's view of ``scene``; their keys go into ``keys`` (key -> action),
    the controls' table of keys."""

    def __init__(self, options, scene, step, keys: dict, parent=None):
        super().__init__(parent)
        self.options, self.scene, self.step = options, scene, step
        bar = QToolBar()
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.buttons: dict[str, QAction] = {}
        exclusive = QActionGroup(self)
        for view, text, key, tip in VIEWS:
            action = QAction(text, self, checkable=True, toolTip=tip)
            action.triggered.connect(lambda *_, v=view: self.show_view(v))
            exclusive.addAction(action)
            bar.addAction(action)
            self.buttons[view] = action
            keys[key] = action
        self.units = QComboBox()
        self.units.setToolTip("Open one group (or zone) large on the projector")
        self.units.setMinimumContentsLength(14)
        self.units.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.units.activated.connect(self._unit_picked)
        self.where = plain_label("", "color: #0B6E69; font-weight: bold")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(plain_label("The room sees:"))
        row.addWidget(bar)
        row.addWidget(self.units)
        row.addWidget(self.where, 1)
        options.room_view_changed.connect(self.refresh)
        scene.board_changed.connect(self._fill_units)
        self._fill_units()
        self.refresh()

    def show_view(self, view: str) -> None:
        self.options.set(board_mode=view, board_unit=None, page=0, top_n=None)

    def _unit_picked(self, index: int) -> None:
        key = self.units.itemData(index)
        if key is not None:
            self.options.set(board_mode="group", board_unit=key, page=0, top_n=None)

    def _fill_units(self) -> None:
        notes = [i.note for i in self.scene.notes.values() if not i.note.hidden]
        groups = {gid: item.group.name for gid, item in self.scene.groups.items()}
        zones = [(z.id, z.label) for z in self.step.zones]
        units = units_of(notes, groups, zones, lambda ns: str(len(ns)), unsorted=UNSORTED)
        wanted = [("Open a group…", None)] + [
            (f"{section.title} ({section.detail})", key) for key, section in units
        ]
        units = self.units
        current = [(units.itemText(i), units.itemData(i)) for i in range(units.count())]
        if wanted == current:
            return
        chosen = self.options.board_unit if self.options.board_mode == "group" else None
        self.units.blockSignals(True)
        self.units.clear()
        for text, key in wanted:
            self.units.addItem(text, key)
        self.units.setCurrentIndex(self.index_of(chosen) if chosen else 0)
        self.units.blockSignals(False)

    def index_of(self, key) -> int:
        """The list's entry for a group or zone (QComboBox.findData compares Python objects by
        identity, not by value), or 0."""
        found = (i for i in range(self.units.count()) if self.units.itemData(i) == key)
        return next(found, 0)

    def refresh(self) -> None:
        view, page, pages = self.options.room_view
        for name, action in self.buttons.items():
            action.setChecked(name == view)
        if view != "group" and self.units.currentIndex() != 0:
            self.units.setCurrentIndex(0)
        if not view:
            self.where.setText("")
            return
        words = MODE_NAMES.get(view, view)
        if pages > 1:
            words += f", page {page + 1} of {pages}"
            words += (
                f" · Next (→) shows page {page + 2}"
                if page + 1 < pages
                else " · last page: Next (→) moves on to the next step"
            )
        self.where.setText(words)

    def detach(self) -> None:
        disconnect(
            (self.options.room_view_changed, self.refresh),
            (self.scene.board_changed, self._fill_units),
        )
