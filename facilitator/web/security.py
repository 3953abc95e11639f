"""Small security helpers of the server, each testable alone: key comparison, the path guard for
static files, the response headers, a per-caller token bucket against floods, and the count of
wrong join codes that keeps the room code from being guessed."""

from __future__ import annotations

import secrets
import threading
import time
from pathlib import Path

MAX_BODY = 16 * 1024

# The page runs only its own script and style from this laptop; nothing inline, nothing remote.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",  # the keys are in the page's address: never pass them on
    "cross-origin-resource-policy": "same-origin",
}


def same_key(given: object, expected: str) -> bool:
    """Constant-time comparison of a key from a request with the run's key."""
    if not isinstance(given, str) or not given or not expected:
        return False
    return secrets.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


def safe_path(root: Path, relative: str) -> Path | None:
    """The file ``relative`` inside ``root``, or None if it is missing, not a plain file, or
    outside ``root`` (``..``, absolute paths, symlinks pointing out, NUL bytes)."""
    if not relative or "\x00" in relative or "\\" in relative:
        return None
    root = root.resolve()
    try:
        candidate = (root / relative).resolve()
    except (OSError, ValueError, RuntimeError):
        return None
    if candidate == root or root not in candidate.parents:
        return None
    return candidate if candidate.is_file() else None


class RateLimiter:
    """Token buckets keyed by caller: ``burst`` requests at once, then ``rate`` per second.

    ``check`` returns 0 when the request may go ahead, else the seconds to wait (Retry-After).
    Thread-safe; idle buckets are forgotten so the table stays small.
    """

    def __init__(self, *, burst: float, rate: float, clock=time.monotonic):
        self.burst = float(burst)
        self.rate = float(rate)
        self.clock = clock
        self._buckets: dict[object, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def check(self, key: object, cost: float = 1.0) -> float:
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens >= cost:
                self._buckets[key] = (tokens - cost, now)
                return 0.0
            self._buckets[key] = (tokens, now)
            if len(self._buckets) > 10_000:
                self._forget_idle(now)
            return (cost - tokens) / self.rate

    def wait(self, key: object, cost: float = 1.0) -> float:
        """The seconds before ``check`` would let ``key`` through (0: now), taking nothing."""
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            return 0.0 if tokens >= cost else (cost - tokens) / self.rate

    def _forget_idle(self, now: float) -> None:
        full_after = self.burst / self.rate
        for key, (_tokens, last) in list(self._buckets.items()):
            if now - last > full_after:
                del self._buckets[key]


EVERYONE = "*"  # the key of the bucket every address shares


class WrongCodes:
    """Wrong join keys and room codes, counted per client address and over all addresses.

    ``wait`` says how long an address must wait before it may try a room code again: while
    its own bucket or the shared one is empty, even the right room code is refused (else the
    limit would not slow a guesser at all); the QR code's join key, 128 random bits that
    cannot be guessed, is checked before this and always works. ``failed`` counts one wrong
    code. Defaults: an address may get 10 wrong in a row, then one every 30 s; the whole room
    20 in a row, then one a second, however many addresses it uses. At one a second the six
    characters of runs.ROOM_CODE_ALPHABET take 32 ** 6 / 2 s, about 17 years, to find on
    average (runs.ROOM_CODE_LENGTH). Loopback is not exempt.
    """

    def __init__(self, *, per_address: RateLimiter | None = None, total: RateLimiter | None = None):
        self.per_address = per_address or RateLimiter(burst=10, rate=1 / 30)
        self.total = total or RateLimiter(burst=20, rate=1.0)

    def wait(self, address: str) -> float:
        return max(self.per_address.wait(address), self.total.wait(EVERYONE))

    def failed(self, address: str) -> None:
        self.per_address.check(address)
        self.total.check(EVERYONE)
