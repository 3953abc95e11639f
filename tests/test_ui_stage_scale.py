"""A stage in a small projector window (one screen: the window in the corner) is the full-screen
stage made smaller: margins scale with the text, so nothing runs off the window."""

from __future__ import annotations

import pytest

from facilitator.model.demos import demo_workshop
from facilitator.ui.stage import Stage


@pytest.mark.parametrize("size", [(640, 360), (1024, 576), (1920, 1080)])
def test_a_long_reflect_question_fits_every_window(qtbot, model, size):
    workshop = demo_workshop(model.library)
    step = next(s for s in model.library.steps(workshop.id) if s.kind == "reflect")
    assert len(step.prompt) > 150  # the demo's longest kind of question
    stage = Stage()
    qtbot.addWidget(stage)
    stage.resize(*size)
    stage.show()
    stage.show_step(step)
    qtbot.waitUntil(lambda: stage.view.question.geometry().top() > 0, timeout=3000)
    view = stage.view
    question = view.question.geometry()
    # the whole question is inside the stage and above the clock, at every size
    assert question.top() >= 0 and question.bottom() <= stage.height()
    assert view.question.heightForWidth(question.width()) <= question.height() + 1
    assert question.bottom() <= view.clock.geometry().top()
    # and the margins are the same share of the width as on a 1080-line projector
    assert view.layout().contentsMargins().left() == round(90 * stage.height() / 1080)
