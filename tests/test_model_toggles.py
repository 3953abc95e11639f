"""Toggles read and write in one transaction: presses from many places at once (the console, the
phone remote, a second connection to the same file) are each counted, none lost, so the final
state is the parity of the presses."""

from __future__ import annotations

import threading

import httpx
import pytest
from test_web_support import go_to_kind, start_server

from facilitator.model import events
from facilitator.model.errors import InvalidInput, NotFound
from facilitator.model.service import open_model

PRESSES = 25  # per thread; two threads and one extra press make an odd total


def press_together(actions) -> None:
    """Run each action in its own thread, all starting at the same moment."""
    barrier = threading.Barrier(len(actions))

    def go(action):
        barrier.wait()
        for _ in range(PRESSES):
            action()

    threads = [threading.Thread(target=go, args=(a,)) for a in actions]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def test_reveal_pressed_from_two_connections_at_once_loses_no_press(data_dir, model, demo_run):
    # GIVEN a board, and a second model on the same database file (its own write lock)
    board = go_to_kind(model, demo_run.id, "whiteboard")
    other = open_model(data_dir)
    seen = []
    model.bus.subscribe(lambda event: seen.append(event))
    # WHEN both press reveal 25 times at the same moment, and the console once more
    try:
        press_together(
            [
                lambda: model.runs.toggle_step_state(demo_run.id, board.id, "revealed"),
                lambda: other.runs.toggle_step_state(demo_run.id, board.id, "revealed"),
            ]
        )
        model.runs.toggle_step_state(demo_run.id, board.id, "revealed")
    finally:
        other.close()
    # THEN 51 presses leave the board revealed, and the lock was never touched
    state = model.runs.step_state(demo_run.id, board.id)
    assert state.revealed is True and state.locked is False
    assert [e.type for e in seen].count(events.STEP_STATE) == PRESSES + 1  # this model's own


def test_the_lock_toggles_too_and_unknown_flags_or_steps_are_refused(model, demo_run):
    board = go_to_kind(model, demo_run.id, "whiteboard")
    assert model.runs.toggle_step_state(demo_run.id, board.id, "locked").locked is True
    assert model.runs.toggle_step_state(demo_run.id, board.id, "locked").locked is False
    for flag in ("run_id", "nonsense", "__class__"):
        with pytest.raises(InvalidInput):
            model.runs.toggle_step_state(demo_run.id, board.id, flag)
    other = model.runs.start(demo_run.source_workshop_id)
    with pytest.raises(NotFound):
        model.runs.toggle_step_state(other.id, board.id, "revealed")


def test_timer_pressed_from_two_threads_at_once_loses_no_press(model, demo_run):
    # GIVEN a reflect step with its countdown stopped
    go_to_kind(model, demo_run.id, "reflect")
    # WHEN two threads press the timer 25 times each at the same moment (an even total)
    press_together([lambda: model.runs.timer_toggle(demo_run.id)] * 2)
    # THEN it is stopped again, with its time left kept; one more press starts it
    run = model.runs.run(demo_run.id)
    assert run.timer_running is False and run.timer_deadline is None
    assert run.timer_remaining is not None and run.timer_remaining > 0
    assert model.runs.timer_toggle(demo_run.id).timer_running is True


def test_the_remote_reveal_pressed_from_two_phones_at_once_loses_no_press(model, demo_run):
    # GIVEN the facilitator's remote on two phones, on a board
    board = go_to_kind(model, demo_run.id, "whiteboard")
    server = start_server(model, demo_run.id)
    auth = {"Authorization": f"Bearer {demo_run.remote_key}"}
    remotes = [httpx.Client(base_url=server.room_url, headers=auth, timeout=10) for _ in range(2)]
    answers = []
    try:
        # WHEN both press reveal 25 times at the same moment (an even total)
        press_together(
            [lambda r=r: answers.append(r.post("/api/remote/reveal").status_code) for r in remotes]
        )
    finally:
        for r in remotes:
            r.close()
        server.stop()
    # THEN every press was answered and the board is as it was: not revealed
    assert answers == [200] * (2 * PRESSES)
    assert model.runs.step_state(demo_run.id, board.id).revealed is False
