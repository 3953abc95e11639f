"""A stand-in for the desktop's org.freedesktop.ScreenSaver, run as its own process on a
private D-Bus (a test has no desktop session). Prints each call it gets, one per line."""

from __future__ import annotations

import sys

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
from PySide6.QtDBus import QDBusConnection


@ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})
class ScreenSaver(QObject):
    """The two methods as desktops declare them: Inhibit(s, s) -> u, UnInhibit(u)."""

    @Slot(str, str, result="uint")
    def Inhibit(self, application, reason):  # noqa: N802 (the D-Bus method's name)
        print(f"Inhibit {application} | {reason}", flush=True)
        return 4242

    @Slot("uint")
    def UnInhibit(self, cookie):  # noqa: N802
        print(f"UnInhibit {cookie}", flush=True)


if __name__ == "__main__":
    app = QCoreApplication([])
    bus = QDBusConnection.connectToBus(sys.argv[1], "screensaver")
    saver = ScreenSaver()
    options = QDBusConnection.RegisterOption.ExportAllSlots
    registered = bus.registerObject("/org/freedesktop/ScreenSaver", saver, options)
    named = bus.registerService("org.freedesktop.ScreenSaver")
    print("ready" if registered and named else "failed", flush=True)
    app.exec()
