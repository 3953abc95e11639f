"""The library page: the workshops (the bundled demos included) with new, duplicate, delete,
import and export of workshop files; the editor of the selected workshop; and the past runs,
to resume, reopen or export."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from facilitator.model import events, workshop_file
from facilitator.model.demos import ensure_demos
from facilitator.model.errors import WorkshopFileError
from facilitator.model.records import RunInfo, WorkshopInfo
from facilitator.model.text import TITLE_MAX

from .background import run_in_background
from .bridge import EventBridge
from .editor import WorkshopEditor
from .widgets import error_sentence, heading, plain_label, show_problems

ID_ROLE = Qt.ItemDataRole.UserRole
RUN_EVENTS = {events.RUN_STARTED, events.RUN_ENDED, events.STEP}
WORKSHOP_EVENTS = {events.WORKSHOP_CHANGED, events.WORKSHOP_DELETED}


def workshop_line(ws: WorkshopInfo) -> str:
    steps = f"{ws.step_count} step" + ("" if ws.step_count == 1 else "s")
    return f"{ws.title}\n    {steps}" + (" \u00b7 demo" if ws.is_demo else "")


def run_line(run: RunInfo) -> str:
    when = time.strftime("%d %b %Y, %H:%M", time.localtime(run.started_at))
    where = f" \u00b7 {run.place}" if run.place else ""
    state = (
        "finished"
        if run.ended
        else f"unfinished, at step {run.current_position + 1} of {run.step_count}"
    )
    return f"{run.title}\n    {state} \u00b7 {when}{where}"


def copy_title(title: str) -> str:
    return f"{title} (copy)"[:TITLE_MAX] if len(title) + 7 <= TITLE_MAX else title


class LibraryPage(QWidget):
    """The facilitator's preparation page. The app shell listens to the three signals."""

    start_run_requested = Signal(int)  # workshop id
    resume_run_requested = Signal(int)  # run id
    export_run_requested = Signal(int)  # run id

    def __init__(self, model, settings, parent=None):
        super().__init__(parent)
        self.model = model
        self.settings = settings
        self.library = model.library
        self.bridge = EventBridge(model.bus, self)
        self.busy = 0
        if not settings.demos_added:  # the first time only: `facilitator demo` adds them again
            ensure_demos(self.library)
            settings.demos_added = True
        self._build()
        self.bridge.event_received.connect(self._event)
        self.refresh_workshops()
        self.refresh_runs()
        if self.workshops.count():
            self.workshops.setCurrentRow(0)

    # -- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        self._build_workshops(left, column)
        column.addSpacing(8)
        self._build_runs(left, column)
        self.editor = WorkshopEditor(self.model, self.bridge, self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([270, 1080])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._key("F5", self._start, self)
        self._key(QKeySequence.StandardKey.Delete, self.confirm_delete, self.workshops)

    def _build_workshops(self, left: QWidget, column: QVBoxLayout) -> None:
        column.addWidget(heading("Workshops", left))
        self.workshops = _list(left, "Workshops")
        self.workshops.currentItemChanged.connect(lambda *_: self._workshop_selected())
        column.addWidget(self.workshops, 3)
        self.start = QPushButton("\u25b6  &Start run", left)
        self.start.setToolTip("Start a run of this workshop (F5)")
        self.start.setDefault(True)
        self.start.setMinimumHeight(self.start.sizeHint().height() + 10)
        font = self.start.font()
        font.setBold(True)
        self.start.setFont(font)
        self.start.clicked.connect(self._start)
        column.addWidget(self.start)
        grid = QGridLayout()
        self.new = self._button("&New", self.new_workshop, grid, 0, 0)
        self.duplicate = self._button("Duplicate", self.duplicate_selected, grid, 0, 1)
        self.delete = self._button("Delete\u2026", self.confirm_delete, grid, 0, 2)
        self.import_ = self._button("&Import", None, grid, 1, 0)
        self.export = self._button("E&xport", None, grid, 1, 1)
        self.handout = self._button("Hand&out\u2026", self.open_handout, grid, 1, 2)
        self.import_.setMenu(self._menu([
            ("A .workshop file\u2026", self._ask_import_file),
            ("A workshop folder\u2026", self._ask_import_folder),
        ]))  # fmt: skip
        self.export.setMenu(self._menu([
            ("As a .workshop file\u2026", self._ask_export_file),
            ("As a folder\u2026", self._ask_export_folder),
        ]))  # fmt: skip
        column.addLayout(grid)
        self.message = plain_label("", left)
        self.message.setAccessibleName("Library messages")
        column.addWidget(self.message)

    def _build_runs(self, left: QWidget, column: QVBoxLayout) -> None:
        column.addWidget(heading("Past runs", left))
        self.runs = _list(left, "Past runs")
        self.runs.currentItemChanged.connect(lambda *_: self._run_selected())
        self.runs.itemActivated.connect(lambda _item: self._resume())
        column.addWidget(self.runs, 2)
        grid = QGridLayout()
        self.resume = self._button("&Resume", self._resume, grid, 0, 0)
        self.export_run = self._button("Export &results\u2026", self._export_run, grid, 0, 1)
        self.settings_button = self._button("Se&ttings\u2026", self.open_settings, grid, 1, 0)
        column.addLayout(grid)

    def _key(self, keys, slot, on: QWidget) -> None:
        action = QAction(on)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        on.addAction(action)

    def _button(self, text, slot, grid: QGridLayout, row: int, col: int) -> QPushButton:
        button = QPushButton(text, self)
        if slot is not None:
            button.clicked.connect(slot)
        grid.addWidget(button, row, col)
        return button

    def _menu(self, entries) -> QMenu:
        menu = QMenu(self)
        for text, slot in entries:
            menu.addAction(text).triggered.connect(slot)
        return menu

    # -- lists -----------------------------------------------------------------------------------
    def refresh_workshops(self, select: int | None = None) -> None:
        keep = select if select is not None else self.selected_workshop_id()
        self.workshops.blockSignals(True)
        self.workshops.clear()
        for ws in self.library.workshops():
            item = QListWidgetItem(workshop_line(ws))
            item.setToolTip(ws.title)
            item.setData(ID_ROLE, ws.id)
            self.workshops.addItem(item)
            if ws.id == keep:
                self.workshops.setCurrentItem(item)
        self.workshops.blockSignals(False)
        if self.selected_workshop_id() != self.editor.workshop_id:
            self._workshop_selected()

    def refresh_runs(self) -> None:
        keep = self.selected_run_id()
        self.runs.blockSignals(True)
        self.runs.clear()
        for run in self.model.runs.runs():
            item = QListWidgetItem(run_line(run))
            item.setToolTip(run_line(run))
            item.setData(ID_ROLE, run.id)
            self.runs.addItem(item)
            if run.id == keep:
                self.runs.setCurrentItem(item)
        if self.runs.currentRow() < 0 and self.runs.count():
            self.runs.setCurrentRow(0)
        self.runs.blockSignals(False)
        self._run_selected()

    def selected_workshop_id(self) -> int | None:
        item = self.workshops.currentItem()
        return item.data(ID_ROLE) if item else None

    def selected_run_id(self) -> int | None:
        item = self.runs.currentItem()
        return item.data(ID_ROLE) if item else None

    def select_workshop(self, workshop_id: int) -> None:
        self.refresh_workshops(select=workshop_id)

    def _workshop_selected(self) -> None:
        workshop_id = self.selected_workshop_id()
        for button in (self.start, self.duplicate, self.delete, self.export, self.handout):
            button.setEnabled(workshop_id is not None)
        if workshop_id != self.editor.workshop_id:
            self.editor.open_workshop(workshop_id)

    def _run_selected(self) -> None:
        run_id = self.selected_run_id()
        run = next((r for r in self.model.runs.runs() if r.id == run_id), None)
        self.resume.setEnabled(run is not None)
        self.export_run.setEnabled(run is not None)
        self.resume.setText("&Reopen" if run is not None and run.ended else "&Resume")

    def _event(self, event) -> None:
        if event.type in WORKSHOP_EVENTS:
            self.refresh_workshops()
        elif event.type in RUN_EVENTS:
            self.refresh_runs()

    def say(self, text: str) -> None:
        self.message.setText(text)

    # -- workshops -------------------------------------------------------------------------------
    def new_workshop(self) -> WorkshopInfo:
        """A new workshop that starts with a welcome slide showing how to join."""
        titles = {w.title for w in self.library.workshops()}
        title, n = "New workshop", 2
        while title in titles:
            title, n = f"New workshop {n}", n + 1
        ws = self.library.create_workshop(title)
        self.library.add_step(ws.id, "info", title="Welcome", settings={"show_join": True})
        self.select_workshop(ws.id)
        self.editor.title.setFocus()
        self.editor.title.selectAll()
        return ws

    def duplicate_selected(self) -> None:
        workshop_id = self.selected_workshop_id()
        if workshop_id is None:
            return
        library = self.library

        def work() -> WorkshopInfo:
            original = library.workshop(workshop_id)
            with tempfile.TemporaryDirectory(prefix="facilitator-copy-") as tmp:
                folder = Path(tmp) / "workshop"
                workshop_file.export_workshop(library, workshop_id, folder)
                copy = workshop_file.import_workshop(library, folder)
            return library.update_workshop(copy.id, title=copy_title(original.title))

        self._background(
            work,
            lambda ws: self._done(f"Made \u201c{ws.title}\u201d.", ws.id),
            title="Could not duplicate",
        )

    def confirm_delete(self) -> None:
        workshop_id = self.selected_workshop_id()
        if workshop_id is None:
            return
        ws = self.library.workshop(workshop_id)
        box = QMessageBox(QMessageBox.Icon.Question, "Delete workshop", "", parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"Delete \u201c{ws.title}\u201d? Past runs of it are kept.")
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(lambda: self.delete_workshop(workshop_id))
        box.open()

    def delete_workshop(self, workshop_id: int) -> None:
        ws = self.library.delete_workshop(workshop_id)
        self.say(f"Deleted \u201c{ws.title}\u201d.")
        self.refresh_workshops()
        if self.workshops.currentRow() < 0 and self.workshops.count():
            self.workshops.setCurrentRow(0)

    # -- workshop files --------------------------------------------------------------------------
    def _ask_import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import a workshop", "", "Workshops (*.workshop *.zip workshop.yaml)"
        )
        if path:
            self.import_from(Path(path))

    def _ask_import_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Import a workshop folder")
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> None:
        """Import a workshop folder or ``.workshop`` file (off the GUI thread)."""
        library = self.library
        self.say(f"Importing {Path(path).name}\u2026")
        self._background(
            lambda: workshop_file.import_workshop(library, Path(path)),
            lambda ws: self._done(f"Imported \u201c{ws.title}\u201d.", ws.id),
            title="Import failed",
        )

    def _ask_export_file(self) -> None:
        ws = self._selected_info()
        if ws is not None:
            name = f"{_safe_name(ws.title)}{workshop_file.ZIP_SUFFIX}"
            path, _ = QFileDialog.getSaveFileName(
                self, "Export the workshop", str(Path.home() / name), "Workshops (*.workshop)"
            )
            if path:
                self.export_to(ws.id, Path(path))

    def _ask_export_folder(self) -> None:
        ws = self._selected_info()
        if ws is not None:
            path = QFileDialog.getExistingDirectory(self, "Export into an empty folder")
            if path:
                self.export_to(ws.id, Path(path))

    def export_to(self, workshop_id: int, path: Path) -> None:
        """Write a workshop as a ``.workshop`` file or a folder (off the GUI thread)."""
        library = self.library
        self._background(
            lambda: workshop_file.export_workshop(library, workshop_id, Path(path)),
            lambda out: self._done(f"Saved {out}."),
            title="Export failed",
        )

    def _selected_info(self) -> WorkshopInfo | None:
        workshop_id = self.selected_workshop_id()
        return self.library.workshop(workshop_id) if workshop_id is not None else None

    def _background(self, work, on_done, *, title: str = "That did not work") -> None:
        self.busy += 1

        def done(result) -> None:
            self.busy -= 1
            on_done(result)

        def failed(error: Exception) -> None:
            self.busy -= 1
            self.say("")
            if isinstance(error, WorkshopFileError):
                count = len(error.problems)
                sentence = (
                    "The workshop file has a problem:"
                    if count == 1
                    else (f"The workshop file has {count} problems:")
                )
                show_problems(self, title, sentence, error.problems)
            else:
                show_problems(self, title, error_sentence(error))

        run_in_background(work, done, failed)

    def _done(self, text: str, select: int | None = None) -> None:
        self.say(text)
        if select is not None:
            self.select_workshop(select)

    # -- runs and dialogs ------------------------------------------------------------------------
    def _start(self) -> None:
        self.editor.pending.flush()
        workshop_id = self.selected_workshop_id()
        if workshop_id is not None:
            self.start_run_requested.emit(workshop_id)

    def _resume(self) -> None:
        run_id = self.selected_run_id()
        if run_id is not None:
            self.resume_run_requested.emit(run_id)

    def _export_run(self) -> None:
        run_id = self.selected_run_id()
        if run_id is not None:
            self.export_run_requested.emit(run_id)

    def open_handout(self) -> None:
        from .export_dialog import ExportDialog

        workshop_id = self.selected_workshop_id()
        if workshop_id is not None:
            self.editor.pending.flush()
            dialog = ExportDialog(self.model, self.settings, workshop_id=workshop_id, parent=self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()


def _list(parent: QWidget, name: str) -> QListWidget:
    """A list of two-line items, long lines elided (the full text is in the tooltip)."""
    widget = QListWidget(parent)
    widget.setAccessibleName(name)
    widget.setSpacing(2)
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setTextElideMode(Qt.TextElideMode.ElideRight)
    return widget


def _safe_name(title: str) -> str:
    keep = "".join(c if c.isalnum() or c in " -_" else " " for c in title)
    return " ".join(keep.split()) or "workshop"
