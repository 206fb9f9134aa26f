"""What keeps the server safe, as ASGI middleware around the whole app:

- the password (HTTP Basic with any user name, or `Authorization: Bearer …`),
  compared in constant time; 401 without it;
- on 127.0.0.1 without a password, only the host names of this computer (localhost,
  127.0.0.0/8, ::1): a web page elsewhere cannot reach the server by DNS rebinding;
- a form sent by another website is refused (cross-site request forgery);
- security headers on every answer (a route may set a stricter CSP, the preview does);
- the upload limit, counted while the body streams in: past it, 413 at once
  (the app answers it: a page for the page, JSON for the API).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..messages import text
from .config import is_loopback

PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = {
    b"content-security-policy": PAGE_CSP.encode(),
    b"x-content-type-options": b"nosniff",
    b"x-frame-options": b"DENY",
    b"referrer-policy": b"same-origin",  # no-referrer would make a form's Origin "null"
    b"cross-origin-opener-policy": b"same-origin",
    b"cross-origin-resource-policy": b"same-origin",
    b"permissions-policy": b"camera=(), microphone=(), geolocation=()",
}
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class UploadTooLarge(Exception):
    pass


def _host_name(host: str) -> str:
    if host.startswith("["):
        return host[1 : host.find("]")].lower()
    return host.rsplit(":", 1)[0].lower() if host.count(":") == 1 else host.lower()


def password_ok(authorization: str, password: str) -> bool:
    scheme, _, value = authorization.partition(" ")
    given = b""
    if scheme.lower() == "bearer":
        given = value.strip().encode()
    elif scheme.lower() == "basic":
        try:
            given = base64.b64decode(value.strip(), validate=True).partition(b":")[2]
        except (binascii.Error, ValueError):
            given = b""
    return hmac.compare_digest(given, password.encode())


async def _plain(send: Send, status: int, message: str, headers: dict[bytes, bytes] | None = None) -> None:
    body = json.dumps({"message": message}, ensure_ascii=False).encode()
    all_headers = {b"content-type": b"application/json; charset=utf-8", **HEADERS, **(headers or {})}
    all_headers[b"content-length"] = str(len(body)).encode()
    await send({"type": "http.response.start", "status": status, "headers": list(all_headers.items())})
    await send({"type": "http.response.body", "body": body})


class Guard:
    def __init__(self, app: ASGIApp, *, password: str | None, check_host: bool, max_body: int, max_mb: int):
        self.app, self.password, self.check_host = app, password, check_host
        self.max_body, self.max_mb = max_body, max_mb

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if self.check_host and not is_loopback(_host_name(headers.get("host", ""))):
            await _plain(send, 421, text("serve_wrong_host", host=headers.get("host", "")[:100]))
            return
        if self.password is not None and not password_ok(headers.get("authorization", ""), self.password):
            challenge = {b"www-authenticate": b'Basic realm="via-reports", charset="UTF-8"'}
            await _plain(send, 401, text("serve_unauthorized"), challenge)
            return
        if scope["method"] in UNSAFE and _cross_site(headers):
            await _plain(send, 403, text("serve_cross_site"))
            return
        length = headers.get("content-length", "")
        declared = int(length) if length.isdigit() else 0
        await self.app(scope, self._limited(receive, declared), self._with_headers(send))

    def _limited(self, receive: Receive, declared: int) -> Receive:
        """The body, counted as it comes; too large (or announced so): UploadTooLarge, which
        the app answers with 413 before reading further."""
        received = 0

        async def limited() -> Message:
            nonlocal received
            if declared > self.max_body:
                raise UploadTooLarge
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise UploadTooLarge
            return message

        return limited

    @staticmethod
    def _with_headers(send: Send) -> Send:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in HEADERS.items() if name not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        return with_headers


def _cross_site(headers: Headers) -> bool:
    """A form posted by a page of another site or port (the browser says so)."""
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site not in ("same-origin", "none")
    origin = headers.get("origin")
    if not origin or origin == "null":
        return origin == "null"
    host = headers.get("x-forwarded-host") or headers.get("host", "")
    return origin.split("://", 1)[-1].lower() != host.lower()
