"""Entry point of the ``facilitator`` command. Each command module registers its subcommands;
errors reach the user as one sentence and a non-zero exit, never a traceback."""

from __future__ import annotations

import argparse
import importlib
import logging
import platform
import sys

from facilitator import __version__
from facilitator.cli.app import opens_the_app, tell_without_console
from facilitator.cli.common import UserError, write_crash_log
from facilitator.cli.kinds_check import check_kinds
from facilitator.logs import setup_logging
from facilitator.model.errors import ModelError
from facilitator.paths import data_dir

log = logging.getLogger(__name__)

# Modules that add subcommands, each with ``register(subparsers, common)``.
COMMAND_MODULES = (
    "facilitator.cli.app",
    "facilitator.cli.library",
    "facilitator.cli.runs",
    "facilitator.cli.serve",
    "facilitator.cli.export",
    "facilitator.cli.snapshot",
    "facilitator.cli.suggest",
)


def build_parser() -> argparse.ArgumentParser:
    data_help = "folder for the database and media (default: your user data folder)"
    # Given before or after the command: the subcommands' copy must not overwrite the first
    # one with its default, hence SUPPRESS there.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="D", default=argparse.SUPPRESS, help=data_help)
    parser = argparse.ArgumentParser(
        prog="facilitator",
        description="Run a workshop on the projector; the room adds post-its from their phones.",
    )
    parser.add_argument("--data-dir", metavar="D", default=None, help=data_help)
    parser.add_argument("--version", action="version", version=f"facilitator {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue
        module.register(subparsers, common)
    return parser


def start_logging(args) -> None:
    """The log file in the data folder the command uses; the first line says what runs where."""
    try:
        folder = data_dir(getattr(args, "data_dir", None))
    except OSError:
        folder = None  # the command itself says what is wrong with the folder
    setup_logging(folder)
    frozen = " (frozen)" if getattr(sys, "frozen", False) else ""
    log.info(
        "facilitator %s%s: %s, Python %s on %s",
        __version__,
        frozen,
        args.command or "app",
        platform.python_version(),
        platform.platform(),
    )


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        args = parser.parse_args(["app", *(argv if argv is not None else sys.argv[1:])])
    start_logging(args)
    try:
        if opens_the_app(args) or args.command == "serve":
            check_kinds(with_ui=opens_the_app(args))
        return int(args.func(args) or 0)
    except (ModelError, UserError) as error:
        return _refuse(args, str(error))
    except BrokenPipeError:  # the output was piped into a program that stopped reading
        return 0
    except OSError as error:  # a file or folder the user named: say which and why
        where = f": {error.filename}" if error.filename else ""
        return _refuse(args, f"{error.strerror or error}{where}")
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug: still one clear line, the details in the log file
        where = write_crash_log(error)
        _say(
            args,
            f"something went wrong ({type(error).__name__}: {error}). "
            f"Details were written to {where}.",
        )
        return 2


def _refuse(args, sentence: str) -> int:
    """Say why the command cannot go on; the log keeps it too (a program may have no console)."""
    log.info("refused: %s", sentence)
    _say(args, sentence)
    return 1


def _say(args, sentence: str) -> None:
    """On stderr; the windowed app, which has none, says it in a message box."""
    print(f"facilitator: {sentence}", file=sys.stderr)
    if sys.stderr is None and opens_the_app(args):
        tell_without_console(sentence[0].upper() + sentence[1:])


if __name__ == "__main__":
    sys.exit(main())
