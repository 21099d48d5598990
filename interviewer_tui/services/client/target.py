"""Which server the terminal app talks to, and whether it may: URL checks and the TLS set-up.

The server comes from `INTERVIEWER_SERVER` (or `server = "…"` in config.toml), else from the
one `interviewer login --server URL` remembered in the state dir (`server.json`), else there is
none and the app uses this computer's database. Plain `http://` is refused for anything but
loopback unless the user asked for it: passwords and tokens would cross the network in clear.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from interviewer_tui.errors import UsageError

if TYPE_CHECKING:
    import ssl

    from interviewer_tui.config import Settings

REMEMBERED = "server.json"


@dataclass(frozen=True)
class ServerTarget:
    """A checked server URL (scheme, host, port, optional path; never credentials) and how to
    trust it."""

    url: str
    ca_bundle: Path | None = None
    insecure_http: bool = False

    @property
    def key(self) -> str:
        """What keys this server's session, outbox rows and drafts on this computer."""
        import hashlib

        return hashlib.sha256(f"server:{self.url}".encode()).hexdigest()[:16]

    @property
    def label(self) -> str:
        """host[:port] for a status bar."""
        return urlsplit(self.url).netloc

    def ssl_context(self) -> ssl.SSLContext:
        """Certificates verified: the given CA bundle, else SSL_CERT_FILE, else certifi's."""
        import ssl

        cafile = self.ca_bundle or _env_path("SSL_CERT_FILE")
        if cafile is None:
            import certifi

            cafile = Path(certifi.where())
        try:
            return ssl.create_default_context(cafile=str(cafile))
        except (OSError, ssl.SSLError) as exc:
            reason = getattr(exc, "strerror", None) or "not a PEM certificate bundle"
            raise UsageError(f"cannot use the CA bundle {cafile}: {reason}") from None


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser() if value else None


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost."):
        return True
    with contextlib.suppress(ValueError):
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    return False


def check_url(raw: str, *, insecure_http: bool = False) -> str:
    """The canonical form of a server URL (no trailing slash), or UsageError saying why not."""
    from interviewer_tui.core.redact import mask_url

    text = raw.strip()
    if "://" not in text:
        raise UsageError(f"the server URL {mask_url(text)!r} needs https:// (or http:// locally)")
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise UsageError(f"the server URL must start with https:// (got {scheme}://)")
    if parts.username is not None or parts.password is not None:
        raise UsageError(
            "the server URL must not hold a user name or password: log in with "
            "`interviewer login` instead"
        )
    host = parts.hostname or ""
    if not host:
        raise UsageError(f"the server URL {mask_url(text)!r} has no host")
    if parts.query or parts.fragment:
        raise UsageError("the server URL must not have a query (?…) or fragment (#…)")
    try:
        port = parts.port
    except ValueError:
        raise UsageError(f"the server URL {text!r} has an invalid port") from None
    if scheme == "http" and not is_loopback(host) and not insecure_http:
        raise UsageError(
            f"refusing plain http:// to {host}: your password and tokens would cross the network "
            "unencrypted. Use https://, or pass --insecure-http (INTERVIEWER_INSECURE_HTTP=true) "
            "if you really mean it"
        )
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    return urlunsplit((scheme, netloc.lower(), parts.path.rstrip("/"), "", ""))


def make_target(
    url: str, *, ca_bundle: Path | None = None, insecure_http: bool = False
) -> ServerTarget:
    bundle = ca_bundle.expanduser() if ca_bundle is not None else None
    if bundle is not None and not bundle.is_file():
        raise UsageError(f"the CA bundle {bundle} is not a readable file")
    return ServerTarget(check_url(url, insecure_http=insecure_http), bundle, insecure_http)


def _remembered_path(settings: Settings) -> Path:
    return settings.paths.state / REMEMBERED


def remembered(settings: Settings) -> ServerTarget | None:
    """The server of the last `interviewer login --server`; None when there is none (or the file
    is not one we wrote)."""
    try:
        data = json.loads(_remembered_path(settings).read_text("utf-8"))
        url = str(data["url"])
        bundle = data.get("ca_bundle")
        insecure = bool(data.get("insecure_http", False))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return make_target(url, ca_bundle=Path(bundle) if bundle else None, insecure_http=insecure)


def remember(settings: Settings, target: ServerTarget | None) -> None:
    """Remember `target` for the next commands (None: forget it, back to the local database)."""
    path = _remembered_path(settings)
    if target is None:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        return
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    text = json.dumps(
        {
            "url": target.url,
            "ca_bundle": str(target.ca_bundle) if target.ca_bundle else None,
            "insecure_http": target.insecure_http,
        }
    )
    tmp = path.with_name(f".{REMEMBERED}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)


def resolve(settings: Settings) -> ServerTarget | None:
    """The server this run talks to: the setting first, then the remembered one, else None."""
    if settings.server:
        return make_target(
            settings.server, ca_bundle=settings.ca_bundle, insecure_http=settings.insecure_http
        )
    found = remembered(settings)
    if found is not None and (settings.ca_bundle or settings.insecure_http):
        return make_target(
            found.url,
            ca_bundle=settings.ca_bundle or found.ca_bundle,
            insecure_http=settings.insecure_http or found.insecure_http,
        )
    return found
