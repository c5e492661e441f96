"""A minimal HTTP client for loopback load: one keep-alive connection, cookies, CSRF token."""

from __future__ import annotations

import http.client
import json
import re
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode

_CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')
_CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')


@dataclass
class Reply:
    """One response: status, headers, body, and how long it took."""

    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float

    @property
    def text(self) -> str:
        """Return the body decoded as UTF-8."""
        return self.body.decode("utf-8", "replace")

    def json(self) -> dict:
        """Return the body parsed as JSON (an empty mapping when it is not JSON)."""
        try:
            return json.loads(self.body)
        except ValueError:
            return {}


class Browser:
    """Talk to one loopback server as one signed-in person would."""

    def __init__(self, host: str, port: int, timeout: float = 30.0) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.cookies: dict[str, str] = {}
        self.csrf_token = ""
        self._connection: http.client.HTTPConnection | None = None

    def close(self) -> None:
        """Close the connection."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def request(self, method: str, path: str, body: bytes | None = None, **headers) -> Reply:
        """Send one request on the kept-alive connection (reconnecting once if it was closed)."""
        headers = {k.replace("_", "-"): v for k, v in headers.items()}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            if self._connection is None:
                self._connection = http.client.HTTPConnection(
                    self.host, self.port, timeout=self.timeout
                )
            started = time.perf_counter()
            try:
                self._connection.request(method, path, body=body, headers=headers)
                response = self._connection.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()
                if attempt == 2 or method != "GET":
                    raise
                continue
            elapsed = time.perf_counter() - started
            self._keep_cookies(response.headers.get_all("Set-Cookie") or [])
            if response.will_close:
                self.close()
            return Reply(response.status, dict(response.headers.items()), data, elapsed)
        raise AssertionError("unreachable")

    def _keep_cookies(self, lines: list[str]) -> None:
        for line in lines:
            jar = SimpleCookie()
            jar.load(line)
            for name, morsel in jar.items():
                if not morsel.value or "1970" in morsel["expires"]:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def get(self, path: str) -> Reply:
        """GET *path*, remembering the page's CSRF token."""
        reply = self.request("GET", path, Accept="text/html")
        found = _CSRF_META.search(reply.text) or _CSRF_INPUT.search(reply.text)
        if found:
            self.csrf_token = found.group(1)
        return reply

    def post_form(self, path: str, fields: dict) -> Reply:
        """POST a URL-encoded form with the current CSRF token."""
        body = urlencode({"csrf_token": self.csrf_token, **fields}, doseq=True).encode()
        return self.request("POST", path, body, Content_Type="application/x-www-form-urlencoded")

    def post_json(self, path: str, payload: object) -> Reply:
        """POST JSON as the page's script does (``X-CSRFToken`` header)."""
        body = json.dumps(payload, ensure_ascii=False).encode()
        return self.request(
            "POST",
            path,
            body,
            Content_Type="application/json",
            Accept="application/json",
            X_CSRFToken=self.csrf_token,
        )

    def sign_in(self, email: str, password: str) -> Reply:
        """Sign in through the form; raise when the server does not redirect."""
        self.get("/login")
        reply = self.post_form("/login", {"email": email, "password": password})
        if reply.status != 302:
            raise RuntimeError(f"sign-in of {email} answered {reply.status}")
        return reply

    def section_version(self, submission_id: int, section_id: str) -> int:
        """Open a section page and return the submission version it shows."""
        reply = self.get(f"/submissions/{submission_id}/sections/{section_id}")
        found = VERSION.search(reply.text)
        if reply.status != 200 or not found:
            raise RuntimeError(f"section page answered {reply.status}")
        return int(found.group(1))
