"""A loopback TCP proxy a test can cut and restore: the network between a client and a real
server going away (every open connection dropped, new ones refused) and coming back on the same
address, without touching the server itself."""

from __future__ import annotations

import contextlib
import socket
import threading
from types import TracebackType

from tests.support.net import free_port


class TcpProxy:
    """Forwards 127.0.0.1:`port` to `target`. `cut()` drops every connection and refuses new
    ones (the listening socket is closed); `restore()` listens again on the same port."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = free_port()
        self._lock = threading.Lock()
        self._open: list[socket.socket] = []
        self._listener: socket.socket | None = None
        self._accepting: threading.Thread | None = None
        self._drops: list[int] = []  # byte budgets of the next connections (server -> client)

    def drop_next(self, connections: int, *, after_bytes: int) -> None:
        """The next `connections` connections are closed once `after_bytes` bytes of the
        server's reply went through: a network that breaks half way through a response."""
        with self._lock:
            self._drops = [after_bytes] * connections

    def __enter__(self) -> TcpProxy:
        self.restore()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.cut()

    def restore(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(32)
        self._listener = listener
        self._accepting = threading.Thread(target=self._accept, args=(listener,), daemon=True)
        self._accepting.start()

    def cut(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            _close(listener)  # accept() in the thread fails and the thread ends
        if self._accepting is not None:
            self._accepting.join(timeout=5)
        with self._lock:
            dropped, self._open = self._open, []
        for sock in dropped:
            _close(sock)

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                _close(client)
                continue
            upstream.settimeout(None)
            with self._lock:
                self._open += [client, upstream]
                budget = self._drops.pop(0) if self._drops else None
            for src, dst, limit in ((client, upstream, None), (upstream, client, budget)):
                threading.Thread(target=_pump, args=(src, dst, limit), daemon=True).start()


def _pump(src: socket.socket, dst: socket.socket, limit: int | None = None) -> None:
    sent = 0
    try:
        while data := src.recv(65536):
            if limit is not None and sent + len(data) >= limit:
                dst.sendall(data[: max(0, limit - sent)])
                break  # cut half way: both sockets are closed below
            dst.sendall(data)
            sent += len(data)
    except OSError:
        pass
    finally:
        _close(src)
        _close(dst)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
