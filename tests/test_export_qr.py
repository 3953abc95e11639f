"""The handout's QR codes: drawn from the qrcode library's modules, they come out of the PDF
module for module (read back from the page rendered by pdftoppm)."""

from __future__ import annotations

import shutil
import subprocess

from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from facilitator.export.parts import qr_code

URL = "https://www.ted.com/talks/simon_sinek_how_great_leaders_inspire_action"


def test_qr_code_pages_match_the_modules(tmp_path):
    assert shutil.which("pdftoppm"), "poppler-utils is needed (CI installs it)"
    # GIVEN a QR code of a link drawn 200 points square on a page
    code = qr_code(URL, 200)
    pdf = tmp_path / "qr.pdf"
    canvas = Canvas(str(pdf), pagesize=(200, 200))
    code.drawOn(canvas, 0, 0)
    canvas.save()
    # WHEN the page is rendered at 144 dpi (2 pixels a point)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "144", "-singlefile", str(pdf), str(tmp_path / "qr")],
        check=True,
    )
    image = Image.open(tmp_path / "qr.png").convert("L")
    # THEN the centre of every module is dark exactly where the code has a dark module
    count = len(code.matrix)
    cell = image.width / count
    for r, row in enumerate(code.matrix):
        for c, dark in enumerate(row):
            pixel = image.getpixel((int((c + 0.5) * cell), int((r + 0.5) * cell)))
            assert (pixel < 128) == dark, (r, c)
    assert any(any(row) for row in code.matrix) and not any(code.matrix[0])  # quiet zone
