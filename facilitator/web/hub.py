"""The fan-out of live updates to phones over Server-Sent Events.

Each message is serialised once into its SSE bytes, and messages are sent in small batches: what
arrives within ``FLUSH_SECONDS`` is joined into one block, and the same block is queued for every
phone it concerns (a step change goes out at once). A room posting dozens of notes a second then
costs each phone a few writes a second, not one per note.

Every phone has a bounded queue; a phone too slow to keep up (or gone from the Wi-Fi) is dropped,
and when it comes back it replays what it missed from a short history by its ``Last-Event-ID``
(or is told to reload its state when that is too old). Runs on the server's asyncio loop only;
other threads hand messages in with ``call_soon_threadsafe``.

A phone that vanishes without closing its connection (Wi-Fi gone: no FIN, no RST) leaves the
count (``subscribers``) within ``Liveness.bound`` seconds, about 30 with the production figures
(31 s measured on Linux, the phone cut off just after a heartbeat): the heartbeat puts data on
its connection within ``heartbeat`` seconds, and the kernel fails a connection whose data waits
``unacked`` seconds for an acknowledgement (``tcp.py``: Linux, Windows and macOS each have an
option for it); the stream then ends and leaves the count. Whatever the kernel does, a stream
whose write has waited ``stall`` seconds for the connection to drain (a room sending more than
the buffers hold) is dropped at the next heartbeat.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import time
from collections import deque
from dataclasses import dataclass, field

QUEUE_SIZE = 512  # messages waiting for one phone before it counts as gone
HISTORY = 4096  # messages kept for phones that reconnect
STREAMS_PER_PARTICIPANT = 4  # older streams of the same phone are closed beyond this
FLUSH_SECONDS = 0.25  # how long a message may wait to be batched with the next ones
HEARTBEAT_SECONDS = 10  # a comment line to every phone, so dead connections show up
UNACKED_SECONDS = 20  # the kernel fails a connection whose sent data waits this long for an ack
STALL_SECONDS = 20  # a stream whose write has not drained for this long counts as gone
PING = b": ping\n\n"
SLICE = 32  # phones served per turn of the loop, so requests never wait behind a whole fan-out
# sent at once, with whatever is waiting ("results" come a few times a second at most: Live)
URGENT = frozenset({"step", "ended", "reset", "results"})

CLOSE = b""  # queued to end a stream


@dataclass(frozen=True)
class Liveness:
    """How soon a phone that vanished is dropped; the figures in seconds (tests shorten them)."""

    heartbeat: float = HEARTBEAT_SECONDS
    unacked: float = UNACKED_SECONDS
    stall: float = STALL_SECONDS

    @property
    def bound(self) -> float:
        """The longest a vanished phone stays counted: the next heartbeat, then the kernel's
        limit on it; or, from the moment its writes stop draining, the stall limit and the
        heartbeat that finds it."""
        return self.heartbeat + max(self.unacked, self.stall)


@dataclass(eq=False)
class Subscriber:
    participant_id: int
    queue: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(QUEUE_SIZE))
    closed: bool = False
    writing_since: float | None = None  # time.monotonic() when the current write began

    def write_began(self) -> None:
        self.writing_since = time.monotonic()

    def write_drained(self) -> None:
        """The server took the write (its buffer below the high-water mark again)."""
        self.writing_since = None

    def close(self) -> None:
        self.closed = True
        try:
            self.queue.put_nowait(CLOSE)
        except asyncio.QueueFull:
            pass  # the stream sees ``closed`` after its next message


def encode(event_id: str, kind: str, data: object) -> bytes:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"id: {event_id}\nevent: {kind}\ndata: {body}\n\n".encode()


class Hub:
    """Subscribers of one run and the recent messages, keyed ``<epoch>-<seq>`` so that ids from
    an earlier server (a restart) are recognised as unknown."""

    def __init__(self, liveness: Liveness = Liveness()) -> None:
        self.liveness = liveness
        self.epoch = secrets.token_hex(4)
        self.seq = 0
        self.history: deque[tuple[int, int | None, bytes]] = deque(maxlen=HISTORY)
        self.subscribers: set[Subscriber] = set()
        self._pending: list[tuple[int | None, bytes]] = []
        self._flush_scheduled = False
        self._outbox: deque[tuple[Subscriber, bytes]] = deque()
        self._delivering = False

    @property
    def last_id(self) -> str:
        return f"{self.epoch}-{self.seq}"

    def publish(self, kind: str, data: object, audience: int | None = None) -> None:
        """Send one message to every phone (``audience`` None) or one participant's phones,
        batched with the messages that follow it within ``FLUSH_SECONDS`` unless urgent."""
        self.seq += 1
        payload = encode(self.last_id, kind, data)
        self.history.append((self.seq, audience, payload))
        self._pending.append((audience, payload))
        if kind in URGENT:
            self.flush()
        elif not self._flush_scheduled:
            self._flush_scheduled = True
            asyncio.get_running_loop().call_later(FLUSH_SECONDS, self.flush)

    def flush(self) -> None:
        """Queue the waiting messages: one shared block for everyone, plus a block of its own
        for a phone that also has messages meant for it alone (order kept)."""
        pending, self._pending = self._pending, []
        self._flush_scheduled = False
        if not pending:
            return
        shared = b"".join(payload for audience, payload in pending if audience is None)
        targeted = {audience for audience, _ in pending if audience is not None}
        for sub in self.subscribers:
            block = shared
            if sub.participant_id in targeted:
                block = b"".join(p for a, p in pending if a is None or a == sub.participant_id)
            if block:
                self._outbox.append((sub, block))
        if self._outbox and not self._delivering:
            self._delivering = True
            asyncio.get_running_loop().call_soon(self._deliver)

    def _deliver(self) -> None:
        """Hand blocks to ``SLICE`` phones, then let the loop serve requests before the next."""
        for _ in range(SLICE):
            if not self._outbox:
                break
            sub, block = self._outbox.popleft()
            if sub.closed:
                continue
            try:
                sub.queue.put_nowait(block)
            except asyncio.QueueFull:
                self.drop(sub)
        if self._outbox:
            asyncio.get_running_loop().call_soon(self._deliver)
        else:
            self._delivering = False

    def heartbeat(self) -> None:
        """Send a comment line to every phone now and every ``liveness.heartbeat`` seconds (one
        timer for all phones, not one per phone); drop the phones whose write has stalled."""
        stalled_since = time.monotonic() - self.liveness.stall
        for sub in list(self.subscribers):
            if sub.writing_since is not None and sub.writing_since < stalled_since:
                self.drop(sub)
                continue
            try:
                sub.queue.put_nowait(PING)
            except asyncio.QueueFull:
                self.drop(sub)
        asyncio.get_running_loop().call_later(self.liveness.heartbeat, self.heartbeat)

    def subscribe(self, participant_id: int) -> Subscriber:
        mine = [s for s in self.subscribers if s.participant_id == participant_id]
        for old in mine[: max(0, len(mine) - STREAMS_PER_PARTICIPANT + 1)]:
            self.drop(old)
        sub = Subscriber(participant_id)
        self.subscribers.add(sub)
        return sub

    def drop(self, sub: Subscriber) -> None:
        self.subscribers.discard(sub)
        sub.close()

    def close_all(self) -> None:
        for sub in list(self.subscribers):
            self.drop(sub)

    def missed(self, last_event_id: str | None, participant_id: int) -> list[bytes] | None:
        """The messages after ``last_event_id`` for this phone; None when they cannot be known
        (another server's id, or older than the history): the phone must reload its state."""
        if not last_event_id:
            return []
        epoch, _, seq_text = last_event_id.partition("-")
        if epoch != self.epoch or not seq_text.isdigit():
            return None
        seq = int(seq_text)
        if seq > self.seq:
            return None
        if seq < self.seq and (not self.history or self.history[0][0] > seq + 1):
            return None
        return [
            payload
            for n, audience, payload in self.history
            if n > seq and (audience is None or audience == participant_id)
        ]
