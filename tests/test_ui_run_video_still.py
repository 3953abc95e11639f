"""The console's preview of the next step shows a video step's first frame, grabbed once off
the step change; a film that gives no frame leaves the preview on the step's question."""

from __future__ import annotations

from test_ui_run_video import make_clip, needs_ffmpeg, video_step
from ui_run_helpers import go_to_kind, start_demo

from facilitator.ui.video_still import FirstFrames, still_key


def _before_first_film(qtbot, model, tmp_path):
    window, console = start_demo(qtbot, model, tmp_path)
    film = next(s for s in console.steps if s.kind == "video")
    return window, console, film


def test_the_next_steps_preview_shows_the_films_first_frame(qtbot, model, tmp_path):
    # GIVEN the run one step before its first film
    window, console, film = _before_first_film(qtbot, model, tmp_path)
    console.go_to(film.position - 1)
    qtbot.waitUntil(lambda: console.step.position == film.position - 1, timeout=3000)
    preview = console.next_stage.view
    assert preview.step.id == film.id
    # WHEN the first frame has been grabbed in the background
    qtbot.waitUntil(lambda: console.first_frames.known(film), timeout=10000)
    # THEN the preview shows it instead of the question
    still = console.first_frames.still(film)
    assert still is not None and not still.isNull()
    preview = console.next_stage.view
    assert preview.pages.currentIndex() == 0
    assert not preview.surface.still.isNull()
    image = preview.surface.grab().toImage()
    centre = image.pixelColor(image.width() // 2, image.height() // 2)
    assert centre.name() != "#000000"  # a picture, not the black background
    # AND it is grabbed once: coming back to that step uses the kept frame
    console.go_to(0)
    console.go_to(film.position - 1)
    qtbot.waitUntil(lambda: console.next_stage.view.step.id == film.id, timeout=3000)
    assert console.next_stage.view.pages.currentIndex() == 0
    assert console.first_frames.current is None and not console.first_frames.waiting


def test_a_film_without_a_frame_leaves_the_question(qtbot, model, tmp_path):
    # GIVEN the first film's file is not a film at all
    window, console, film = _before_first_film(qtbot, model, tmp_path)
    film.media_path("video").write_text("not a film\n" * 200)
    console.go_to(film.position - 1)
    qtbot.waitUntil(lambda: console.step.position == film.position - 1, timeout=3000)
    # WHEN the grab gives up
    qtbot.waitUntil(lambda: console.first_frames.known(film), timeout=10000)
    # THEN the preview keeps the question
    assert console.first_frames.still(film) is None
    assert console.next_stage.view.pages.currentIndex() == 1
    go_to_kind(qtbot, console, "video")  # and the run goes on


def test_a_missing_film_has_no_still(qtbot, tmp_path):
    from facilitator.model.records import StepInfo

    step = StepInfo(1, 1, 0, "video", "t", "q", "", None, {"video": "gone.mp4"}, (), tmp_path)
    frames = FirstFrames()
    with qtbot.waitSignal(frames.ready, timeout=5000) as blocker:
        assert frames.still(step) is None
    assert blocker.args == [still_key(step)]
    assert frames.still(step) is None and frames.known(step)


@needs_ffmpeg
def test_the_still_and_the_film_start_at_the_start_mark(qtbot, model, tmp_path):
    from facilitator.ui.video import VideoPlayer

    clip = make_clip(tmp_path / "count.mp4", "mpeg4", seconds=4)
    from_start = video_step(model, tmp_path, clip)
    from_two = video_step(model, tmp_path, clip, start=2.0)
    # GIVEN the same film without and with a start mark two seconds in
    frames = FirstFrames()
    for step in (from_start, from_two):
        frames.still(step)
        qtbot.waitUntil(lambda s=step: frames.known(s), timeout=15000)
    first, later = frames.still(from_start), frames.still(from_two)
    # THEN both have a still, and they are different pictures (testsrc changes every frame)
    assert first is not None and later is not None
    assert first != later
    # AND the film itself starts playing at its mark, not at its beginning
    player = VideoPlayer(muted=True)
    player.load(from_two)
    qtbot.waitUntil(lambda: player.position >= 1900, timeout=15000)
    player.play()
    qtbot.waitUntil(lambda: player.frames_seen > 0, timeout=15000)
    assert player.position >= 1900
    player.stop()
