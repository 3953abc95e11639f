"""``facilitator serve``: a run without the desktop app (a room PC, a Raspberry Pi, tests and
benchmarks). Prints the join and remote addresses, the QR code and a live count; Enter advances
the step; Ctrl-C or SIGTERM ends it cleanly (the run stays saved and can be exported)."""

from __future__ import annotations

import gc
import logging
import signal
import sys
import threading
import time
from pathlib import Path

from sqlalchemy import func, select

from facilitator.model import events, orm
from facilitator.model.demos import demo_workshop
from facilitator.model.errors import ModelError
from facilitator.model.runs import spaced_room_code
from facilitator.model.workshop_file import import_workshop
from facilitator.web.room_advice import address_changed

from .common import UserError, model_from_args

log = logging.getLogger(__name__)

TICK_SECONDS = 1.0
POLL_SECONDS = 0.1
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def register(subparsers, common) -> None:
    p = subparsers.add_parser(
        "serve",
        parents=[common],
        help="run a workshop for phones without the desktop app",
        description="Start a run and serve it to phones on the local network. "
        "Enter: next step; p then Enter: previous step; Ctrl-C: stop.",
    )
    p.add_argument("workshop", nargs="?", help="a workshop folder, .workshop file, number or title")
    p.add_argument("--demo", action="store_true", help='run the demo "Change Agents - session 1"')
    p.add_argument("--host", metavar="H", help="the address to listen on (default: this laptop's)")
    p.add_argument("--port", metavar="P", type=int, default=8765, help="preferred port (8765)")
    p.add_argument(
        "--suggestions",
        action="store_true",
        help="keep the notes ready for `facilitator suggest-groups` as they arrive "
        "(about 250 MB more memory; without it suggest-groups prepares them when asked)",
    )
    p.set_defaults(func=serve)


def serve(args) -> int:
    from facilitator.web.server import ServerError, WebServer

    if bool(args.workshop) == bool(args.demo):
        raise UserError("Name a workshop to run, or use --demo (not both).")
    if not 0 <= args.port <= 65535:
        raise UserError("A port is a number from 1 to 65535.")
    model = model_from_args(args)
    try:
        workshop = _workshop(model, args)
        run = model.runs.start(workshop.id)
        if args.suggestions:  # vectors for suggested groups, off the request path
            model.themes.start()
        server = WebServer(model, run.id, host=args.host, port=args.port)
        _quiet_garbage_collector()
        try:
            server.start()
        except ServerError as error:
            raise UserError(str(error)) from None
        stop = Stop()
        # Our handler stays until the server has stopped: an impatient second Ctrl-C during
        # the shutdown is absorbed instead of interrupting it halfway.
        previous = {sig: signal.signal(sig, stop.request) for sig in STOP_SIGNALS}
        try:
            try:
                _announce(server)
                _wait(model, server, run.id, stop)
            finally:
                server.stop()
            log.info("stopped; run %s is saved", run.id)
            print(f"\nStopped. Run {run.id} is saved: `facilitator export {run.id}` prints it.")
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
    finally:
        model.close()
    return 0


def _quiet_garbage_collector() -> None:
    """Move everything loaded so far out of the collector's way, so a room full of phones does
    not pay for rescanning the libraries' objects (fewer long pauses while notes arrive)."""
    gc.collect()
    gc.freeze()


def _workshop(model, args):
    if args.demo:
        return demo_workshop(model.library)
    path = Path(args.workshop)
    if path.exists():
        return import_workshop(model.library, path)
    return model.library.find(args.workshop)


def _announce(server) -> None:
    status = server.status()
    print(f"Join: {server.join_url}", flush=True)
    print(f"Remote: {server.remote_url}", flush=True)
    print(
        f"Room code: {spaced_room_code(server.room_code)}  (people can also type {server.room_url})"
    )
    _print_qr(server.join_url)
    for sentence in status.advice[:2]:
        print(sentence)
    if len(status.candidates) > 1:
        print("Other addresses of this laptop: " + ", ".join(status.candidates[1:]))
    print("Enter: next step.  p then Enter: previous step.  Ctrl-C: stop.", flush=True)


