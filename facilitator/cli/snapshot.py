"""``facilitator snapshot RUN --step N --out F.png``: the projector's view of a step, as a
picture, rendered offscreen (no screen needed): for a report, an email, and for tests."""

from __future__ import annotations

import os
import re
from pathlib import Path

from .common import UserError, model_from_args

MODES = ("arrival", "notes", "overview", "top")


def register(subparsers, common) -> None:
    p = subparsers.add_parser(
        "snapshot", parents=[common], help="the projector's view of a step of a run, as PNG"
    )
    p.add_argument("run", metavar="RUN", help="a run's number (see `facilitator runs`) or latest")
    p.add_argument("--step", type=int, required=True, metavar="N", help="the step, as numbered")
    p.add_argument("--out", required=True, metavar="F.png", help="the picture to write")
    p.add_argument("--size", default="1920x1080", metavar="WxH", help="default 1920x1080")
    p.add_argument("--all-pages", action="store_true", help="one picture per page: F-1.png, ...")
    p.add_argument(
        "--mode",
        choices=MODES,
        default="notes",
        help="how a board is shown (default: all its notes, page by page)",
    )
    p.set_defaults(func=snapshot)


def parse_size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{2,5})\s*[xX×]\s*(\d{2,5})\s*", text)
    if not match:
        raise UserError(f"--size is width x height in pixels, such as 1920x1080 (not {text!r}).")
    width, height = int(match[1]), int(match[2])
    if not (160 <= width <= 7680 and 90 <= height <= 4320):
        raise UserError("--size is between 160x90 and 7680x4320 pixels.")
    return width, height


def page_paths(out: Path, pages: int, all_pages: bool) -> list[Path]:
    """Where each page goes: ``out`` alone, or ``F-1.png``, ``F-2.png``... with --all-pages."""
    if not all_pages:
        return [out]
    return [out.with_name(f"{out.stem}-{i}{out.suffix or '.png'}") for i in range(1, pages + 1)]


def snapshot(args) -> int:
    size = parse_size(args.size)
    out = Path(args.out)
    if out.suffix.lower() not in (".png", ""):
        raise UserError("--out is a .png file.")
    if not out.parent.exists():
        raise UserError(f"The folder {out.parent} does not exist.")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # never a window, screen or not
    try:
        from facilitator.ui.snapshot import Snapshot, step_of
    except ImportError as error:
        raise UserError(f"Snapshots need Qt, which cannot start here ({error}).") from None
    model = model_from_args(args)
    try:
        run = model.runs.find(args.run)
        step = step_of(model, run, args.step)
        shot = Snapshot(model, run, step, size, mode=args.mode)
        try:
            paths = page_paths(out, shot.page_count, args.all_pages)
            for page, path in enumerate(paths):
                if not shot.picture(page).save(str(path), "PNG"):
                    raise UserError(f"Could not write {path}.")
                print(f"Wrote {path}")
        finally:
            shot.close()
    finally:
        model.close()
    return 0
