"""Request-level protections: signed tokens (CSRF, receipt links), per-IP rate limiting, security headers."""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import threading
import time
from pathlib import Path

CSRF_COOKIE = "inputdesk_csrf"
_NONCE = re.compile(r"^[A-Za-z0-9_-]{32,64}$")

# No inline script or style anywhere, so the policy can forbid both; 'self' covers /static only.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    # Receipt links carry a capability in the URL: never hand them to the help services we link to.
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]


def load_secret(configured: str | None, data_dir: Path) -> bytes:
    """The signing key: the configured one, else one generated once and kept in the data directory.

    Kept on disk (not per process) so links and open forms survive a restart and several workers agree.
    """
    if configured:
        return configured.encode()
    path = data_dir / "web-secret.key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes().strip()
    with os.fdopen(fd, "wb") as fh:
        key = secrets.token_urlsafe(48).encode()
        fh.write(key)
    return key


class Signer:
    """HMAC-SHA256 signatures, separated by purpose so a CSRF token can never serve as a receipt key."""

    def __init__(self, key: bytes):
        self._key = key

    def sign(self, purpose: str, value: str) -> str:
        return hmac.new(self._key, f"{purpose}\x00{value}".encode(), hashlib.sha256).hexdigest()[:40]

    def verify(self, purpose: str, value: str, signature: str | None) -> bool:
        return bool(signature) and hmac.compare_digest(self.sign(purpose, value), signature)


class Csrf:
    """Signed double submit: the cookie holds a random nonce, the form carries HMAC(nonce).

    A forged cross-site form cannot read the (HttpOnly, SameSite=Strict) cookie, so it cannot produce the token;
    signing also stops a sibling subdomain that plants a cookie from choosing a matching pair.
    """

    def __init__(self, signer: Signer):
        self.signer = signer

    @staticmethod
    def valid_nonce(value: str | None) -> str | None:
        return value if value and _NONCE.match(value) else None

    @staticmethod
    def new_nonce() -> str:
        return secrets.token_urlsafe(32)

    def token(self, nonce: str) -> str:
        return self.signer.sign("csrf", nonce)

    def check(self, nonce: str | None, token: str | None) -> bool:
        return bool(self.valid_nonce(nonce)) and self.signer.verify("csrf", nonce, token)

    @staticmethod
    def owner(nonce: str) -> str:
        """What a draft records about its browser: a hash, so the staging folder never holds a live token."""
        return hashlib.sha256(nonce.encode()).hexdigest()


class RateLimiter:
    """Token bucket per client address: `burst` submissions at once, refilled at `per_minute`.

    In-process on purpose: the portal runs as one process; behind several workers each keeps its own buckets,
    which only makes the limit more generous, never wrong.
    """

    _MAX_KEYS = 50_000  # bounded memory under a flood of addresses

    def __init__(self, per_minute: float, burst: int, clock=time.monotonic):
        self.rate = per_minute / 60.0
        self.burst = max(1, burst)
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str) -> float:
        """Take one token; returns 0 when allowed, else the seconds to wait before retrying."""
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            if tokens >= 1:
                self._buckets[key] = (tokens - 1, now)
                self._prune(now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return (1 - tokens) / self.rate if self.rate > 0 else 3600.0

    def _prune(self, now: float) -> None:
        if len(self._buckets) <= self._MAX_KEYS:
            return
        # A bucket that has refilled completely holds no information; drop those first.
        full = [k for k, (t, last) in self._buckets.items() if t + (now - last) * self.rate >= self.burst]
        for key in full or list(self._buckets)[: len(self._buckets) // 2]:
            self._buckets.pop(key, None)


class SecurityHeadersMiddleware:
    """Adds the security headers to every response, static files and errors included (pure ASGI: no buffering)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in SECURITY_HEADERS if n not in names]
                message = {**message, "headers": list(message.get("headers", [])) + extra}
            await send(message)

        await self.app(scope, receive, send_with_headers)
