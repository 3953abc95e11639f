"""The step countdown after zero: the room sees a calm "Time" (never a red negative clock, in
the stage's corner nor in a kind's own countdown); the facilitator's console keeps the overrun.
And how long the run has been going, as the console says it."""

from __future__ import annotations

import dataclasses
import time

import pytest
from ui_run_helpers import go_to_kind, start_demo

from facilitator.ui.console_side import running_text
from facilitator.ui.kinds.base import (
    ACCENT,
    INK,
    StageLabel,
    console_countdown_text,
    countdown_color,
    room_countdown_color,
    room_countdown_text,
)

RED = "#B3261E"


@pytest.mark.parametrize(
    "left,room,console",
    [
        (None, "", ""),
        (245, "4:05", "4:05"),
        (0.4, "0:01", "0:01"),
        (0, "Time", "0:00"),
        (-0.6, "Time", "0:00"),
        (-72, "Time", "-1:12 over"),
        (-3725, "Time", "-62:05 over"),
    ],
)
def test_the_room_sees_time_and_the_console_the_overrun(left, room, console):
    assert room_countdown_text(left) == room
    assert console_countdown_text(left) == console


def test_the_room_never_sees_red():
    assert room_countdown_color(200, 240) == INK
    assert room_countdown_color(30, 240) == countdown_color(30, 240) != INK  # amber near the end
    assert room_countdown_color(0, 240) == room_countdown_color(-72, 240) == ACCENT
    assert countdown_color(-72, 240) == RED  # the console's colour


@pytest.mark.parametrize(
    "seconds,text",
    [
        (0, "running for 0 min"),
        (59, "running for 0 min"),
        (7 * 60 + 59, "running for 7 min"),
        (3600, "running for 1 h 00 min"),
        (3600 + 5 * 60 + 30, "running for 1 h 05 min"),
        (10 * 3600 + 42 * 60, "running for 10 h 42 min"),
        (-5, "running for 0 min"),  # a clock set back never shows a negative time
    ],
)
def test_running_for_reads_hours_and_minutes(seconds, text):
    assert running_text(seconds) == text


def stage_texts(stage) -> list[str]:
    return [label.text() for label in stage.findChildren(StageLabel) if label.isVisibleTo(stage)]


@pytest.mark.parametrize("kind", ["position", "whiteboard", "reflect"])
def test_after_zero_the_projector_says_time_and_the_console_the_overrun(
    qtbot, model, tmp_path, kind
):
    # GIVEN a step with a countdown that ran out 72 seconds ago
    window, console = start_demo(qtbot, model, tmp_path)
    step = go_to_kind(qtbot, console, kind)
    assert step.timer_seconds
    # (the run record as the model gives it, its deadline set in the past)
    overrun = dataclasses.replace(console.run, timer_running=True, timer_deadline=time.time() - 72)
    # WHEN the stages and the side panel tick
    console.side.set_run(overrun, step.timer_seconds)
    for stage in (console.presenter.stage, console.mirror):
        stage.set_run(overrun)
    # THEN the room (the projector and its copy on the console) sees "Time", calmly
    for stage in (console.presenter.stage, console.mirror):
        qtbot.waitUntil(lambda s=stage: "Time" in stage_texts(s), timeout=3000)
        texts = stage_texts(stage)
        assert not [t for t in texts if t.startswith("-") or "over" in t], texts
        clocks = [lbl for lbl in stage.findChildren(StageLabel) if lbl.text() == "Time"]
        assert all(RED not in lbl.styleSheet() for lbl in clocks)
    # AND the facilitator's console keeps the overrun, in red
    assert console.side.countdown.text() == "-1:12 over"
    assert RED in console.side.countdown.styleSheet()
    assert console.side.wall.text().endswith("running for 0 min")
