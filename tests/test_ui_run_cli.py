"""`facilitator` with no command opens the app; with no screen it says so in one sentence."""

from __future__ import annotations

from facilitator.cli.main import main


def test_no_screen_gives_one_sentence(monkeypatch, capsys, data_dir):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    for argv in ([], ["demo"]):
        assert main([*argv, "--data-dir", str(data_dir)]) == 1
        err = capsys.readouterr().err
        assert "no screen" in err.lower() and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1
