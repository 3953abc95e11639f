"""Commands on the workshop library: list, import, export."""

from __future__ import annotations

from pathlib import Path

from facilitator.model.demos import ensure_demos
from facilitator.model.workshop_file import export_workshop, import_workshop

from .common import model_from_args


def register(subparsers, common) -> None:
    p = subparsers.add_parser("workshops", parents=[common], help="list the workshops")
    p.add_argument("--demo", action="store_true", help="add the bundled demo workshops first")
    p.set_defaults(func=list_workshops)

    p = subparsers.add_parser(
        "import", parents=[common], help="add a workshop folder or .workshop file to the library"
    )
    p.add_argument("path", help="a folder with workshop.yaml, or a .workshop file")
    p.set_defaults(func=import_cmd)

    p = subparsers.add_parser(
        "export-workshop", parents=[common], help="write a workshop as a .workshop file or folder"
    )
    p.add_argument("name", help="the workshop's number or title (see `facilitator workshops`)")
    p.add_argument("path", help="a .workshop file to write, or an empty folder")
    p.set_defaults(func=export_cmd)


def list_workshops(args) -> int:
    model = model_from_args(args)
    if args.demo:
        ensure_demos(model.library)
    items = model.library.workshops()
    if not items:
        print("No workshops yet. `facilitator workshops --demo` adds the demo workshops.")
    for ws in items:
        demo = "  (demo)" if ws.is_demo else ""
        print(f"{ws.id:>4}  {ws.title}  [{ws.step_count} steps]{demo}")
    return 0


def import_cmd(args) -> int:
    model = model_from_args(args)
    info = import_workshop(model.library, Path(args.path))
    print(f"Imported '{info.title}' as workshop {info.id} ({info.step_count} steps).")
    return 0


def export_cmd(args) -> int:
    model = model_from_args(args)
    ws = model.library.find(args.name)
    path = export_workshop(model.library, ws.id, Path(args.path))
    print(f"Wrote '{ws.title}' to {path}")
    return 0
