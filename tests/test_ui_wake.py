"""Keeping the laptop awake during a run: each system's call is made on hold and undone on
release. The operating-system call is handed in (a recorder) where this machine is not that
system; on Linux the D-Bus call is real, to a stand-in screen saver on a private bus."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.ui import wake
from facilitator.ui.wake import (
    AWAKE_STATE,
    ES_CONTINUOUS,
    CaffeinateAwake,
    LinuxAwake,
    MacAwake,
    WakeLock,
    WindowsAwake,
)

HERE = Path(__file__).parent


def test_windows_asks_for_system_and_display_and_gives_them_back():
    calls = []
    lock = WakeLock(WindowsAwake(lambda flags: calls.append(flags) or 1))
    # WHEN a run opens (twice: a second hold is the same hold) and then ends
    assert lock.hold("A workshop is running") and lock.hold("again")
    assert calls == [AWAKE_STATE] and AWAKE_STATE == 0x80000003
    lock.release()
    lock.release()
    # THEN continuous + system + display while held, then continuous alone (the normal state)
    assert calls == [AWAKE_STATE, ES_CONTINUOUS] and not lock.held


def test_a_refusal_is_logged_and_the_run_goes_on(caplog):
    lock = WakeLock(WindowsAwake(lambda flags: 0))  # SetThreadExecutionState failed
    with caplog.at_level(logging.WARNING, logger="facilitator.ui.wake"):
        assert lock.hold("A workshop is running") is False
    assert not lock.held and "SetThreadExecutionState" in lock.problem
    assert "may sleep or dim" in caplog.text
    lock.release()  # nothing held: nothing to undo


def test_macos_takes_a_display_sleep_assertion_and_releases_it():
    made, released = [], []
    way = MacAwake(
        create=lambda kind, name: made.append((kind, name)) or 77, release=released.append
    )
    lock = WakeLock(way)
    lock.hold("Change Agents - session 1")
    assert made == [("PreventUserIdleDisplaySleep", "Facilitator: Change Agents - session 1")]
    lock.release()
    assert released == [77]


@pytest.mark.skipif(not shutil.which("sleep"), reason="needs a `sleep` program to stand in")
def test_caffeinate_runs_beside_the_app_and_is_stopped():
    started = []

    def spawn(argv):  # caffeinate is macOS only: a real child process stands in for it
        started.append(argv)
        return subprocess.Popen(["sleep", "60"])

    way = CaffeinateAwake(spawn)
    lock = WakeLock(way)
    lock.hold("run")
    child = way.child
    assert started[0][:5] == ["caffeinate", "-d", "-i", "-w", started[0][4]]
    assert started[0][4].isdigit() and child.poll() is None
    lock.release()
    assert child.poll() is not None  # stopped


def test_linux_without_a_session_bus_says_so_in_the_log(monkeypatch, caplog):
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    lock = WakeLock(LinuxAwake())
    with caplog.at_level(logging.WARNING, logger="facilitator.ui.wake"):
        assert lock.hold("run") is False
    assert "no D-Bus session bus" in caplog.text
    # a bus address that leads nowhere degrades the same way
    lock = WakeLock(LinuxAwake(address="unix:path=/nonexistent/facilitator-bus"))
    assert lock.hold("run") is False and "D-Bus" in lock.problem


def test_the_linux_call_is_recorded_with_its_cookie():
    calls = []

    def call(method, *args):
        calls.append((method, *args))
        return 9 if method == "Inhibit" else None

    lock = WakeLock(LinuxAwake(call))
    lock.hold("A workshop is running")
    lock.release()
    assert calls == [("Inhibit", "Facilitator", "A workshop is running"), ("UnInhibit", 9)]


@pytest.fixture
def private_bus():
    """A D-Bus daemon of our own, and a stand-in screen saver registered on it."""
    if not shutil.which("dbus-daemon"):
        pytest.skip("dbus-daemon is not installed (apt install dbus-daemon)")
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE,
        text=True,
    )
    address = daemon.stdout.readline().strip()
    saver = subprocess.Popen(
        [sys.executable, str(HERE / "screensaver_service.py"), address],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert saver.stdout.readline().strip() == "ready"
        yield address, saver
    finally:
        for process in (saver, daemon):
            process.terminate()
            process.wait(timeout=10)


def test_linux_inhibits_the_screen_saver_over_real_dbus(private_bus, qapp):
    address, saver = private_bus
    lock = WakeLock(LinuxAwake(address=address))
    # WHEN the run opens, then ends
    assert lock.hold("A workshop is running"), lock.problem
    lock.release()
    # THEN the screen saver heard Inhibit, and UnInhibit with its own cookie as a uint32
    # (an int32 would be refused: "No such method 'UnInhibit' ... (signature 'i')")
    assert saver.stdout.readline().strip() == "Inhibit Facilitator | A workshop is running"
    assert saver.stdout.readline().strip() == "UnInhibit 4242"
    assert not lock.held and lock.problem == ""


def test_this_system_has_a_way():
    expected = {"win32": WindowsAwake, "darwin": (MacAwake, CaffeinateAwake)}
    assert isinstance(wake.for_this_system(), expected.get(sys.platform, LinuxAwake))
