"""Whiteboards: in the handout the question with space (a column per zone); in the summary the
board as arranged, then every visible note by zone and group, most votes first."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from facilitator.model.records import GroupInfo, NoteInfo, StepInfo

from ..board import board
from ..document import RULE, table_style
from ..fonts import BOLD, REGULAR
from ..noteline import byline_para
from ..parts import WritingLines, step_heading
from ..text import markup

KIND = "whiteboard"


def handout(step: StepInfo, ctx) -> list[Flowable]:
    heading = step_heading(step, ctx.styles, number=ctx.number)
    if not step.zones:
        return [KeepTogether(heading + [WritingLines(6)])]
    column = ctx.width / len(step.zones)
    style = ctx.styles["cellhead"]
    head = [Paragraph(markup(z.label, single_line=True, font=BOLD), style) for z in step.zones]
    table = Table([head, [WritingLines(7) for _ in step.zones]], colWidths=[column] * len(head))
    table.setStyle(
        table_style(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EDEDED")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return [KeepTogether(heading + [Spacer(1, 4), table])]


def summary(step: StepInfo, ctx) -> list[Flowable]:
    data, styles = ctx.data, ctx.styles
    notes = data.visible_notes(step.id)
    hidden = data.hidden_count(step.id)
    groups = data.groups.get(step.id, [])
    heading = step_heading(step, styles, number=ctx.number)
    counts = Paragraph(_counts(notes, hidden), styles["small"])
    if not notes:
        return [KeepTogether(heading + [counts])]
    sections = _sections(step, notes, groups)
    ordered = (n for _, _, members in sections for n in members)
    numbered = list(enumerate(ordered, start=1))
    drawing = board(numbered, groups, step.zones, ctx.width)
    caption = Paragraph("The board as arranged; the numbers are those of the notes below.",
                        styles["small"])  # fmt: skip
    out: list[Flowable] = [KeepTogether(heading + [counts, Spacer(1, 4), drawing, caption])]
    number = 0
    for zone, group_label, members in sections:
        if zone is not None:
            label, zone_notes = zone
            title = markup(label, single_line=True, font=BOLD) + _tally(zone_notes)
            out.append(Paragraph(title, styles["h2"]))
        if group_label is not None:
            out.append(Paragraph(group_label + _tally(members), styles["h3"]))
        for note in members:
            number += 1
            out.append(_note(note, number, styles))
    return out


def _counts(notes: Sequence[NoteInfo], hidden: int) -> str:
    people = len({n.participant_id for n in notes if n.participant_id is not None})
    votes = sum(n.votes for n in notes)
    parts = [_plural(len(notes), "note"), f"from {_plural(people, 'person', 'people')}"]
    text = " ".join(parts)
    if votes:
        text += f", {_plural(votes, 'vote')}"
    if hidden:
        text += f". {_plural(hidden, 'hidden note')} not shown"
    return text + "."


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _sections(step: StepInfo, notes: Sequence[NoteInfo], groups: Sequence[GroupInfo]):
    """(zone, group heading markup or None, notes) in reading order: zones in board order,
    groups by their votes, notes by votes, ungrouped notes last in each zone. ``zone`` is
    (label, all its notes) on a zone's first section, else None (and always on a board
    without zones)."""
    zone_ids = [z.id for z in step.zones]
    labels = {z.id: z.label for z in step.zones}
    group_names = {g.id: g.name for g in groups}
    by_zone: dict = {}
    for note in notes:
        zone = note.zone_id if note.zone_id in labels else None
        by_zone.setdefault(zone, {}).setdefault(note.group_id, []).append(note)
    order = zone_ids + [None] if zone_ids else [None]
    out = []
    for zone in order:
        if zone not in by_zone:
            continue
        clusters = by_zone[zone]
        everything = [n for members in clusters.values() for n in members]
        heading = (labels.get(zone, "Not in a zone"), everything) if zone_ids else None
        keys = sorted(clusters, key=lambda g: (g is None, -sum(n.votes for n in clusters[g]), g))
        for key in keys:
            members = sorted(clusters[key], key=lambda n: (-n.votes, n.created_at, n.id))
            if key is None:
                group = "Not grouped" if len(clusters) > 1 else None
            else:
                group = markup(group_names.get(key) or "Unnamed group", single_line=True, font=BOLD)
            out.append((heading, group, members))
            heading = None
    return out


def _tally(members: Sequence[NoteInfo]) -> str:
    """ "12 notes, 30 votes" as small grey markup after a heading."""
    votes = sum(n.votes for n in members)
    text = _plural(len(members), "note") + (f", {_plural(votes, 'vote')}" if votes else "")
    return f'&nbsp;&nbsp;<font name="{REGULAR}" size="8" color="#555555">{text}</font>'


def _note(note: NoteInfo, number: int, styles) -> Flowable:
    byline = f"— {note.author}"
    if note.votes:
        byline += f" · {_plural(note.votes, 'vote')}"
    return byline_para(note.text, byline, styles["note"], bullet=str(number))
