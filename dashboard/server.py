"""Running the dashboard: in the foreground for ``ipcredit serve``, or in a background thread.

The background form (a werkzeug server on its own thread) is what embeds the dashboard in a
larger process and what the browser tests drive; ``stop()`` shuts it down cleanly.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from dashboard.app import create_app
from graph.store import GraphStore


def serve(store: GraphStore, host: str = "127.0.0.1", port: int = 8050,
          debug: bool = False) -> None:
    """Serve until interrupted. ``debug`` turns on Dash's dev tools and reloading."""
    app = create_app(store)
    app.run(host=host, port=port, debug=debug, use_reloader=False)


class _QuietHandler(WSGIRequestHandler):
    """Embedded use: the host process owns the log, so requests are not echoed to it."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return None


@dataclass
class RunningServer:
    server: BaseWSGIServer
    thread: threading.Thread

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)

    def __enter__(self) -> RunningServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_background(store: GraphStore, host: str = "127.0.0.1", port: int = 0) -> RunningServer:
    """Start on ``host:port`` (port 0: a free one) in a daemon thread and return at once."""
    server = make_server(host, port, create_app(store).server, threaded=True,
                         request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="ipcredit-dashboard",
                              daemon=True)
    thread.start()
    return RunningServer(server, thread)
