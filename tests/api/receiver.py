"""A webhook receiver on loopback for the tests: it records each request it is sent."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer


class Receiver:
    """Answers *status* to every POST and keeps (headers, body) of each; ``stop()`` ends it."""

    def __init__(self, status: int = 204):
        self.status = status
        self.received: list[tuple[dict, bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802  (the standard library's name)
                length = int(self.headers.get("Content-Length", "0"))
                receiver.received.append((dict(self.headers), self.rfile.read(length)))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/assay"

    def events(self) -> list[str]:
        return [headers["Assay-Event"] for headers, _body in self.received]

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
