"""Hiding credentials inside URLs, wherever a URL may be shown: settings, error messages, logs.

The one masking rule, used by `config show`, every user-facing error (errors.AppError), the
stderr line writer, `--json` error events and crash.log: the password in a URL's userinfo
(`user:***@`), a bare user name in an http(s) URL (usually a token: `***@`) and the value of any
password-like query parameter (`?password=***`) are masked.
"""

from __future__ import annotations

import re

MASK = "***"

# Query parameters whose value is a credential: password, passwd, pwd, sslpassword, secret,
# client_secret, token, access_token, key, api_key, apikey, sig, signature, auth, credential...
_SECRET_PARAM = re.compile(r"pass|pwd|secret|token|key|sig|auth|credential", re.IGNORECASE)

# A URL in free text: scheme://, then anything up to whitespace or a quote/bracket around it.
# Where a bare user name is usually a token (https://ghp_xxx@host); a database user is not.
_TOKEN_AS_USER = frozenset({"http", "https", "ws", "wss", "git+https"})

_URL_IN_TEXT = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s'\"<>`]+")
_KEYWORD_PASSWORD = re.compile(r"\b((?:ssl)?pass(?:word|wd)?\s*=\s*)(?!\*\*\*)[^\s&'\"]+", re.I)


def mask_url(url: str) -> str:
    """The URL with its credentials replaced by `***`; the scheme, user, host and path stay.

    Parsed by hand rather than with urlsplit, which gives up on (or mis-splits) exactly the URLs
    people get wrong: a `/` or `@` left unencoded in a password, a bad port.
    """
    scheme_end = url.find("://")
    if scheme_end < 0:
        return url
    start = scheme_end + 3
    rest = url[start:]
    ends = [i for i in (rest.find("?"), rest.find("#")) if i >= 0]
    cut = min(ends, default=len(rest))
    location, tail = rest[:cut], rest[cut:]
    authority = location.split("/", 1)[0]
    at = -1
    if "@" in authority:
        at = authority.rfind("@")
    elif "@" in location and ":" in authority:  # "user:pa/ss@host": a slash in the password
        at = location.rfind("@")
    if at >= 0:
        user, has_password, _ = location[:at].partition(":")
        if has_password:  # the user name is kept: it helps and is not the secret
            location = f"{user}:{MASK}" + location[at:]
        elif url[:scheme_end].lower() in _TOKEN_AS_USER:  # https://TOKEN@host
            location = MASK + location[at:]
    if tail.startswith("?"):
        query, hash_, fragment = tail[1:].partition("#")
        tail = "?" + _mask_query(query) + hash_ + fragment
    return url[:start] + location + tail


def redact(text: str) -> str:
    """Every URL inside `text` passed through mask_url (for messages, tracebacks, log lines)."""
    if "://" in text:
        text = _URL_IN_TEXT.sub(lambda m: mask_url(m.group()), text)
    # libpq-style "host=db password=secret" key/value strings, as some drivers echo them
    return _KEYWORD_PASSWORD.sub(rf"\1{MASK}", text)


def _mask_query(query: str) -> str:
    if not query:
        return query
    out = []
    for pair in query.split("&"):
        name, eq, value = pair.partition("=")
        out.append(f"{name}={MASK}" if eq and value and _SECRET_PARAM.search(name) else pair)
    return "&".join(out)
