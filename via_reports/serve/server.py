"""Running the app with uvicorn: it prints the address it really listens on (also
with --port 0) and, with --open, opens it in the browser."""

from __future__ import annotations

import socket
import sys
import webbrowser
from collections.abc import Callable

import uvicorn

from ..diagnostics import CodedError
from ..messages import text
from .app import create_app
from .config import ServeConfig


class _Server(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, announce: Callable[[str], None], open_browser: bool):
        super().__init__(config)
        self.announce, self.open_browser = announce, open_browser

    async def startup(self, sockets=None) -> None:
        await super().startup(sockets)
        if not self.started or not self.servers:
            return
        host, port = self.servers[0].sockets[0].getsockname()[:2]
        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        address = f"http://{'[' + shown + ']' if ':' in shown else shown}:{port}/"  # --root-path is the proxy's
        self.announce(text("serve_started", url=address))
        if self.open_browser:
            webbrowser.open(address)


def listen(host: str, port: int) -> socket.socket:
    """The server's socket, bound before anything else starts; CodedError (a Dutch
    sentence) when the address cannot be had."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        raise CodedError("serve_cannot_listen", host=host, port=port, detail=exc.strerror or exc) from None
    return sock


def run(config: ServeConfig, *, open_browser: bool = False, announce: Callable[[str], None] | None = None) -> None:
    """Serve until Ctrl+C (or SIGTERM); the job folder is deleted on the way out."""
    app = create_app(config)
    sock = listen(config.host, config.port)
    uv = uvicorn.Config(
        app,
        host=config.host,
        port=config.port,
        root_path=config.root_path,
        log_level="warning",
        proxy_headers=bool(config.root_path),
        server_header=False,
        timeout_graceful_shutdown=5,
    )
    _Server(uv, announce or (lambda line: print(line, flush=True, file=sys.stdout)), open_browser).run(sockets=[sock])
