"""Sending one webhook request: the address check against SSRF, the signature, the POST.

Addresses: only ``http`` and ``https`` URLs without credentials, whose host resolves to
public addresses only: loopback, private, link-local, shared, reserved and multicast
addresses are refused unless the operator allows them (``WEBHOOK_ALLOW_PRIVATE_ADDRESSES``).
The check runs when a webhook is registered and again before every attempt, and the request
goes to the address that was checked (a second DNS answer cannot move it elsewhere).
Redirects are not followed.

Signature: ``Assay-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">`` with the
webhook's secret. A receiver recomputes it, compares in constant time, refuses a timestamp
more than five minutes away from its clock, and drops an ``Assay-Delivery`` id it has seen.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask_babel import gettext as _

from services.errors import DomainError

#: How far a signature's timestamp may be from the receiver's clock.
TOLERANCE_SECONDS = 300
#: Longest URL accepted.
MAX_URL_LENGTH = 2000
#: Bytes of a receiver's answer kept in the delivery log.
RESPONSE_EXCERPT = 500
USER_AGENT = "Assay-Webhooks/1"
#: Looks names up; tests replace it so that no test depends on DNS.
resolve = socket.getaddrinfo


class UnsafeAddress(DomainError):
    """A webhook URL that Assay will not send to."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    #: Path and query sent in the request line.
    path: str
    #: The address checked, which the request connects to.
    address: str


def _allowed(address: str, allow_private: bool) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if allow_private:
        return not ip.is_multicast and not ip.is_unspecified
    return ip.is_global and not ip.is_multicast


def check_url(url: str, allow_private: bool) -> Target:
    """Return where a POST to *url* would go, once every address of its host is allowed.

    :raises UnsafeAddress: for another scheme, credentials in the URL, a host that does not
        resolve, or any address that is not public (unless *allow_private*).
    """
    if not isinstance(url, str) or not url or len(url) > MAX_URL_LENGTH:
        raise UnsafeAddress(_("Give an http or https URL of at most 2,000 characters."))
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise UnsafeAddress(_("This URL cannot be read.")) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeAddress(_("Give an http or https URL of at most 2,000 characters."))
    if parts.username or parts.password:
        raise UnsafeAddress(_("Put no user name or password in the URL."))
    port = port or (443 if parts.scheme == "https" else 80)
    host = parts.hostname
    try:
        found = resolve(host, port, type=socket.SOCK_STREAM)
        addresses = list(dict.fromkeys(item[4][0] for item in found))
    except (OSError, UnicodeError, ValueError):
        raise UnsafeAddress(_("The host of this URL cannot be found.")) from None
    if not addresses or not all(_allowed(a, allow_private) for a in addresses):
        raise UnsafeAddress(
            _(
                "This URL leads to a loopback, private or reserved address; webhooks are "
                "sent to public addresses only."
            )
        )
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return Target(parts.scheme, host, port, path, addresses[0])


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """Return the ``Assay-Signature`` header value of *body* sent at *timestamp*."""
    mac = hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify(secret: str, header: str, body: bytes, now: float | None = None) -> bool:
    """Whether *header* is a valid signature of *body* made within the tolerance of *now*
    (what a receiver does; documented in the README)."""
    try:
        fields = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(fields["t"])
    except (KeyError, ValueError):
        return False
    if abs((now if now is not None else time.time()) - timestamp) > TOLERANCE_SECONDS:
        return False
    expected = signature(secret, timestamp, body).split("v1=", 1)[1]
    return hmac.compare_digest(expected, fields.get("v1", ""))


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, target: Target, timeout: float):
        super().__init__(target.host, target.port, timeout=timeout)
        self._address = target.address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, target: Target, timeout: float):
        super().__init__(
            target.host, target.port, timeout=timeout, context=ssl.create_default_context()
        )
        self._address = target.address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


@dataclass(frozen=True)
class Attempt:
    status: int | None
    error: str | None
    excerpt: str
    milliseconds: int

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def post(target: Target, body: bytes, headers: dict[str, str], timeout: float) -> Attempt:
    """POST *body* to *target* once; never raises for the receiver's failures."""
    started = time.monotonic()
    factory = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    connection = factory(target, timeout)
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        excerpt = response.read(RESPONSE_EXCERPT).decode("utf-8", "replace")
        status, error = response.status, None
    except (OSError, http.client.HTTPException) as failure:
        status, error, excerpt = None, f"{type(failure).__name__}: {failure}"[:300], ""
    finally:
        connection.close()
    elapsed = int((time.monotonic() - started) * 1000)
    return Attempt(status, error, excerpt, elapsed)
