"""Q&A: in the handout the topic (the default heading); in the summary every question still on
the board, most upvotes first, each with its upvotes and whether it was answered (no names when
the Q&A is anonymous). The CSV's note rows are the questions already (votes = upvotes)."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from facilitator.model.authors import room_author
from facilitator.model.kinds.qa import answered_of, answering_of, by_upvotes
from facilitator.model.records import NoteInfo, StepInfo

from ..noteline import byline_para
from ..parts import WritingLines, step_heading

KIND = "qa"


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def handout(step: StepInfo, ctx) -> list[Flowable]:
    """The prompt, with a line to note a question to take away."""
    hint = Paragraph("A question you would still like answered:", ctx.styles["small"])
    heading = step_heading(step, ctx.styles, number=ctx.number)
    return [KeepTogether([*heading, hint, WritingLines(2)])]


def summary(step: StepInfo, ctx) -> list[Flowable]:
    data, styles = ctx.data, ctx.styles
    questions = by_upvotes(data.visible_notes(step.id))
    state = data.states.get(step.id)
    data_of_step = state.data if state is not None else {}
    # the question being answered when the Q&A ended was taken up: it counts as answered
    done = answered_of(data_of_step) | {answering_of(data_of_step)} - {None}
    heading = step_heading(step, styles, number=ctx.number)
    counts = Paragraph(_counts(questions, done, data.hidden_count(step.id)), styles["small"])
    if not questions:
        return [KeepTogether(heading + [counts])]
    items = [
        _question(note, number, styles, step, note.id in done)
        for number, note in enumerate(questions, start=1)
    ]
    if len(items) <= 4:
        return [KeepTogether([*heading, counts, *items])]
    # never the heading alone at a page's foot, nor one question alone at the top of the next
    return [KeepTogether([*heading, counts, *items[:2]]), *items[2:-2], KeepTogether(items[-2:])]


def _counts(questions: list[NoteInfo], done: set[int], hidden: int) -> str:
    people = len({n.participant_id for n in questions if n.participant_id is not None})
    upvotes = sum(n.votes for n in questions)
    answered = sum(1 for n in questions if n.id in done)
    text = f"{_plural(len(questions), 'question')} from {_plural(people, 'person', 'people')}"
    text += f", {_plural(upvotes, 'upvote')}; {answered} answered"
    if hidden:
        text += f". {_plural(hidden, 'hidden question')} not shown"
    return text + "."


def _question(note: NoteInfo, number: int, styles, step: StepInfo, answered: bool) -> Flowable:
    """A question of the list: its number, text and byline (upvotes, answered, and its author
    unless the Q&A is anonymous)."""
    parts = [_plural(note.votes, "upvote")]
    if answered:
        parts.append("answered")
    author = room_author(note, step)
    if author:
        parts.append(f"asked by {author}")
    return byline_para(note.text, " · ".join(parts), styles["note"], bullet=str(number))
