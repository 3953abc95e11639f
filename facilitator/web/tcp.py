"""Socket options that make a connection to a phone that vanished (Wi-Fi gone: no FIN, no RST,
no acknowledgements) fail after a set number of seconds, set on every accepted connection.

The kernel notices such a phone only when data it sent stays unacknowledged; the hub's heartbeat
makes sure there is some every ``HEARTBEAT_SECONDS``. The limit on unacknowledged data is
``TCP_USER_TIMEOUT`` on Linux, ``TCP_MAXRT`` on Windows and ``TCP_RXT_CONNDROPTIME`` on macOS;
keepalive probes cover connections with nothing to send. An option the system lacks is skipped.
"""

from __future__ import annotations

import asyncio
import socket
import sys

from uvicorn.protocols.http.auto import AutoHTTPProtocol

# Not named by Python's socket module: values from the systems' headers (ws2ipdef.h on Windows,
# netinet/tcp.h on macOS); both take seconds.
WINDOWS_TCP_MAXRT = 5
MACOS_TCP_RXT_CONNDROPTIME = 0x80

KEEPALIVE_IDLE = 10  # seconds a connection is silent before the first keepalive probe
KEEPALIVE_INTERVAL = 5
KEEPALIVE_PROBES = 3


def unacked_limit(seconds: float) -> list[tuple[int, int]]:
    """The (option, value) at IPPROTO_TCP that fails a socket whose sent data has waited
    ``seconds`` for an acknowledgement, on this system (none where there is no such option)."""
    if hasattr(socket, "TCP_USER_TIMEOUT"):
        return [(socket.TCP_USER_TIMEOUT, int(seconds * 1000))]
    if sys.platform == "win32":
        return [(WINDOWS_TCP_MAXRT, max(1, round(seconds)))]
    if sys.platform == "darwin":
        return [(MACOS_TCP_RXT_CONNDROPTIME, max(1, round(seconds)))]
    return []


def tune(sock: socket.socket, unacked_seconds: float) -> None:
    """Set the options on one connected socket; an option the system refuses is skipped."""
    tcp = socket.IPPROTO_TCP
    idle = getattr(socket, "TCP_KEEPIDLE", None) or getattr(socket, "TCP_KEEPALIVE", None)
    options = [
        (tcp, getattr(socket, "TCP_NODELAY", None), 1),
        (socket.SOL_SOCKET, getattr(socket, "SO_KEEPALIVE", None), 1),
        (tcp, idle, KEEPALIVE_IDLE),
        (tcp, getattr(socket, "TCP_KEEPINTVL", None), KEEPALIVE_INTERVAL),
        (tcp, getattr(socket, "TCP_KEEPCNT", None), KEEPALIVE_PROBES),
        *((tcp, option, value) for option, value in unacked_limit(unacked_seconds)),
    ]
    for level, option, value in options:
        if option is not None:
            try:
                sock.setsockopt(level, option, value)
            except OSError:
                pass


def protocol(unacked_seconds: float) -> type[asyncio.Protocol]:
    """uvicorn's own HTTP protocol (``Config(http=...)`` takes a protocol class), tuning each
    accepted socket in ``connection_made`` before uvicorn sees it."""

    class PhoneConnection(AutoHTTPProtocol):  # type: ignore[misc, valid-type]
        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            sock = transport.get_extra_info("socket")
            if sock is not None:
                tune(sock, unacked_seconds)
            super().connection_made(transport)

    return PhoneConnection
