"""Choosing the projector's screen, with an injected list of screens (a second monitor cannot
exist here): one screen -> windowed; two -> the other one; the remembered one wins; screens
plugged in and out are followed."""

from __future__ import annotations

from ui_run_helpers import FakeScreen, start_demo, temp_settings

from facilitator.ui.screens import ScreenModel


def model_over(tmp_path, screens, primary=None):
    settings = temp_settings(tmp_path)
    box = {"screens": list(screens)}
    chooser = ScreenModel(settings, lambda: box["screens"], lambda: primary or box["screens"][0])
    return chooser, box, settings


def test_one_screen_means_a_window(tmp_path, qtbot):
    laptop = FakeScreen("eDP-1")
    chooser, _, _ = model_over(tmp_path, [laptop])
    assert chooser.projector is None
    assert "One screen" in chooser.describe()


def test_two_screens_use_the_other_one(tmp_path, qtbot):
    laptop, projector = FakeScreen("eDP-1"), FakeScreen("HDMI-1", x=1920)
    chooser, _, _ = model_over(tmp_path, [laptop, projector], primary=laptop)
    assert chooser.projector is projector


def test_the_remembered_screen_wins_when_present(tmp_path, qtbot):
    laptop = FakeScreen("eDP-1")
    hdmi, dp = FakeScreen("HDMI-1", x=1920), FakeScreen("DP-2", x=3840)
    settings = temp_settings(tmp_path)
    settings.projector_screen = "DP-2"
    chooser = ScreenModel(settings, lambda: [laptop, hdmi, dp], lambda: laptop)
    assert chooser.projector is dp
    chooser.use(hdmi)
    assert settings.projector_screen == "HDMI-1"


def test_screens_plugged_in_and_out_are_followed(tmp_path, qtbot):
    laptop, projector = FakeScreen("eDP-1"), FakeScreen("HDMI-1", x=1920)
    chooser, box, _ = model_over(tmp_path, [laptop], primary=laptop)
    seen = []
    chooser.projector_changed.connect(seen.append)
    box["screens"].append(projector)
    chooser.screens_changed()
    box["screens"].remove(projector)
    chooser.screens_changed()
    assert seen == [projector, None]


def test_the_presenter_goes_full_screen_on_the_projector_and_back(tmp_path, qtbot, model):
    laptop, projector = FakeScreen("eDP-1"), FakeScreen("HDMI-1", x=1920)
    chooser, box, _ = model_over(tmp_path, [laptop, projector], primary=laptop)
    window, console = start_demo(qtbot, model, tmp_path, screens=chooser)
    presenter = console.presenter
    assert presenter.isFullScreen()
    assert console.screen_choice.count() == 2
    # the projector is unplugged: the window comes back, windowed, and the console says so
    box["screens"].remove(projector)
    chooser.screens_changed()
    assert not presenter.isFullScreen() and presenter.isVisible()
    assert "One screen" in console.problem.text()
    # ... and leaves most of the laptop's screen to the console underneath
    area = presenter.screen().availableGeometry()
    assert area.contains(presenter.geometry())
    assert presenter.width() < area.width() and presenter.height() < area.height()
    assert presenter.geometry().bottomRight().x() > area.width() / 2  # in the right-hand corner
    # Escape leaves full screen; F puts it back
    from PySide6.QtCore import Qt

    presenter.showFullScreen()
    qtbot.keyClick(presenter, Qt.Key.Key_Escape)
    assert not presenter.isFullScreen()
    qtbot.keyClick(presenter, Qt.Key.Key_F)
    assert presenter.isFullScreen()
