"""Make the demo workshops' own media: the "Your position?" picture (drawn with Qt) and short
placeholder clips (ffmpeg, MPEG-4 Part 2) whose caption says to replace them with the real clip.

Run from a checkout: ``python scripts/make_demo_media.py``. Needs ffmpeg on the PATH for the clips.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import (  # noqa: E402
    QBrush,
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

ROOT = Path(__file__).resolve().parent.parent
WORKSHOPS = ROOT / "assets" / "workshops"
W, H = 1600, 1000

PLACES = [  # (x, y, label, anchor) along the path, from the valley to the summit
    (190, 880, "Not started yet", "right"),
    (470, 790, "Packing my bag", "left"),
    (690, 640, "On my way, finding the path", "right"),
    (520, 500, "Stuck on a ledge", "left"),
    (900, 450, "Slipping back", "right"),
    (760, 300, "Nearly there", "left"),
    (1040, 170, "At the top, helping others up", "left"),
]


def draw_position_picture(path: Path) -> None:
    image = QImage(W, H, QImage.Format.Format_RGB32)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    sky = QLinearGradient(0, 0, 0, H)
    sky.setColorAt(0, QColor("#DCEBFA"))
    sky.setColorAt(1, QColor("#F7FBFF"))
    p.fillRect(0, 0, W, H, sky)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#B8C7D6"))
    p.drawPolygon(
        QPolygonF(
            [
                QPointF(x, y)
                for x, y in [
                    (0, 720),
                    (260, 420),
                    (420, 560),
                    (700, 260),
                    (900, 420),
                    (1040, 130),
                    (1260, 380),
                    (1420, 300),
                    (1600, 520),
                    (1600, 1000),
                    (0, 1000),
                ]
            ]
        )
    )
    p.setBrush(QColor("#8FB58A"))
    p.drawPolygon(
        QPolygonF(
            [
                QPointF(x, y)
                for x, y in [
                    (0, 860),
                    (300, 760),
                    (600, 560),
                    (820, 380),
                    (1040, 170),
                    (1240, 420),
                    (1600, 700),
                    (1600, 1000),
                    (0, 1000),
                ]
            ]
        )
    )
    p.setBrush(QColor("#FFFFFF"))
    p.drawPolygon(
        QPolygonF(
            [
                QPointF(x, y)
                for x, y in [
                    (1040, 170),
                    (985, 235),
                    (1015, 225),
                    (1040, 250),
                    (1070, 225),
                    (1100, 240),
                ]
            ]
        )
    )
    route = QPainterPath(QPointF(*PLACES[0][:2]))
    for x, y, *_ in PLACES[1:]:
        route.lineTo(x, y)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(QColor("#6B4F2A"), 7, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap))
    p.drawPath(route)
    font = QFont("DejaVu Sans", 26)
    font.setBold(True)
    p.setFont(font)
    for i, (x, y, label, anchor) in enumerate(PLACES, start=1):
        p.setPen(QPen(QColor("#333333"), 3))
        p.setBrush(QBrush(QColor("#FFFFFF")))
        p.drawEllipse(QPointF(x, y), 26, 26)
        p.setPen(QColor("#222222"))
        p.drawText(QRectF(x - 26, y - 26, 52, 52), Qt.AlignmentFlag.AlignCenter, str(i))
        width = p.fontMetrics().horizontalAdvance(label) + 28
        left = x + 38 if anchor == "right" else x - 38 - width
        box = QRectF(left, y - 26, width, 52)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(255, 255, 255, 215))
        p.drawRoundedRect(box, 12, 12)
        p.setPen(QColor("#1F2A36"))
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
    p.end()
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(str(path), "PNG", 9)


def make_clip(path: Path, title: str, seconds: int = 6) -> None:
    font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    lines = [
        title,
        "Demo placeholder: replace it with the real clip",
        "(edit the step, choose its video file)",
    ]
    filters = []
    for i, line in enumerate(lines):
        text = line.replace(":", r"\:").replace("'", "")
        size = 34 if i == 0 else 24
        filters.append(
            f"drawtext=fontfile={font}:text='{text}':fontcolor=white:fontsize={size}:"
            f"x=(w-text_w)/2:y=(h/2)-60+{i * 52}"
        )
    subprocess.run(
        [
            "ffmpeg",
            "-y",
            "-loglevel",
            "error",
            "-f",
            "lavfi",
            "-i",
            f"color=c=0x23364A:size=640x360:rate=25:duration={seconds}",
            "-vf",
            f"drawbox=x=0:y=330:w='iw*t/{seconds}':h=12:color=0xE69F00:t=fill," + ",".join(filters),
            "-c:v",
            "mpeg4",
            "-q:v",
            "6",
            "-g",
            "125",
            "-an",
            str(path),
        ],
        check=True,
    )


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)  # noqa: F841 (fonts need it)
    picture = WORKSHOPS / "change-agents-1" / "pictures" / "position.png"
    draw_position_picture(picture)
    shutil.copy2(picture, WORKSHOPS / "facilitators-huddle" / "pictures" / "position.png")
    if shutil.which("ffmpeg") is None:
        print("ffmpeg not found: the clips were not made", file=sys.stderr)
        return 1
    clips = WORKSHOPS / "change-agents-1" / "clips"
    clips.mkdir(parents=True, exist_ok=True)
    make_clip(clips / "made-in-dagenham-placeholder.mp4", "Made in Dagenham")
    make_clip(clips / "burning-ambition-placeholder.mp4", "Burning platform vs burning ambition")
    for f in sorted(WORKSHOPS.rglob("*.*")):
        if f.suffix in (".png", ".mp4"):
            print(f"{f.relative_to(ROOT)}: {f.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
