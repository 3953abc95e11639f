"""One copy of the app per data folder. The first copy takes a lock file in the data folder and
listens on a local socket named after that folder; a second launch on the same folder finds the
lock held, asks the first copy (over the socket) to bring its window forward, and exits before
it opens a run or starts a phone server. Two consoles would split the room in two.

The lock file is the authority (QLockFile notices a copy that crashed: its process is gone); the
socket only carries the message. A socket file left behind by a crash is removed by the next
copy that takes the lock. The socket is private to the user (UserAccessOption)."""

from __future__ import annotations

import getpass
import hashlib
import logging
import sys
import time
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

LOCK_FILE = "facilitator-app.lock"
RAISE, DONE = b"raise\n", b"ok\n"
ANSWER_MS = 3000  # how long a second copy waits for the first to say it came forward
FIND_S = 5.0  # how long it looks for the first copy's socket (the first may be starting up)

_held: set[str] = set()  # socket names held by this process (two windows in one test process)


def socket_name(folder: Path) -> str:
    """A local-socket name for ``folder``, the same for every spelling of it: a hash of the
    resolved path (and the user), so it is short and safe as a Windows pipe name and a socket
    file on macOS and Linux, where file names ignore case on Windows and macOS."""
    path = str(Path(folder).expanduser().resolve())
    if sys.platform in ("win32", "darwin"):
        path = path.casefold()
    try:
        user = getpass.getuser()
    except (OSError, KeyError, ImportError):  # no user name in the environment
        user = ""
    digest = hashlib.sha256(f"{user}\0{path}".encode()).hexdigest()[:20]
    return f"facilitator-{digest}"


class OneCopy(QObject):
    """The guard of one data folder. Call :meth:`hand_over` first: True means another copy has
    the folder and was asked to come forward (this one should exit); False means this copy now
    holds the folder, and ``raise_requested`` fires when a later launch asks for the window."""

    raise_requested = Signal()

    def __init__(self, folder: Path, parent=None):
        super().__init__(parent)
        self.folder = Path(folder)
        self.name = socket_name(self.folder)
        self.lock = QLockFile(str(self.folder / LOCK_FILE))
        self.lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        self.server: QLocalServer | None = None

    def hand_over(self) -> bool:
        if self.name in _held:
            log.info("This process already holds %s; no second guard.", self.folder)
            return False
        if self.lock.tryLock(0):
            self._listen()
            return False
        if self.lock.error() != QLockFile.LockError.LockFailedError:
            problem = self.lock.error().name
            log.warning("Cannot lock %s (%s): a second copy goes unnoticed.", self.folder, problem)
            return False
        answered = ask_to_come_forward(self.name)
        if answered:
            log.info("Facilitator is already open on %s: it came forward.", self.folder)
        else:
            log.warning("Facilitator is already open on %s but did not answer.", self.folder)
        return True

    def _listen(self) -> None:
        QLocalServer.removeServer(self.name)  # we hold the lock: any socket left is stale
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            problem = server.errorString()
            log.warning("Cannot listen on %s (%s): a second copy goes unseen.", self.name, problem)
            return
        server.newConnection.connect(self._answer)
        self.server = server
        _held.add(self.name)
        log.info("This copy holds the data folder %s (socket %s).", self.folder, self.name)

    def _answer(self) -> None:
        while self.server is not None and self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(sock.deleteLater)
            if sock.bytesAvailable():
                self._read(sock)

    def _read(self, sock: QLocalSocket) -> None:
        if not sock.canReadLine():
            return
        line = bytes(sock.readLine().data())
        if line == RAISE:
            log.info("Another launch on this data folder asked this window to come forward.")
            self.raise_requested.emit()
            sock.write(DONE)
            sock.flush()
        sock.disconnectFromServer()

    def release(self) -> None:
        """Let go of the folder (the window is closing): the next launch becomes the first."""
        if self.server is not None:
            self.server.close()
            self.server = None
            _held.discard(self.name)
        if self.lock.isLocked():
            self.lock.unlock()


def ask_to_come_forward(name: str, find_s: float = FIND_S) -> bool:
    """Tell the copy listening on ``name`` to bring its window forward; True when it said it
    did. Retries while that copy may still be starting (it holds the lock, not yet the
    socket)."""
    allow_foreground()
    deadline = time.monotonic() + find_s
    while True:
        sock = QLocalSocket()
        sock.connectToServer(name)
        if sock.waitForConnected(500):
            sock.write(RAISE)
            sock.waitForBytesWritten(ANSWER_MS)
            answered = sock.waitForReadyRead(ANSWER_MS) and sock.readLine().data() == DONE
            sock.abort()
            return answered
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)


def allow_foreground() -> None:
    """On Windows only the program the user just started may take the foreground: let the
    first copy take it when it comes forward (AllowSetForegroundWindow, ASFW_ANY)."""
    if sys.platform == "win32":
        import ctypes

        try:
            ctypes.windll.user32.AllowSetForegroundWindow(-1)
        except (AttributeError, OSError):
            pass
