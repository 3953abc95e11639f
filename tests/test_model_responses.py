"""Answers of every kind in one table: dots on a position picture and feedback forms, checked
by their kind, replaced by the same person, refused once the step is closed or off the screen."""

from __future__ import annotations

import math

import pytest

from facilitator.model import events
from facilitator.model.errors import Conflict, Forbidden, InvalidInput


def step_of(model, run, kind):
    return next(s for s in model.runs.steps(run.id) if s.kind == kind)


def on_screen(model, run, kind):
    """The run's first step of ``kind``, moved onto the screen (answers go to that one)."""
    steps = model.runs.steps(run.id)
    step = next(s for s in steps if s.kind == kind)
    model.runs.go_to(run.id, steps.index(step))
    return step


def test_placing_twice_moves_the_dot(model, demo_run):
    person = model.runs.join(demo_run.id, name="Sam")[0]
    picture = on_screen(model, demo_run, "position")
    model.responses.answer(demo_run.id, picture.id, person.id, {"x": 0.2, "y": 0.8})
    model.responses.answer(demo_run.id, picture.id, person.id, {"x": 0.6, "y": 0.3})
    dots = model.responses.answers(demo_run.id, picture.id)
    assert [(d.name, d.answer) for d in dots] == [("Sam", {"x": 0.6, "y": 0.3})]
    assert model.responses.tally(picture, demo_run.id) == {
        "answered": 1,
        "dots": [{"x": 0.6, "y": 0.3}],
    }


@pytest.mark.parametrize(
    "x,y", [(-0.1, 0.5), (0.5, 1.01), (math.nan, 0.5), (math.inf, 0), ("a", 0), (None, 0)]
)
def test_places_off_the_picture_are_refused(model, demo_run, x, y):
    person = model.runs.join(demo_run.id)[0]
    picture = on_screen(model, demo_run, "position")
    with pytest.raises(InvalidInput):
        model.responses.answer(demo_run.id, picture.id, person.id, {"x": x, "y": y})


def test_only_kinds_with_answers_take_them(model, demo_run):
    person = model.runs.join(demo_run.id)[0]
    reflect = on_screen(model, demo_run, "reflect")
    with pytest.raises(Conflict):
        model.responses.answer(demo_run.id, reflect.id, person.id, {"x": 0, "y": 0})


def test_feedback_is_checked_replaced_and_tallied(model, demo_run):
    person, other = model.runs.join(demo_run.id)[0], model.runs.join(demo_run.id)[0]
    form = on_screen(model, demo_run, "feedback")
    answer = {"answers": {"useful": 4, "next": " More "}}
    model.responses.answer(demo_run.id, form.id, person.id, answer)
    model.responses.answer(demo_run.id, form.id, person.id, {"answers": {"useful": 5, "voice": 3}})
    model.responses.answer(demo_run.id, form.id, other.id, {"answers": {"useful": 2, "next": "Hi"}})
    first, second = model.responses.answers(demo_run.id, form.id)
    assert first.answer == {"answers": {"useful": 5, "voice": 3}}
    questions = {q["id"]: q for q in model.responses.tally(form, demo_run.id)["questions"]}
    assert questions["useful"]["average"] == 3.5
    assert questions["useful"]["distribution"] == [0, 1, 0, 0, 1]
    assert questions["next"]["comments"] == ["Hi"]
    for bad in (
        {"useful": 6},
        {"useful": True},
        {"useful": "5"},
        {"nope": 1},
        {"next": "x" * 2001},
    ):
        with pytest.raises(InvalidInput):
            model.responses.answer(demo_run.id, form.id, person.id, {"answers": bad})
    with pytest.raises(InvalidInput):
        model.responses.answer(demo_run.id, form.id, person.id, {"answers": {}, "extra": 1})


def test_a_closed_step_refuses_new_and_changed_answers(model, demo_run):
    # GIVEN a feedback form one person answered, then closed ("Close and show the results")
    person, late = model.runs.join(demo_run.id)[0], model.runs.join(demo_run.id)[0]
    form = on_screen(model, demo_run, "feedback")
    model.responses.answer(demo_run.id, form.id, person.id, {"answers": {"useful": 4}})
    model.runs.set_step_state(demo_run.id, form.id, locked=True, results_shown=True)
    # WHEN the same phone changes its answer and another answers for the first time
    for who in (person, late):
        with pytest.raises(Conflict, match="closed"):
            model.responses.answer(demo_run.id, form.id, who.id, {"answers": {"useful": 1}})
    # THEN the figures did not move; opening it again takes answers again
    assert model.responses.tally(form, demo_run.id)["questions"][0]["average"] == 4
    model.runs.set_step_state(demo_run.id, form.id, locked=False)
    model.responses.answer(demo_run.id, form.id, late.id, {"answers": {"useful": 2}})


def test_a_step_not_on_the_screen_refuses_answers(model, demo_run):
    person = model.runs.join(demo_run.id)[0]
    picture = on_screen(model, demo_run, "position")
    model.runs.next(demo_run.id)
    with pytest.raises(Conflict, match="not on the screen"):
        model.responses.answer(demo_run.id, picture.id, person.id, {"x": 0.5, "y": 0.5})
    assert model.responses.answers(demo_run.id, picture.id) == []


def test_many_answers_one_transaction_each_its_own_result(model, demo_run):
    from facilitator.model.responses import AnswerRequest

    people = [model.runs.join(demo_run.id)[0] for _ in range(3)]
    picture = on_screen(model, demo_run, "position")
    seen = []
    model.bus.subscribe(lambda e: seen.append(e) if e.type == events.RESPONSE else None)
    results = model.responses.answer_many(
        [
            AnswerRequest(demo_run.id, picture.id, people[0].id, {"x": 0.1, "y": 0.1}),
            AnswerRequest(demo_run.id, picture.id, people[1].id, {"x": 5, "y": 0.1}),
            AnswerRequest(demo_run.id, picture.id, people[2].id, {"x": 0.3, "y": 0.3}),
        ]
    )
    assert [type(r).__name__ for r in results] == ["ResponseInfo", "InvalidInput", "ResponseInfo"]
    assert len(model.responses.answers(demo_run.id, picture.id)) == 2
    assert len(seen) == 2


def test_strangers_cannot_answer(model, demo_run):
    other_run = model.runs.start(demo_run.source_workshop_id)
    stranger = model.runs.join(other_run.id)[0]
    form = on_screen(model, demo_run, "feedback")
    with pytest.raises(Forbidden):
        model.responses.answer(demo_run.id, form.id, stranger.id, {"answers": {"useful": 3}})
