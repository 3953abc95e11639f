"""Printing an exported PDF: Qt's print dialog, then each page rendered with QtPdf onto the
printer (so printing needs no PDF viewer on the machine)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter

from facilitator.model.errors import ModelError

MAX_DPI = 300


def print_pdf(path: Path, printer: QPrinter) -> int:
    """Print every page of ``path`` (or the printer's chosen range) on ``printer``; returns the
    number of pages printed. ModelError with a sentence when the PDF cannot be read."""
    document = QPdfDocument()
    status = document.load(str(path))
    if status != QPdfDocument.Error.None_ or document.pageCount() == 0:
        raise ModelError(f"{Path(path).name} could not be read as a PDF.")
    first, last = 0, document.pageCount() - 1
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(0, printer.fromPage() - 1)
        last = min(last, printer.toPage() - 1)
    dpi = min(printer.resolution(), MAX_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise ModelError("The printer could not be started.")
    printed = 0
    try:
        for index in range(first, last + 1):
            if printed:
                printer.newPage()
            points = document.pagePointSize(index)
            size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            image = document.render(index, size)
            area = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
            area.moveTo(0, 0)
            scaled = size.scaled(area.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF(0, 0, scaled.width(), scaled.height())
            target.moveCenter(area.center())
            painter.drawImage(target, image)
            printed += 1
    finally:
        painter.end()
    return printed


def ask_and_print(parent, path: Path) -> None:
    """Qt's print dialog (non-blocking); on OK the pages go to the chosen printer."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(Path(path).stem)
    dialog = QPrintDialog(printer, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def accepted() -> None:
        try:
            print_pdf(Path(path), printer)
        except ModelError as error:
            if hasattr(parent, "status"):
                parent.status.setText(error.message)

    dialog.accepted.connect(accepted)
    dialog.open()
