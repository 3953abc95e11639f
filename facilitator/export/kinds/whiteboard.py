"""Whiteboards: in the handout the question with space (a column per zone); in the summary the
board as arranged, then every visible note by zone and group, most votes first (without
author names when the board is anonymous)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from facilitator.model import board_geometry
from facilitator.model.authors import room_author
from facilitator.model.records import GroupInfo, NoteInfo, StepInfo

from ..board import Cluster, Column, board, zone_board
from ..document import RULE, table_style
from ..fonts import BOLD, REGULAR
from ..noteline import byline_para
from ..parts import WritingLines, step_heading
from ..text import markup

KIND = "whiteboard"
UNGROUPED = "Not grouped"
HEADING_ROOM = 130  # points kept for the step's heading and question above the drawing


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
    heading = step_heading(step, styles, number=ctx.number)
    counts = Paragraph(_counts(notes, data.hidden_count(step.id)), styles["small"])
    if not notes:
        return [KeepTogether(heading + [counts])]
    columns = _columns(step, notes, data.groups.get(step.id, []))
    drawing = board(columns, ctx.width, ctx.height - HEADING_ROOM)
    caption = Paragraph(_caption(step, columns, drawing is None), styles["small"])
    if drawing is not None:
        out: list[Flowable] = [KeepTogether(heading + [counts, Spacer(1, 4), drawing, caption])]
    else:
        out = [KeepTogether(heading + [counts, caption])]
    for column in columns:
        if not column.count:
            continue
        if column.label is not None:
            title = markup(column.label, single_line=True, font=BOLD)
            out.append(Paragraph(title + _tally(_notes_of(column)), styles["h2"]))
        if drawing is None:
            out += [zone_board(column, ctx.width), Spacer(1, 4)]
        for cluster in column.clusters:
            members = [note for _, note in cluster.notes]
            if cluster.name is not None or len(column.clusters) > 1:
                name = markup(cluster.name or UNGROUPED, single_line=True, font=BOLD)
                out.append(Paragraph(name + _tally(members), styles["h3"]))
            out += [_note(note, number, styles, step) for number, note in cluster.notes]
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


def _columns(step: StepInfo, notes: Sequence[NoteInfo], groups: Sequence[GroupInfo]):
    """The board's notes as drawing columns in reading order, numbered as the list prints
    them: the board's bands in order (every zone, and "Not sorted yet" when a note is in
    none), groups by their votes, notes by votes, notes in no group last in each zone."""
    names = {g.id: g.name or "Unnamed group" for g in groups}
    by_zone: dict = {}
    for note in notes:
        zone = board_geometry.home_zone(note.zone_id, step.zones)
        by_zone.setdefault(zone, {}).setdefault(note.group_id, []).append(note)
    bands = board_geometry.bands(step.zones)
    columns, number = [], 0
    for band in bands:
        if band.zone_id is None and step.zones and None not in by_zone:
            continue  # no note is in no zone
        clusters = []
        found = by_zone.get(band.zone_id, {})
        keys = sorted(found, key=lambda g: (g is None, -sum(n.votes for n in found[g]), g))
        for key in keys:
            members = sorted(found[key], key=lambda n: (-n.votes, n.created_at, n.id))
            numbered = tuple(enumerate(members, start=number + 1))
            number += len(members)
            clusters.append(Cluster(None if key is None else names.get(key, "Unnamed group"),
                                    numbered))  # fmt: skip
        columns.append(Column(band.label if step.zones else None, tuple(clusters)))
    return columns


def _caption(step: StepInfo, columns: list[Column], by_zone: bool) -> str:
    grouped = any(k.name is not None for c in columns for k in c.clusters)
    where = [w for w, on in (("its zone's column", step.zones), ("its group's outline", grouped))
             if on]  # fmt: skip
    text = "Each square is a note, numbered as in the list"
    text += " (the board drawn a zone at a time, above each zone's notes)" if by_zone else " below"
    return text + (f", in {' and in '.join(where)}." if where else ".")


def _notes_of(column: Column) -> list[NoteInfo]:
    return [note for cluster in column.clusters for _, note in cluster.notes]


def _tally(members: Sequence[NoteInfo]) -> str:
    """ "12 notes, 30 votes" as small grey markup after a heading."""
    votes = sum(n.votes for n in members)
    text = _plural(len(members), "note") + (f", {_plural(votes, 'vote')}" if votes else "")
    return f'&nbsp;&nbsp;<font name="{REGULAR}" size="8" color="#555555">{text}</font>'


def _note(note: NoteInfo, number: int, styles, step: StepInfo) -> Flowable:
    """A note of the list: its number, text and byline (author unless the board is
    anonymous, and votes)."""
    author = room_author(note, step)
    parts = [f"— {author}"] if author else []
    if note.votes:
        parts.append(_plural(note.votes, "vote"))
    return byline_para(note.text, " · ".join(parts), styles["note"], bullet=str(number))
