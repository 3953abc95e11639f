"""The discussion summary of a run: what the room said, step by step."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.platypus import Flowable, PageBreak, Paragraph, Table

from facilitator.model.authors import anonymous

from . import kinds
from .data import RunData, day, load_run
from .document import (
    RULE,
    Header,
    Progress,
    Tick,
    atomic_path,
    build_pdf,
    content_height,
    content_width,
    page_size,
    styles,
    table_style,
)
from .fonts import BOLD
from .noteline import byline_para
from .parts import listing
from .text import markup, para


def write_summary(
    model, run_id: int, path, *, paper="A4", per_participant=False, progress: Progress = None
) -> Path:
    """Write the discussion summary of run ``run_id`` to ``path`` as a PDF; returns the path.
    Hidden notes are left out (their number is given). ``per_participant`` adds each
    person's own contributions at the end (but for anonymous steps').
    ``progress(done, total)`` follows the layout."""
    page_size(paper)
    data = load_run(model, run_id)
    total = len(data.steps) + 1
    st, width, height = styles(), content_width(paper), content_height(paper)
    story: list[Flowable] = _front(data, st, width)
    for i, step in enumerate(data.steps):
        ctx = kinds.SummaryContext(st, width, i + 1, data, height)
        story += kinds.summary(step, ctx)
        story.append(Tick(progress, i + 1, total))
    if per_participant:
        story += _per_participant(data, st)
    title = f"{data.run.title}: discussion summary"
    header = Header(data.run.title, f"Discussion summary · {day(data.run.started_at)}")
    target = Path(path)
    with atomic_path(target) as temp:
        build_pdf(temp, story, paper=paper, title=title, header=header)
    if progress:
        progress(total, total)
    return target


def _front(data: RunData, st, width: float) -> list[Flowable]:
    run = data.run
    people = len(data.participants)
    visible = len(data.visible_notes())
    hidden = data.hidden_count()
    notes = f"{visible}" + (f" ({hidden} hidden by the facilitator, not shown)" if hidden else "")
    rows = [
        ("Date", day(run.started_at)),
        ("Room", run.place or "-"),
        ("Facilitator", run.facilitator or "-"),
        ("Attendees", str(people)),
        ("Notes", notes),
    ]
    table = Table(
        [[Paragraph(k, st["cellhead"]), Paragraph(markup(v), st["cell"])] for k, v in rows],
        colWidths=[80, width - 80],
        hAlign="LEFT",
    )
    table.setStyle(
        table_style(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F0F0F0")),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return [
        Paragraph("Discussion summary", st["subtitle"]),
        para(run.title, st["title"]),
        table,
    ]


def _per_participant(data: RunData, st) -> list[Flowable]:
    """Each person's own visible notes, person by person (names as they chose them); notes
    on anonymous steps are left out, or the names would say who wrote them."""
    titles = {s.id: s.title for s in data.steps}
    named = {s.id for s in data.steps if not anonymous(s)}
    mine: dict[int, list] = {}
    for note in data.visible_notes():
        if note.participant_id is not None and note.step_id in named:
            mine.setdefault(note.participant_id, []).append(note)
    people = sorted((p for p in data.participants if p.id in mine), key=lambda p: p.name.casefold())
    if not people:
        return []
    out: list[Flowable] = [PageBreak(), Paragraph("Each person's contributions", st["h1"])]
    for person in people:
        notes = sorted(mine[person.id], key=lambda n: (n.step_id, n.created_at))
        items = [
            byline_para(n.text, f"— {titles.get(n.step_id, '')}", st["note"], bullet="•")
            for n in notes
        ]
        name = Paragraph(markup(person.name, single_line=True, font=BOLD), st["h3"])
        out += listing(name, items)
    return out
