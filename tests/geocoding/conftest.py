"""A local BAN-like server on 127.0.0.1 replaying the recorded answers of ``tests/fixtures/ban``.

``ban_server.route(query, *replies)`` sets what the server answers to ``q=query``, one
reply per request (the last one repeats): ``ban_server.recorded("amiens-….json")`` or
``ban_server.reply(status=429)``; ``ban_server.queries`` lists every ``q`` received.
"""

from __future__ import annotations

import http.server
import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from nec_network.geocoding import LookupOptions

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ban"


def fixture_body(name: str) -> dict:
    """A recorded BAN answer."""
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Reply:
    """What the server does for one request: wait ``delay`` s, then answer ``status`` with ``body``."""

    status: int = 200
    body: dict | list | None = None
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


class BanServer:
    """The running server: routes, received queries and headers."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Reply]] = {}
        self.queries: list[str] = []
        self.paths: list[str] = []
        self.user_agents: list[str] = []
        self._lock = threading.Lock()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                url = urllib.parse.urlsplit(self.path)
                query = urllib.parse.parse_qs(url.query).get("q", [""])[0]
                reply = server._next_reply(query, url.path, self.headers.get("User-Agent", ""))
                time.sleep(reply.delay)
                payload = json.dumps(reply.body if reply.body is not None else {}).encode()
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(payload)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting: that is the timeout being tested

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.domain = f"127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()

    @staticmethod
    def reply(**fields: object) -> Reply:
        """A scripted reply (see :class:`Reply`)."""
        return Reply(**fields)

    @staticmethod
    def recorded(name: str) -> Reply:
        """HTTP 200 with the recorded BAN answer ``tests/fixtures/ban/<name>``."""
        return Reply(body=fixture_body(name))

    def route(self, query: str, *replies: Reply) -> None:
        """Answer ``q=query`` with ``replies`` in turn, the last one repeating."""
        self.routes[query] = list(replies)

    def _next_reply(self, query: str, path: str, user_agent: str) -> Reply:
        with self._lock:
            self.queries.append(query)
            self.paths.append(path)
            self.user_agents.append(user_agent)
            replies = self.routes.get(query)
            if not replies:
                return Reply(status=404, body={"erreur": f"requête non prévue : {query}"})
            return replies.pop(0) if len(replies) > 1 else replies[0]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join()


@pytest.fixture
def ban_server() -> Iterator[BanServer]:
    server = BanServer()
    yield server
    server.close()


@pytest.fixture
def online(ban_server: BanServer, tmp_path: Path) -> LookupOptions:
    """Options pointing the geocoder at the local server, fast and cached in tmp."""
    return LookupOptions(
        domain=ban_server.domain,
        scheme="http",
        timeout=3.0,
        min_delay_seconds=0.0,
        error_wait_seconds=0.01,
        max_retries=2,
        cache_path=tmp_path / "cache.sqlite",
    )
