"""The one object the desktop app and the command line use to run the phone server: uvicorn on
its own named thread with its own asyncio loop, bound on a local-network address with a
fallback port, and a thread-safe status for the facilitator's network check."""

from __future__ import annotations

import asyncio
import errno
import logging
import socket
import sys
import threading
import time
from collections.abc import Callable

import uvicorn

from facilitator.model.service import Model

from . import network, tcp
from .app import Context, create_app
from .hub import Hub, Liveness
from .live import Live
from .network import NetworkStatus
from .writer import GroupWriter, NoteWriter

log = logging.getLogger(__name__)

PORT_TRIES = 20
ANY = "0.0.0.0"
REDETECT_SECONDS = 5  # the laptop's addresses are read again this often (sleep, a new Wi-Fi)

__all__ = ["NetworkStatus", "ServerError", "WebServer"]


class ServerError(Exception):
    """The server could not start; ``args[0]`` is a sentence for people."""


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``: ``port`` if free, else the next ones, else any free port."""
    last_error: OSError | None = None
    for candidate in [*range(port, port + PORT_TRIES), 0]:
        # IPPROTO_TCP said outright: asyncio switches Nagle off (TCP_NODELAY) only on sockets that
        # say so, and with Nagle on, each answer waits ~40 ms for the phone's delayed ACK.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        if sys.platform != "win32":
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, candidate))
            sock.listen(2048)
        except OSError as error:
            sock.close()
            last_error = error
            if error.errno == errno.EADDRNOTAVAIL:
                break
            continue
        sock.setblocking(False)
        return sock
    raise ServerError(
        f"Could not listen on {host} ({last_error}); check the address and try again."
    )


class WebServer:
    """Serves one run to phones. ``host`` None: listen on every interface and advertise the best
    local-network address (loopback when the laptop is on no network), moving to the best new
    one when that address leaves the laptop. ``interfaces`` finds the laptop's addresses
    (default ``network.candidates``), ``clock`` is monotonic seconds and ``platform`` names the
    system the advice is for (``sys.platform``); ``liveness`` how soon a vanished phone is
    dropped (``tcp.py`` sets its ``unacked`` limit on every accepted connection)."""

    def __init__(
        self,
        model: Model,
        run_id: int,
        *,
        host: str | None = None,
        port: int = 8765,
        interfaces: Callable[[], list[network.Candidate]] | None = None,
        clock: Callable[[], float] = time.monotonic,
        platform: str = sys.platform,
        liveness: Liveness = Liveness(),
    ):
        self.model = model
        self.run_id = run_id
        self.host = host
        self.port = port
        self.address = host or network.LOOPBACK
        self._offline = False
        self._candidates: tuple[str, ...] = ()
        self._interfaces, self._clock, self._platform = interfaces, clock, platform
        self.liveness = liveness
        self._detected_at = self._waiting_since = clock()
        self._detecting = threading.Lock()
        self._thread: threading.Thread | None = None
        self._server: uvicorn.Server | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._context: Context | None = None
        self._unsubscribe = None
        self._error: BaseException | None = None

    # -- addresses -------------------------------------------------------------------------------
    @property
    def room_url(self) -> str:
        return f"http://{self.address}:{self.port}"

    @property
    def join_url(self) -> str:
        return f"{self.room_url}/?k={self._run().join_key}"

    @property
    def remote_url(self) -> str:
        return f"{self.room_url}/remote?k={self._run().remote_key}"

    @property
    def room_code(self) -> str:
        return self._run().room_code

    @property
    def context(self) -> Context | None:
        """What the routes share (limits, hub); None before ``start``."""
        return self._context

    def _run(self):
        return self._context.run if self._context else self.model.runs.run(self.run_id)

    def use_address(self, address: str) -> None:
        """Advertise another of this machine's addresses (one of ``status().candidates``)."""
        self.address = address

    # -- life ------------------------------------------------------------------------------------
    def start(self, timeout: float = 10) -> None:
        """Listen, and return once phones can connect; ServerError (a sentence) otherwise."""
        if self._thread is not None:
            return
        self._detect()
        if self.listens_everywhere:
            self.address = self._candidates[0] if self._candidates else network.LOOPBACK
        else:
            self._offline = self.host.startswith("127.") or self.host == "localhost"
        self._waiting_since = self._clock()
        sock = bind(self.host or ANY, self.port)
        self.port = sock.getsockname()[1]
        self._context = self._build_context()
        config = uvicorn.Config(
            create_app(self._context),
            http=tcp.protocol(self.liveness.unacked),
            # No log config of uvicorn's own: it writes to stdout/stderr, and raises when they
            # are None (a windowed program). Its loggers hand their records to ours instead:
            # the log file, and the console when there is one (facilitator.logs).
            log_config=None,
            log_level="warning",
            access_log=False,
            lifespan="off",
            timeout_keep_alive=30,
            timeout_graceful_shutdown=2,
            backlog=2048,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._serve, args=(sock,), name="facilitator-web", daemon=True
        )
        self._thread.start()
        self._wait_started(timeout)
        log.info("Join: %s", self.join_url)
        log.info("Remote: %s", self.remote_url)

    def _build_context(self) -> Context:
        runs = self.model.runs
        run = runs.run(self.run_id)
        steps = runs.steps(self.run_id)
        states = [runs.step_state(self.run_id, s.id) for s in steps]
        hub = Hub(self.liveness)
        current = steps[run.current_position].id if steps else None
        responses = self.model.responses
        live = Live(hub, self.run_id, steps, states, current, results=responses.tally)
        answers = GroupWriter(responses.answer_many, "answer-writer")
        return Context(self.model, run, hub, live, NoteWriter(self.model.board), answers)

    def _serve(self, sock: socket.socket) -> None:
        # A fresh loop of the platform's default kind: on Windows the proactor, never the
        # select-based loop that caps sockets at 512.
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        self._loop = loop
        self._context.live.loop = loop
        loop.call_soon(self._context.hub.heartbeat)
        self._unsubscribe = self.model.bus.subscribe(self._context.live.on_bus_event)
        try:
            loop.run_until_complete(self._server.serve(sockets=[sock]))
        except BaseException as error:  # reported by start() or logged
            self._error = error
            log.exception("the phone server stopped")
        finally:
            self._context.live.loop = None
            sock.close()
            loop.close()

    def _wait_started(self, timeout: float) -> None:
        deadline = threading.Event()
        waited = 0.0
        while not self._server.started:
            if not self._thread.is_alive() or waited >= timeout:
                error = self._error
                self.stop()
                raise ServerError(f"The phone server did not start ({error or 'timed out'}).")
            deadline.wait(0.02)
            waited += 0.02

    def stop(self) -> None:
        """Close every phone's stream, stop listening and join the thread."""
        if self._unsubscribe:
            self._unsubscribe()
            self._unsubscribe = None
        if self._thread is None:
            return
        loop, server = self._loop, self._server
        if loop is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(self._context.hub.close_all)
                loop.call_soon_threadsafe(self._context.remote_feed.close_all)
            except RuntimeError:
                pass
        server.should_exit = True
        self._thread.join(timeout=10)
        if self._thread.is_alive():
            server.force_exit = True
            self._thread.join(timeout=5)
        self._context.writer.close()
        self._context.answer_writer.close()
        self._thread = None

    # -- the facilitator's network check ---------------------------------------------------------
    @property
    def listens_everywhere(self) -> bool:
        return self.host in (None, "", ANY)

    def _detect(self) -> None:
        """Read the laptop's addresses again; on every interface, an advertised address that
        has left the laptop gives way to the best new one (none at all: offline, kept)."""
        found = (self._interfaces or network.candidates)()
        self._candidates = tuple(c.address for c in found)
        self._detected_at = self._clock()
        if self.listens_everywhere:
            self._offline = not found
            if found and self._thread is not None and self.address not in self._candidates:
                self.address = found[0].address
                log.info("the laptop's address changed to %s", self.address)
                log.info("Join: %s", self.join_url)

    def join_shown(self) -> None:
        """The join slide went up: phones get another minute before the advice on blockers."""
        self._waiting_since = self._clock()

    def status(self) -> NetworkStatus:
        """A snapshot, safe to call from any thread; reads the interfaces again every
        ``REDETECT_SECONDS``."""
        if self._clock() - self._detected_at >= REDETECT_SECONDS:
            with self._detecting:
                if self._clock() - self._detected_at >= REDETECT_SECONDS:
                    self._detect()
        ctx = self._context
        seen = len(ctx.phones_seen) if ctx else 0
        connected = len(ctx.hub.subscribers) if ctx else 0
        advice = network.advice(
            offline=self._offline,
            phones_seen=seen,
            waited=self._clock() - self._waiting_since,
            platform=self._platform,
            port=self.port,
        )
        return NetworkStatus(
            address=self.address,
            port=self.port,
            candidates=self._candidates,
            offline=self._offline,
            phones_seen=seen,
            connected=connected,
            advice=advice,
        )
