"""Keep the laptop and its display awake while a run is open: a projector going dark (or the
laptop going to sleep, and the phones losing it) in the middle of a workshop is the surprise
the room remembers. Released when the run ends or its console closes.

One way per system, each with its operating-system call passed in (tests hand in a recorder):
Windows SetThreadExecutionState; macOS an IOKit power assertion (IOPMAssertionCreateWithName),
else a ``caffeinate -d -i -w <pid>`` child; Linux the freedesktop ScreenSaver Inhibit over the
session D-Bus. Where none works (no D-Bus session, say) the run goes on and the log says why."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

APP = "Facilitator"

ES_CONTINUOUS = 0x80000000
ES_SYSTEM_REQUIRED = 0x00000001
ES_DISPLAY_REQUIRED = 0x00000002
AWAKE_STATE = ES_CONTINUOUS | ES_SYSTEM_REQUIRED | ES_DISPLAY_REQUIRED


class Unavailable(Exception):
    """This system offers no way to stay awake here; the sentence says why."""


class WakeLock:
    """Held while a run is open. ``way`` is one of the classes below (default: this system's);
    a failure to hold is logged and kept in ``problem``, never raised."""

    def __init__(self, way=None):
        self.way = way if way is not None else for_this_system()
        self.held = False
        self.problem = ""

    def hold(self, why: str) -> bool:
        if self.held:
            return True
        try:
            self.way.hold(why)
        except (Unavailable, OSError) as error:
            self.problem = str(error)
            log.warning("The laptop may sleep or dim during the run: %s", error)
            return False
        self.held, self.problem = True, ""
        log.info("Keeping the laptop and display awake: %s", why)
        return True

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        try:
            self.way.release()
        except (Unavailable, OSError) as error:
            log.warning("Could not let the laptop sleep again: %s", error)
        else:
            log.info("The laptop may sleep again.")


class WindowsAwake:
    """``set_state`` is kernel32's SetThreadExecutionState (called on the GUI thread, which
    lives as long as the run)."""

    def __init__(self, set_state: Callable[[int], int] | None = None):
        self.set_state = set_state or _windows_set_state()

    def hold(self, why: str) -> None:
        if not self.set_state(AWAKE_STATE):
            raise Unavailable("Windows refused SetThreadExecutionState.")

    def release(self) -> None:
        self.set_state(ES_CONTINUOUS)


def _windows_set_state() -> Callable[[int], int]:
    import ctypes

    call = ctypes.windll.kernel32.SetThreadExecutionState
    call.argtypes, call.restype = [ctypes.c_uint32], ctypes.c_uint32
    return call


class MacAwake:
    """An IOKit assertion "PreventUserIdleDisplaySleep" (which keeps the Mac awake too).
    ``create(kind, name) -> id`` and ``release(id)`` are the IOKit calls."""

    KIND = "PreventUserIdleDisplaySleep"

    def __init__(self, create=None, release=None):
        if create is None or release is None:
            create, release = _iokit_calls()
        self.create, self.release_call = create, release
        self.assertion: int | None = None

    def hold(self, why: str) -> None:
        self.assertion = self.create(self.KIND, f"{APP}: {why}")

    def release(self) -> None:
        if self.assertion is not None:
            self.release_call(self.assertion)
            self.assertion = None


def _iokit_calls():
    """IOPMAssertionCreateWithName and IOPMAssertionRelease through ctypes."""
    import ctypes
    import ctypes.util

    iokit = ctypes.cdll.LoadLibrary(ctypes.util.find_library("IOKit") or "IOKit")
    cf = ctypes.cdll.LoadLibrary(ctypes.util.find_library("CoreFoundation") or "CoreFoundation")
    cf.CFStringCreateWithCString.restype = ctypes.c_void_p
    cf.CFStringCreateWithCString.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_uint32]
    cf.CFRelease.argtypes = [ctypes.c_void_p]
    iokit.IOPMAssertionCreateWithName.argtypes = [
        ctypes.c_void_p, ctypes.c_uint32, ctypes.c_void_p, ctypes.POINTER(ctypes.c_uint32)
    ]  # fmt: skip
    iokit.IOPMAssertionRelease.argtypes = [ctypes.c_uint32]
    utf8, level_on = 0x08000100, 255

    def cfstr(text: str):
        return cf.CFStringCreateWithCString(None, text.encode(), utf8)

    def create(kind: str, name: str) -> int:
        kind_ref, name_ref, out = cfstr(kind), cfstr(name), ctypes.c_uint32(0)
        try:
            result = iokit.IOPMAssertionCreateWithName(kind_ref, level_on, name_ref, out)
        finally:
            cf.CFRelease(kind_ref)
            cf.CFRelease(name_ref)
        if result != 0:
            raise Unavailable(f"macOS refused the power assertion (IOReturn {result:#x}).")
        return out.value

    def release(assertion: int) -> None:
        iokit.IOPMAssertionRelease(assertion)

    return create, release


class CaffeinateAwake:
    """macOS without IOKit through ctypes: ``caffeinate -d -i -w <our pid>``, which also ends
    by itself if the app dies. ``spawn`` is subprocess.Popen."""

    def __init__(self, spawn=None):
        self.spawn = spawn or subprocess.Popen
        self.child = None

    def hold(self, why: str) -> None:
        try:
            self.child = self.spawn(["caffeinate", "-d", "-i", "-w", str(os.getpid())])
        except FileNotFoundError as error:
            raise Unavailable("caffeinate is not on this Mac.") from error

    def release(self) -> None:
        if self.child is not None:
            self.child.terminate()
            self.child.wait(timeout=5)
            self.child = None


def for_this_system():
    if sys.platform == "win32":
        return WindowsAwake()
    if sys.platform == "darwin":
        try:
            return MacAwake()
        except OSError:
            return CaffeinateAwake()
    return LinuxAwake()


def session_bus_known() -> bool:
    """True when there is a session D-Bus to ask: the address in the environment, or the
    systemd user bus. (Asking without either would make libdbus try to launch one.)"""
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return True
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    return bool(runtime) and (Path(runtime) / "bus").exists()


class LinuxAwake:
    """The freedesktop ScreenSaver inhibit (GNOME, KDE, Xfce...): Inhibit gives a cookie,
    UnInhibit(cookie) ends it, and the desktop ends it too if the app dies (its D-Bus
    connection closes). ``call(method, *args)`` is the D-Bus call (default: ScreenSaverBus)."""

    def __init__(self, call=None, *, address: str | None = None):
        self.call = call or ScreenSaverBus(address)
        self.cookie: int | None = None

    def hold(self, why: str) -> None:
        self.cookie = int(self.call("Inhibit", APP, why))

    def release(self) -> None:
        if self.cookie is not None:
            cookie, self.cookie = self.cookie, None
            self.call("UnInhibit", cookie)


class ScreenSaverBus:
    """Calls org.freedesktop.ScreenSaver on a session-bus connection of our own (``address``
    another bus, for tests), made when first called and closed after UnInhibit."""

    SERVICE = "org.freedesktop.ScreenSaver"
    PATH = "/org/freedesktop/ScreenSaver"

    def __init__(self, address: str | None = None):
        self.address = address
        self.name = f"facilitator-awake-{id(self):x}"
        self.iface = None

    def __call__(self, method: str, *args):
        from PySide6.QtDBus import QDBusMessage

        iface = self._interface()
        if method == "UnInhibit":
            self._uninhibit(iface, int(args[0]))
            return None
        reply = iface.call(method, *args)
        if reply.type() == QDBusMessage.MessageType.ErrorMessage:
            raise Unavailable(f"the screen saver refused {method} ({reply.errorMessage()}).")
        return reply.arguments()[0] if reply.arguments() else None

    def _uninhibit(self, iface, cookie: int) -> None:
        """The cookie is a D-Bus uint32: a plain call would send an int32, which the desktop
        rejects; the interface's own method (from introspection) sends it typed."""
        from PySide6.QtCore import Q_ARG, QMetaObject, Qt

        try:
            QMetaObject.invokeMethod(
                iface, "UnInhibit", Qt.ConnectionType.DirectConnection, Q_ARG("uint", cookie)
            )
            error = iface.lastError()
            if error.isValid():
                raise Unavailable(f"the screen saver refused UnInhibit ({error.message()}).")
        finally:
            self.close()  # closing our connection ends the inhibit in any case

    def _interface(self):
        from PySide6.QtDBus import QDBusConnection, QDBusInterface

        if self.iface is not None:
            return self.iface
        if self.address is None and not session_bus_known():
            raise Unavailable("there is no D-Bus session bus (no desktop session to ask).")
        where = self.address or QDBusConnection.BusType.SessionBus
        bus = QDBusConnection.connectToBus(where, self.name)
        if not bus.isConnected():
            problem = bus.lastError().message()
            self.close()
            raise Unavailable(f"the D-Bus session bus does not answer ({problem}).")
        iface = QDBusInterface(self.SERVICE, self.PATH, self.SERVICE, bus)
        if not iface.isValid():
            problem = iface.lastError().message()
            self.close()
            raise Unavailable(f"no screen saver answers on D-Bus ({problem}).")
        self.iface = iface
        return iface

    def close(self) -> None:
        from PySide6.QtDBus import QDBusConnection

        self.iface = None
        QDBusConnection.disconnectFromBus(self.name)
