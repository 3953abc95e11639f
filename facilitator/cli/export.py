"""``facilitator export RUN ...``: a run's handout, discussion summary, CSV and JSON; and
``facilitator handout WORKSHOP F``: a workshop's handout before any run. The export package
(reportlab) is imported only when one of these runs, so other commands start faster."""

from __future__ import annotations

import time
from pathlib import Path

from facilitator.model.demos import ensure_demos
from facilitator.model.errors import NotFound

from .common import UserError, model_from_args

OUTPUTS = ("handout", "summary", "csv", "json")
SUFFIX = {"handout": "handout.pdf", "summary": "summary.pdf", "csv": "notes.csv", "json": "json"}


def register(subparsers, common) -> None:
    p = subparsers.add_parser(
        "export",
        parents=[common],
        help="write a run's handout, discussion summary, CSV or JSON",
        description="Write a run's handout and discussion summary as PDF, and its raw data as "
        "CSV (a row per note) and JSON (the whole run). With no file named, all four are "
        "written to the current folder.",
    )
    p.add_argument("run", metavar="RUN", help="a run's number (see `facilitator runs`) or latest")
    p.add_argument("--handout", metavar="F", help="write the handout PDF to F")
    p.add_argument("--summary", metavar="F", help="write the discussion summary PDF to F")
    p.add_argument("--csv", metavar="F", help="write the notes as CSV to F")
    p.add_argument("--json", metavar="F", help="write the whole run as JSON to F")
    _paper(p)
    p.add_argument(
        "--per-participant",
        action="store_true",
        help="add each person's own contributions to the summary",
    )
    p.set_defaults(func=export_run)

    p = subparsers.add_parser(
        "handout", parents=[common], help="write a workshop's handout PDF before any run"
    )
    p.add_argument("workshop", metavar="WORKSHOP", help="its number or title")
    p.add_argument("file", metavar="F", help="the PDF file to write")
    _paper(p)
    p.set_defaults(func=export_handout)


def _paper(p) -> None:
    p.add_argument(
        "--paper",
        default="A4",
        type=_paper_name,
        choices=["A4", "Letter"],
        help="paper size (default A4)",
    )


def _paper_name(text: str) -> str:
    return {"a4": "A4", "letter": "Letter"}.get(text.strip().lower(), text)


def export_run(args) -> int:
    from facilitator.export import write_csv, write_handout, write_json, write_summary

    model = model_from_args(args)
    try:
        run = model.runs.find(args.run)
        wanted = {name: getattr(args, name) for name in OUTPUTS if getattr(args, name)}
        if not wanted:
            stem = f"run-{run.id}-{time.strftime('%Y-%m-%d', time.localtime(run.started_at))}"
            wanted = {name: f"{stem}-{SUFFIX[name]}" for name in OUTPUTS}
            wanted["json"] = f"{stem}.json"
        writers = {
            "handout": lambda f: write_handout(
                model, run.workshop_id, f, paper=args.paper, run_id=run.id
            ),
            "summary": lambda f: write_summary(
                model, run.id, f, paper=args.paper, per_participant=args.per_participant
            ),
            "csv": lambda f: write_csv(model, run.id, f),
            "json": lambda f: write_json(model, run.id, f),
        }
        for name, file in wanted.items():
            print(f"Wrote {_write(writers[name], Path(file))}")
    finally:
        model.close()
    return 0


def export_handout(args) -> int:
    from facilitator.export import write_handout

    model = model_from_args(args)
    try:
        try:
            workshop = model.library.find(args.workshop)
        except NotFound:
            ensure_demos(model.library)  # the bundled demos may not be in the library yet
            workshop = model.library.find(args.workshop)
        written = _write(
            lambda f: write_handout(model, workshop.id, f, paper=args.paper), Path(args.file)
        )
        print(f"Wrote {written}")
    finally:
        model.close()
    return 0


def _write(writer, path: Path) -> Path:
    try:
        return writer(path)
    except OSError as error:
        reason = error.strerror or str(error)
        raise UserError(f"Could not write {path}: {reason}.") from None
