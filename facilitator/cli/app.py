"""``facilitator`` (no command) and ``facilitator demo``: open the desktop app."""

from __future__ import annotations

import os
import sys

from facilitator.cli.common import model_from_args


def register(subparsers, common) -> None:
    app = subparsers.add_parser("app", parents=[common], help="open the app (the default)")
    app.set_defaults(func=run_app, demo=False)
    demo = subparsers.add_parser(
        "demo", parents=[common], help="open the app with the demo workshops in the library"
    )
    demo.set_defaults(func=run_app, demo=True)


def no_screen_problem() -> str:
    """A sentence when there is clearly no screen to open a window on, else ""."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return ""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        return (
            "There is no screen to open the app on (no desktop session: DISPLAY is not set). "
            "To run a workshop without the app, use `facilitator serve --demo`."
        )
    return ""


def opens_the_app(args) -> bool:
    return getattr(args, "func", None) is run_app


def tell_without_console(sentence: str) -> None:
    """Say ``sentence`` in a message box: the windowed app has no console to print it on."""
    try:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication, QMessageBox
    except ImportError:
        return
    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841 - for the box
    box = QMessageBox(QMessageBox.Icon.Critical, "Facilitator", sentence)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def run_app(args) -> int:
    from facilitator.cli.common import UserError

    problem = no_screen_problem()
    if problem:
        raise UserError(problem)
    try:
        from facilitator.ui.app import MainWindow, make_application
    except ImportError as error:
        raise UserError(f"The app cannot start: a part of Qt is missing ({error}).") from None
    model = model_from_args(args)
    try:
        model.themes.start()  # notes get their vectors as they arrive, for "Suggest groups"
        app = make_application()
        _prepare(app, model.db.folder)
        if args.demo:
            from facilitator.model.demos import ensure_demos

            ensure_demos(model.library)
        window = MainWindow(model)
        window.show()
        return app.exec()
    finally:
        model.close()


def _prepare(app, data_folder) -> None:
    """The app's icon, and crashes reported in a dialog and in the log of ``data_folder``."""
    from PySide6.QtGui import QIcon

    from facilitator.assets import asset_path
    from facilitator.logs import keep_native_crashes, log_folder
    from facilitator.ui import crash

    icon = asset_path("icons", "facilitator.png")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    keep_native_crashes(data_folder)
    crash.install(app, log_folder(data_folder))
