"""Entry point of the ``facilitator`` command. Each command module registers its subcommands;
errors reach the user as one sentence and a non-zero exit, never a traceback."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
import traceback

from facilitator import __version__
from facilitator.cli.common import UserError
from facilitator.model.errors import ModelError

# Modules that add subcommands, each with ``register(subparsers, common)``.
COMMAND_MODULES = (
    "facilitator.cli.app",
    "facilitator.cli.library",
    "facilitator.cli.runs",
    "facilitator.cli.serve",
    "facilitator.cli.export",
    "facilitator.cli.snapshot",
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


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        args = parser.parse_args(["app", *(argv if argv is not None else sys.argv[1:])])
    try:
        return int(args.func(args) or 0)
    except (ModelError, UserError) as error:
        print(f"facilitator: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # a file or folder the user named: say which and why
        where = f": {error.filename}" if error.filename else ""
        print(f"facilitator: {error.strerror or error}{where}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # a bug: still one clear line, the details in the log file
        from facilitator.cli.common import write_crash_log

        where = write_crash_log(traceback.format_exc())
        print(
            f"facilitator: something went wrong ({type(error).__name__}: {error}). "
            f"Details were written to {where}.",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
