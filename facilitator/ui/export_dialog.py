"""The Export dialog: the handout, the discussion summary and the raw data (CSV, JSON) of a run,
or the handout of a workshop before any run. The writing runs off the GUI thread with a progress
bar; then each file can be opened, printed (pages rendered with QtPdf) or shown in its folder."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator import export

from .background import run_in_background
from .export_printing import ask_and_print
from .settings import PAPER_SIZES
from .widgets import error_sentence, heading, hint, plain_label

FOLDER_KEY = "export_folder"
STEPS = 1000  # progress units per file


def default_folder(settings) -> Path:
    stored = settings.store.value(FOLDER_KEY, "")
    if stored and Path(str(stored)).is_dir():
        return Path(str(stored))
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def safe_name(text: str) -> str:
    keep = "".join(c if c.isalnum() or c in " -_" else " " for c in text)
    return " ".join(keep.split())[:80] or "export"


def free_path(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/stem.suffix``, or ``stem (2).suffix``... when that file already exists."""
    path, n = folder / f"{stem}{suffix}", 2
    while path.exists():
        path, n = folder / f"{stem} ({n}){suffix}", n + 1
    return path


class ExportDialog(QDialog):
    """Export a run (``run_id``) or, before any run, a workshop's handout (``workshop_id``)."""

    def __init__(self, model, settings, *, run_id=None, workshop_id=None, parent=None):
        super().__init__(parent)
        if run_id is None and workshop_id is None:
            raise ValueError("ExportDialog needs a run_id or a workshop_id")
        self.model, self.settings = model, settings
        self.run = model.runs.run(run_id) if run_id is not None else None
        self.workshop_id = self.run.workshop_id if self.run else workshop_id
        self.title = self.run.title if self.run else model.library.workshop(workshop_id).title
        self.files: list[Path] = []
        self.running = False
        self.setWindowTitle("Export")
        self._build()

    # -- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title, self))
        layout.addWidget(plain_label(self._what(), self))
        layout.addLayout(self._build_choices())
        layout.addLayout(self._build_where())
        self.progress = QProgressBar(self)
        self.progress.setRange(0, STEPS)
        self.progress.setValue(0)
        self.progress.setAccessibleName("Export progress")
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = plain_label("", self)
        self.status.setAccessibleName("Export status")
        layout.addWidget(self.status)
        self.results = QGridLayout()
        layout.addLayout(self.results)
        layout.addStretch(1)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(
            "&Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(620, self.sizeHint().height())

    def _build_choices(self) -> QVBoxLayout:
        """What to export: a run offers all four; a workshop only its handout."""
        self.handout = QCheckBox("&Handout (PDF): the agenda, questions and More learning", self)
        self.summary = QCheckBox("&Discussion summary (PDF): every note, board and answer", self)
        self.per_person = QCheckBox("&With each person's own contributions", self)
        self.csv = QCheckBox("&Notes as a spreadsheet (CSV)", self)
        self.json = QCheckBox("Everything as data (&JSON)", self)
        self.handout.setChecked(True)
        options = QVBoxLayout()
        options.addWidget(self.handout)
        if self.run is None:
            for widget in (self.summary, self.per_person, self.csv, self.json):
                widget.hide()
            return options
        self.summary.setChecked(True)
        self.summary.toggled.connect(self.per_person.setEnabled)
        indented = QHBoxLayout()
        indented.addSpacing(24)
        indented.addWidget(self.per_person)
        options.addWidget(self.summary)
        options.addLayout(indented)
        options.addWidget(self.csv)
        options.addWidget(self.json)
        return options

    def _build_where(self) -> QFormLayout:
        self.paper = QComboBox(self)
        self.paper.addItems(PAPER_SIZES)
        self.paper.setCurrentText(self.settings.paper_size)
        self.paper.setMaximumWidth(140)
        folder_row = QWidget(self)
        row = QHBoxLayout(folder_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.folder = QLineEdit(str(default_folder(self.settings)), folder_row)
        self.choose = QPushButton("C&hoose\u2026", folder_row)
        self.choose.clicked.connect(self._ask_folder)
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose)
        folder_row.setFocusProxy(self.folder)
        form = QFormLayout()
        form.addRow("&Paper:", self.paper)
        form.addRow("Save &in:", folder_row)
        return form

    def _what(self) -> str:
        if self.run is None:
            return "The handout of this workshop, to print before the day."
        when = time.strftime("%d %B %Y", time.localtime(self.run.started_at))
        where = f", {self.run.place}" if self.run.place else ""
        return f"The run of {when}{where}."

    def _ask_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Save the exports in", self.folder.text())
        if folder:
            self.folder.setText(folder)

    # -- exporting -----------------------------------------------------------------------------
    def planned(self) -> list[tuple[str, Path]]:
        """What will be written: (what, path) for each ticked box."""
        folder = Path(self.folder.text().strip()).expanduser()
        day = time.strftime("%Y-%m-%d", time.localtime(self.run.started_at if self.run else None))
        stem = f"{safe_name(self.title)} {day}"
        wanted = [
            ("handout", self.handout, " handout", ".pdf"),
            ("summary", self.summary, " summary", ".pdf"),
            ("csv", self.csv, " notes", ".csv"),
            ("json", self.json, "", ".json"),
        ]
        out, taken = [], set()
        for what, box, tail, suffix in wanted:
            if box.isChecked() and (self.run is not None or what == "handout"):
                path = free_path(folder, stem + tail, suffix)
                while path in taken:
                    path = free_path(folder, f"{stem}{tail} {len(taken) + 1}", suffix)
                taken.add(path)
                out.append((what, path))
        return out

    def start_export(self) -> None:
        if self.running:
            return
        folder = Path(self.folder.text().strip()).expanduser()
        if not self.folder.text().strip() or not folder.is_dir():
            self.status.setText("Choose a folder that exists to save the files in.")
            return
        plan = self.planned()
        if not plan:
            self.status.setText("Tick at least one thing to export.")
            return
        self.settings.store.setValue(FOLDER_KEY, str(folder))
        self.settings.paper_size = self.paper.currentText()
        self._set_running(True)
        self.status.setText("Exporting\u2026")
        work = self._work(plan, self.paper.currentText(), self.per_person.isChecked())
        run_in_background(work, self._finished, self._failed, self._progressed)

    def _work(self, plan, paper: str, per_person: bool):
        model, run, workshop_id = self.model, self.run, self.workshop_id

        def work(report):
            written = []
            for i, (what, path) in enumerate(plan):

                def part(done, total, i=i):
                    report(i * STEPS + int(STEPS * done / max(total, 1)), len(plan) * STEPS)

                run_id = run.id if run else None
                if what == "handout":
                    export.write_handout(
                        model, workshop_id, path, paper=paper, run_id=run_id, progress=part
                    )
                elif what == "summary":
                    export.write_summary(
                        model, run_id, path, paper=paper, per_participant=per_person,
                        progress=part,
                    )  # fmt: skip
                elif what == "csv":
                    export.write_csv(model, run_id, path)
                else:
                    export.write_json(model, run_id, path)
                written.append(path)
                report((i + 1) * STEPS, len(plan) * STEPS)
            return written

        return work

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))

    def _set_running(self, running: bool) -> None:
        self.running = running
        for widget in (self.export_button, self.choose, self.folder, self.paper, self.handout,
                       self.summary, self.per_person, self.csv, self.json):  # fmt: skip
            widget.setEnabled(not running)
        if not running and self.run is not None:
            self.per_person.setEnabled(self.summary.isChecked())
        self.progress.setVisible(running or self.progress.value() > 0)

    def _finished(self, written: list[Path]) -> None:
        self._set_running(False)
        self.progress.setValue(self.progress.maximum())
        self.files = list(written)
        count = "1 file" if len(written) == 1 else f"{len(written)} files"
        self.status.setText(f"Saved {count} in {written[0].parent}." if written else "")
        self._show_results(written)

    def _failed(self, error: Exception) -> None:
        self._set_running(False)
        self.progress.hide()
        self.status.setText(f"The export did not finish. {error_sentence(error)}")

    def _show_results(self, written: list[Path]) -> None:
        while self.results.count():
            item = self.results.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for row, path in enumerate(written):
            self.results.addWidget(plain_label(path.name, self), row, 0)
            self._result_button("Open", lambda _=False, p=path: self.open_file(p), row, 1)
            if path.suffix.lower() == ".pdf":
                self._result_button(
                    "Print\u2026", lambda _=False, p=path: ask_and_print(self, p), row, 2
                )
            self._result_button(
                "Show in folder", lambda _=False, p=path: self.show_folder(p), row, 3
            )
        self.results.setColumnStretch(0, 1)
        self.results.addWidget(hint("Files are in the folder above; nothing leaves this computer.",
                                    self), len(written), 0, 1, 4)  # fmt: skip

    def _result_button(self, text, slot, row: int, col: int) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(slot)
        self.results.addWidget(button, row, col)
        return button

    def open_file(self, path: Path) -> bool:
        return self._open_url(QUrl.fromLocalFile(str(path)), path.name)

    def show_folder(self, path: Path) -> bool:
        return self._open_url(QUrl.fromLocalFile(str(path.parent)), str(path.parent))

    def _open_url(self, url: QUrl, what: str) -> bool:
        if QDesktopServices.openUrl(url):
            return True
        self.status.setText(f"This computer has no program to open {what}.")
        return False

    def reject(self) -> None:
        if self.running:  # the export finishes in the background; keep the dialog to report it
            self.status.setText("Please wait: the export is finishing.")
            return
        super().reject()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and self.running:
            event.ignore()
            return
        super().keyPressEvent(event)
