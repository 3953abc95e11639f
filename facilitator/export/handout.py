"""The handout of a workshop: what people take away, with room to write their own answers."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from facilitator.model import kinds as model_kinds
from facilitator.model.records import ResourceInfo, RunInfo, StepInfo

from . import kinds
from .data import day
from .document import (
    RULE,
    Header,
    Progress,
    Tick,
    atomic_path,
    build_pdf,
    content_width,
    page_size,
    styles,
    table_style,
)
from .parts import qr_code
from .text import markup, para

QR_SIZE = 62


def write_handout(
    model, workshop_id: int, path, *, paper="A4", run_id: int | None = None, progress=None
) -> Path:
    """Write the handout of workshop ``workshop_id`` to ``path`` as a PDF; returns the path.
    With ``run_id`` the cover gives that run's date, place and facilitator (otherwise blank
    lines to fill in). ``progress(done, total)`` follows the layout."""
    page_size(paper)
    workshop = model.library.workshop(workshop_id)
    steps = model.library.steps(workshop_id)
    resources = model.library.resources(workshop_id)
    run = model.runs.run(run_id) if run_id is not None else None
    return _write(path, workshop, steps, resources, run, paper, progress)


def _write(path, workshop, steps, resources, run, paper, progress: Progress) -> Path:
    st, width = styles(), content_width(paper)
    total = len(steps) + 1
    body: list[Flowable] = []
    for i, step in enumerate(steps):
        body += kinds.handout(step, kinds.HandoutContext(st, width, i + 1))
        body.append(Tick(progress, i + 1, total))
    body += _more_learning(resources, st, width)
    story = _cover(workshop, steps, run, st, width)
    if any(not isinstance(f, Tick) for f in body):
        story.append(PageBreak())  # the steps start on a page of their own
    story += body
    when = day(run.started_at) if run else ""
    header = Header(workshop.title, f"Handout · {when}" if when else "Handout")
    target = Path(path)
    with atomic_path(target) as temp:
        build_pdf(temp, story, paper=paper, title=workshop.title, header=header,
                  first_page_header=False)  # fmt: skip
    if progress:
        progress(total, total)
    return target


def _cover(workshop, steps: list[StepInfo], run: RunInfo | None, st, width) -> list[Flowable]:
    out: list[Flowable] = [Spacer(1, 30), para(workshop.title, st["title"])]
    if workshop.description.strip():
        out.append(para(workshop.description, st["subtitle"]))
    out += [Spacer(1, 10), _details(run, st, width), Spacer(1, 18)]
    out.append(Paragraph("Agenda", st["h1"]))
    rows = []
    for i, step in enumerate(steps, start=1):
        label = model_kinds.get(step.kind).label if step.kind in model_kinds.names() else ""
        minutes = f"{round(step.timer_seconds / 60)} min" if step.timer_seconds else ""
        rows.append(
            [
                Paragraph(f"{i}.", st["cell"]),
                Paragraph(markup(step.title, single_line=True), st["cell"]),
                Paragraph(label, st["small"]),
                Paragraph(minutes, st["small"]),
            ]
        )
    if rows:
        table = Table(rows, colWidths=[30, width - 30 - 90 - 46, 90, 46], hAlign="LEFT")
        table.setStyle(
            table_style(
                [
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        out.append(table)
    return out


def _details(run: RunInfo | None, st, width) -> Table:
    blank = "&nbsp;"
    values = [
        ("Date", day(run.started_at) if run else ""),
        ("Place", run.place if run else ""),
        ("Facilitator", run.facilitator if run else ""),
    ]
    rows = [
        [Paragraph(k, st["cellhead"]), Paragraph(markup(v) or blank, st["cell"])] for k, v in values
    ]
    table = Table(rows, colWidths=[80, width - 80], rowHeights=[22] * len(rows), hAlign="LEFT")
    table.setStyle(
        table_style(
            [
                ("LINEBELOW", (1, 0), (1, -1), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F0F0F0")),
            ]
        )
    )
    return table


def _more_learning(resources: list[ResourceInfo], st, width) -> list[Flowable]:
    if not resources:
        return []
    out: list[Flowable] = [Spacer(1, 10), Paragraph("More learning", st["h1"])]
    for res in resources:
        cell: list[Flowable] = [para(res.title, st["h3"])]
        if res.text.strip():
            cell.append(para(res.text, st["body"]))
        if res.url:
            cell.append(para(res.url, st["small"]))
        elif res.file:
            cell.append(para(f"File: {res.file}", st["small"]))
        qr = qr_code(res.url, QR_SIZE) if res.url else Spacer(1, 1)
        table = Table([[cell, qr]], colWidths=[width - QR_SIZE - 10, QR_SIZE + 10])
        table.setStyle(
            table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (0, 0), 0),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                ]
            )
        )
        out.append(KeepTogether([table]))
    return out
