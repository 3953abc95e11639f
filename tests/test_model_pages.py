"""Next turns the pages the room sees before it moves the run on, whoever presses it (the
console, the phone remote, Enter in `serve`): the page lives in the model."""

from facilitator.model import events
from facilitator.model.demos import demo_workshop


def _run_on_a_board(model):
    run = model.runs.start(demo_workshop(model.library).id)
    board = next(s for s in model.runs.steps(run.id) if s.kind == "whiteboard")
    model.runs.go_to(run.id, board.position)
    return run, board


def test_next_turns_the_pages_then_moves_on(model):
    run, board = _run_on_a_board(model)
    seen = []
    model.bus.subscribe(lambda e: seen.append(e) if e.type == events.PAGE else None)
    # GIVEN the projector shows page 1 of 3 of the board
    model.runs.pages.report(run.id, board.id, 0, 3)
    # WHEN next is pressed twice, THEN pages 2 and 3 are shown and the step stays
    assert model.runs.next(run.id).page == 1
    assert model.runs.next(run.id).page == 2
    assert model.runs.current_step(run.id).id == board.id
    assert [e.payload.page for e in seen] == [1, 2]
    # AND previous goes back a page; on the last page next moves to the next step
    assert model.runs.previous(run.id).page == 1
    model.runs.next(run.id)
    change = model.runs.next(run.id)
    assert change.step.position == board.position + 1
    # the new step starts at its first page: previous goes back a step, not a page
    assert model.runs.previous(run.id).step.id == board.id


def test_a_black_screen_or_another_step_turns_no_page(model):
    run, board = _run_on_a_board(model)
    model.runs.pages.report(run.id, board.id, 0, 3)
    model.runs.set_black(run.id, True)
    assert model.runs.next(run.id).step.position == board.position + 1
    # a report for a step the run is not on is never turned
    model.runs.pages.report(run.id, board.id, 0, 3)
    assert model.runs.next(run.id).step.position == board.position + 2
