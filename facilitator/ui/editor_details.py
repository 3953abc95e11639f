"""The workshop's details (description, facilitator notes) and its "More learning" resources,
which go into the handout."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.model.records import ResourceInfo, WorkshopInfo

from .editor_commands import AddResource, DeleteResource
from .editor_kinds import MediaField
from .widgets import heading, hint

ID_ROLE = Qt.ItemDataRole.UserRole
DOCUMENT_FILTER = (
    "Documents (*.pdf *.docx *.doc *.pptx *.odt *.odp *.txt *.png *.jpg);;Any file (*)"
)


def _box(parent, lines: int, placeholder: str = "") -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


class DetailsPanel(QWidget):
    def __init__(self, editor):
        super().__init__(editor)
        self.editor = editor
        self.workshop: WorkshopInfo | None = None
        self.resources: list[ResourceInfo] = []
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.description = _box(self, 3, "A sentence or two for the handout's cover.")
        self.notes = _box(self, 4, "Only you see these.")
        form.addRow("&Description:", self.description)
        form.addRow("Facilitator n&otes:", self.notes)
        layout.addLayout(form)
        layout.addWidget(heading("More learning", self))
        layout.addWidget(
            hint(
                "Links, documents and short texts printed at the end of the handout, "
                "each link with a QR code.",
                self,
            )
        )
        row = QHBoxLayout()
        left = QVBoxLayout()
        self.list = QListWidget(self)
        self.list.setAccessibleName("Resources")
        left.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.add = QPushButton("Add &resource", self)
        self.delete = QPushButton("Delete resource", self)
        buttons.addWidget(self.add)
        buttons.addWidget(self.delete)
        left.addLayout(buttons)
        row.addLayout(left, 2)
        self.res_form = QFormLayout()
        self.res_title = QLineEdit(self)
        self.res_url = QLineEdit(self)
        self.res_url.setPlaceholderText("https://")
        self.res_text = _box(self, 6)
        self.res_text.setPlaceholderText("A sentence or two about it, for the handout.")
        self.res_form.addRow("&Title:", self.res_title)
        self.res_form.addRow("&Link:", self.res_url)
        self.res_form.addRow("Te&xt:", self.res_text)
        self.res_file = MediaField(editor.library, "document", DOCUMENT_FILTER, self)
        self.res_file.picked.connect(lambda name: self._resource_edit({"file": name}, now=True))
        self.res_file.failed.connect(editor.show_problem)
        self.res_form.addRow("&Document:", self.res_file)
        right = QVBoxLayout()
        right.addLayout(self.res_form)
        right.addStretch(1)
        row.addLayout(right, 3)
        layout.addLayout(row, 1)

        self.description.textChanged.connect(
            lambda: self._workshop_edit({"description": self.description.toPlainText()})
        )
        self.notes.textChanged.connect(
            lambda: self._workshop_edit({"facilitator_notes": self.notes.toPlainText()})
        )
        self.res_title.textEdited.connect(lambda text: self._resource_edit({"title": text}))
        self.res_url.textEdited.connect(lambda text: self._resource_edit({"url": text.strip()}))
        self.res_text.textChanged.connect(
            lambda: self._resource_edit({"text": self.res_text.toPlainText()})
        )
        self.list.currentItemChanged.connect(lambda *_: self._resource_selected())
        self.add.clicked.connect(self.add_resource)
        delete_key = QAction("Delete resource", self.list)
        delete_key.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete_key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.triggered.connect(self.delete_resource)
        self.list.addAction(delete_key)
        self.delete.clicked.connect(self.delete_resource)

    def guard_undo_keys(self, guard) -> None:
        for widget in (self.description, self.notes, self.res_title, self.res_url, self.res_text):
            widget.installEventFilter(guard)

    # -- showing -------------------------------------------------------------------------------
    def load(self, workshop: WorkshopInfo | None, editor=None) -> None:
        self.workshop = workshop
        keep = self.current_resource_id()
        with _Quiet(self.description, self.notes):
            for box, text in (
                (self.description, workshop.description if workshop else ""),
                (self.notes, workshop.facilitator_notes if workshop else ""),
            ):
                if box.toPlainText() != text:
                    box.setPlainText(text)
        self.resources = self.editor.library.resources(workshop.id) if workshop else []
        with _Quiet(self.list):
            self.list.clear()
            for res in self.resources:
                item = QListWidgetItem(res.title)
                item.setData(ID_ROLE, res.id)
                self.list.addItem(item)
                if res.id == keep:
                    self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.resources:
            with _Quiet(self.list):
                self.list.setCurrentRow(0)
        self._resource_selected()

    def rename_items(self) -> None:
        """Show saved resource titles in the list without touching the fields."""
        if self.workshop is None:
            return
        self.resources = self.editor.library.resources(self.workshop.id)
        titles = {r.id: r.title for r in self.resources}
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setText(titles.get(item.data(ID_ROLE), item.text()))

    def show_file(self) -> None:
        """Show the current resource's document (after one was chosen or removed)."""
        res = next((r for r in self.resources if r.id == self.current_resource_id()), None)
        if res is not None and self.workshop is not None:
            exists = bool(res.file) and (self.workshop.media_dir / res.file).is_file()
            self.res_file.show_value(self.workshop.id, res.file, exists, key=res.id)

    def current_resource_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item else None

    def _resource_selected(self) -> None:
        self.editor.pending.flush()
        res = next((r for r in self.resources if r.id == self.current_resource_id()), None)
        for widget in (self.res_title, self.res_url, self.res_text, self.res_file, self.delete):
            widget.setEnabled(res is not None)
        if self.workshop is not None:
            file = res.file if res else None
            exists = bool(file) and (self.workshop.media_dir / file).is_file()
            self.res_file.show_value(self.workshop.id, file, exists, key=res.id if res else None)
        with _Quiet(self.res_title, self.res_url, self.res_text):
            if self.res_title.text() != (res.title if res else ""):
                self.res_title.setText(res.title if res else "")
            if self.res_url.text() != ((res.url or "") if res else ""):
                self.res_url.setText((res.url or "") if res else "")
            if self.res_text.toPlainText() != (res.text if res else ""):
                self.res_text.setPlainText(res.text if res else "")

    # -- editing -------------------------------------------------------------------------------
    def _workshop_edit(self, fields: dict) -> None:
        if self.workshop is not None:
            self.editor.pending.edit(("workshop", self.workshop.id), fields)

    def _resource_edit(self, fields: dict, now: bool = False) -> None:
        res_id = self.current_resource_id()
        if res_id is not None:
            self.editor.pending.edit(("resource", res_id), fields, now=now)

    def add_resource(self) -> None:
        if self.workshop is None:
            return
        self.editor.pending.flush()
        self.editor._push(AddResource(self.editor, self.workshop.id, "New resource", {}))
        self.list.setCurrentRow(self.list.count() - 1)
        self.res_title.setFocus()
        self.res_title.selectAll()

    def delete_resource(self) -> None:
        self.editor.pending.flush()
        res = next((r for r in self.resources if r.id == self.current_resource_id()), None)
        if res is not None and self.workshop is not None:
            self.editor._push(DeleteResource(self.editor, self.workshop.id, res))


class _Quiet:
    """Block the widgets' signals while the panel fills them in."""

    def __init__(self, *widgets):
        self.widgets = widgets

    def __enter__(self):
        for widget in self.widgets:
            widget.blockSignals(True)

    def __exit__(self, *exc):
        for widget in self.widgets:
            widget.blockSignals(False)
