"""Runs: starting on a frozen copy, moving through steps, timer, black screen, participants."""

from __future__ import annotations

import pytest

from facilitator.model import events
from facilitator.model.errors import Conflict, InvalidInput, NotFound


@pytest.fixture
def seen(model):
    """Every event the bus publishes, in order."""
    got: list[events.Event] = []
    model.bus.subscribe(got.append)
    return got


def test_start_freezes_a_copy_of_the_plan(model, demo_run):
    # GIVEN a run of the demo WHEN the facilitator edits the plan afterwards
    plan_steps = model.library.steps(demo_run.source_workshop_id)
    model.library.update_step(plan_steps[0].id, title="Edited later")
    model.library.delete_step(plan_steps[1].id)
    # THEN the run still has its steps as they were when it started
    run_steps = model.runs.steps(demo_run.id)
    assert run_steps[0].title == "Welcome to Change Agents"
    assert len(run_steps) == len(plan_steps)
    assert {w.id for w in model.library.workshops()}.isdisjoint({demo_run.workshop_id})


def test_navigation_clamps_and_publishes_one_step_event(model, demo_run, seen):
    change = model.runs.next(demo_run.id)
    assert change.run.current_position == 1 and change.step.kind == "position"
    assert [e.type for e in seen] == [events.STEP]
    assert seen[0].payload.step.id == change.step.id
    assert model.runs.previous(demo_run.id).run.current_position == 0
    assert model.runs.previous(demo_run.id).run.current_position == 0
    last = model.runs.go_to(demo_run.id, 999)
    assert last.run.current_position == demo_run.step_count - 1


def test_next_from_two_threads_at_once_moves_two_steps(model, demo_run):
    # GIVEN the laptop's clicker and the phone remote pressing "next" at the same moment
    import threading

    threads = [threading.Thread(target=model.runs.next, args=(demo_run.id,)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # THEN both presses count
    assert model.runs.run(demo_run.id).current_position == 2


def test_step_change_resets_timer_to_the_steps_own(model, demo_run):
    model.runs.go_to(demo_run.id, 1)  # "Your position?" has a 180 s timer
    run = model.runs.timer_start(demo_run.id)
    assert run.timer_running and 179 < run.timer_left() <= 180
    paused = model.runs.timer_stop(demo_run.id)
    assert not paused.timer_running and 0 < paused.timer_left() <= 180
    assert model.runs.next(demo_run.id).run.timer_remaining is None  # the video has no timer
    with pytest.raises(InvalidInput):
        model.runs.timer_start(demo_run.id, seconds=-5)


def test_black_screen_toggles_and_clears_on_step_change(model, demo_run):
    assert model.runs.set_black(demo_run.id).black is True
    assert model.runs.set_black(demo_run.id).black is False
    model.runs.set_black(demo_run.id, True)
    assert model.runs.next(demo_run.id).run.black is False


def test_keys_are_long_random_and_lookups_work(model, demo_run):
    assert len(demo_run.join_key) >= 22 and len(demo_run.remote_key) >= 32  # >=128 bits
    assert demo_run.join_key != demo_run.remote_key
    assert model.runs.by_join_key(demo_run.join_key).id == demo_run.id
    assert model.runs.by_remote_key(demo_run.remote_key).id == demo_run.id
    assert model.runs.by_join_key(demo_run.remote_key) is None
    assert model.runs.by_room_code(demo_run.room_code.lower()).id == demo_run.id


def test_participants_get_unique_friendly_names_and_can_rename(model, demo_run):
    people = [model.runs.join(demo_run.id)[0] for _ in range(60)]
    names = [p.name for p in people]
    assert len(set(n.casefold() for n in names)) == 60
    assert all(len(n.split()) >= 2 for n in names)
    renamed = model.runs.rename(people[0].id, "  Dr   Asha Patel ")
    assert renamed.name == "Dr Asha Patel"
    with pytest.raises(Conflict):
        model.runs.rename(people[1].id, "dr asha patel")
    with pytest.raises(InvalidInput):
        model.runs.rename(people[1].id, "x" * 41)
    with pytest.raises(InvalidInput):
        model.runs.rename(people[1].id, " \n\t ")


def test_token_identifies_the_participant_only_in_its_run(model, demo_run):
    person, token = model.runs.join(demo_run.id, name="Sam")
    assert model.runs.participant_by_token(demo_run.id, token) == person
    assert model.runs.participant_by_token(demo_run.id, token + "x") is None
    other = model.runs.start(demo_run.source_workshop_id)
    assert model.runs.participant_by_token(other.id, token) is None


def test_joining_with_a_taken_name_gets_a_number(model, demo_run):
    model.runs.join(demo_run.id, name="Sam")
    assert model.runs.join(demo_run.id, name="sam")[0].name == "sam 2"


def test_ended_run_refuses_changes_and_lists_newest_first(model, demo_run):
    second = model.runs.start(demo_run.source_workshop_id)
    model.runs.end(demo_run.id)
    assert [r.id for r in model.runs.runs()] == [second.id, demo_run.id]
    assert model.runs.find("latest").id == second.id
    assert [r.id for r in model.runs.unfinished()] == [second.id]
    with pytest.raises(Conflict):
        model.runs.next(demo_run.id)
    with pytest.raises(Conflict):
        model.runs.join(demo_run.id)
    with pytest.raises(NotFound):
        model.runs.find("nonsense")


def test_a_workshop_without_steps_cannot_start(model):
    empty = model.library.create_workshop("Empty")
    with pytest.raises(Conflict):
        model.runs.start(empty.id)
