"""Dots on a position picture and feedback answers."""

from __future__ import annotations

import math

import pytest

from facilitator.model.errors import Conflict, Forbidden, InvalidInput


def step_of(model, run, kind):
    return next(s for s in model.runs.steps(run.id) if s.kind == kind)


def test_placing_twice_moves_the_dot(model, demo_run):
    person = model.runs.join(demo_run.id, name="Sam")[0]
    picture = step_of(model, demo_run, "position")
    model.responses.place(demo_run.id, picture.id, person.id, 0.2, 0.8)
    model.responses.place(demo_run.id, picture.id, person.id, 0.6, 0.3)
    dots = model.responses.placements(demo_run.id, picture.id)
    assert [(d.name, d.x, d.y) for d in dots] == [("Sam", 0.6, 0.3)]


@pytest.mark.parametrize(
    "x,y", [(-0.1, 0.5), (0.5, 1.01), (math.nan, 0.5), (math.inf, 0), ("a", 0)]
)
def test_places_off_the_picture_are_refused(model, demo_run, x, y):
    person = model.runs.join(demo_run.id)[0]
    with pytest.raises(InvalidInput):
        model.responses.place(demo_run.id, step_of(model, demo_run, "position").id, person.id, x, y)


def test_only_position_steps_take_dots(model, demo_run):
    person = model.runs.join(demo_run.id)[0]
    with pytest.raises(Conflict):
        model.responses.place(demo_run.id, step_of(model, demo_run, "reflect").id, person.id, 0, 0)


def test_feedback_is_checked_and_replaced(model, demo_run):
    person = model.runs.join(demo_run.id)[0]
    form = step_of(model, demo_run, "feedback")
    model.responses.answer_feedback(
        demo_run.id, form.id, person.id, {"useful": 4, "next": " More "}
    )
    model.responses.answer_feedback(demo_run.id, form.id, person.id, {"useful": 5, "voice": 3})
    [answer] = model.responses.feedback(demo_run.id, form.id)
    assert answer.answers == {"useful": 5, "voice": 3}
    for bad in (
        {"useful": 6},
        {"useful": True},
        {"useful": "5"},
        {"nope": 1},
        {"next": "x" * 2001},
    ):
        with pytest.raises(InvalidInput):
            model.responses.answer_feedback(demo_run.id, form.id, person.id, bad)


def test_strangers_cannot_answer(model, demo_run):
    other_run = model.runs.start(demo_run.source_workshop_id)
    stranger = model.runs.join(other_run.id)[0]
    with pytest.raises(Forbidden):
        model.responses.answer_feedback(
            demo_run.id, step_of(model, demo_run, "feedback").id, stranger.id, {"useful": 3}
        )