def _print_qr(url: str) -> None:
    """The QR code drawn in the terminal; skipped when there is no terminal at all (a windowed
    program: the log has the Join line)."""
    if sys.stdout is None:
        return
    import qrcode

    qr = qrcode.QRCode(border=1)
    qr.add_data(url)
    try:
        qr.print_ascii(out=sys.stdout, invert=True)
    except (UnicodeEncodeError, OSError):  # a console that cannot draw the blocks
        print("(this console cannot draw the QR code; show the Join address instead)")
    sys.stdout.flush()


class Stop:
    """The request to stop, safe to make from a signal handler: only a flag is set there (a
    threading.Event would take a lock the interrupted main thread may be holding, and a second
    Ctrl-C would then hang the program)."""

    def __init__(self) -> None:
        self.requested = False

    def request(self, *_signal) -> None:
        self.requested = True

    def sleep(self, seconds: float) -> None:
        """Sleep up to ``seconds``, waking early once a stop is requested."""
        deadline = time.monotonic() + seconds
        while not self.requested and time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)


def _wait(model, server, run_id: int, stop: Stop) -> None:
    """Show the live count until Ctrl-C, SIGTERM or ``q``."""
    threading.Thread(
        target=_read_keys, args=(model, run_id, stop), name="facilitator-keys", daemon=True
    ).start()
    tally = Tally(model, run_id)
    unsubscribe = model.bus.subscribe(tally.on_event)
    try:
        last, address = "", server.address
        while not stop.requested:
            status = server.status()
            if status.address != address:  # the laptop moved (sleep, another Wi-Fi)
                address = status.address
                print(f"\n{address_changed(address)}\nJoin: {server.join_url}", flush=True)
            line = tally.line(status.connected)
            if line != last:
                _show(line)
                last = line
            stop.sleep(TICK_SECONDS)
    finally:
        unsubscribe()


def _show(line: str) -> None:
    if sys.stdout is None:
        return
    if sys.stdout.isatty():
        print("\r" + line.ljust(100)[:100], end="", flush=True)
    else:
        print(line, flush=True)


class Tally:
    """The live count, kept from the model's events (counted once from the database at start),
    so a busy room costs the count nothing."""

    def __init__(self, model, run_id: int):
        self.run_id = run_id
        run = model.runs.run(run_id)
        self.position, self.step_count = run.current_position, run.step_count
        self.title = model.runs.current_step(run_id).title
        with model.db.read() as s:
            self.people = s.scalar(select(func.count()).where(orm.Participant.run_id == run_id))
            self.notes = s.scalar(select(func.count()).where(orm.Note.run_id == run_id))
        self.lock = threading.Lock()

    def on_event(self, event) -> None:
        if event.run_id != self.run_id:
            return
        with self.lock:
            if event.type == events.PARTICIPANT_JOINED:
                self.people += 1
            elif event.type == events.NOTE_ADDED:
                self.notes += 1
            elif event.type == events.NOTE_DELETED:
                self.notes -= 1
            elif event.type == events.NOTES_CHANGED:
                self.notes += len(event.payload.added) - len(event.payload.removed)
            elif event.type == events.STEP:
                self.position = event.payload.run.current_position
                self.title = event.payload.step.title

    def line(self, online: int) -> str:
        with self.lock:
            return (
                f"{self.people} joined, {online} online, {self.notes} notes - "
                f"step {self.position + 1}/{self.step_count}: {self.title}"
            )


def _read_keys(model, run_id: int, stop: Stop) -> None:
    """Enter advances the step; ``p`` goes back; ``q`` stops. Ends quietly without a console."""
    while not stop.requested and sys.stdin is not None:
        try:
            line = sys.stdin.readline()
        except (OSError, ValueError):
            return
        if not line:
            return
        command = line.strip().lower()
        try:
            if command in ("q", "quit"):
                stop.request()
            elif command in ("p", "b", "back"):
                model.runs.previous(run_id)
            else:
                model.runs.next(run_id)
        except ModelError as error:
            print(f"\n{error.message}", flush=True)
