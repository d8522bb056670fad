"""Who may reach the web app: the login pairs from ``CAREERBOT_AUTH`` and the rule that an
app reachable from other machines must have one."""

from __future__ import annotations

import ipaddress

from bot.errors import CareerbotError


class AuthConfigError(CareerbotError):
    """``CAREERBOT_AUTH`` is malformed, or missing where it is required."""


def parse_auth(raw: str | None) -> list[tuple[str, str]]:
    """ "alice:s3cret,bob:pw" -> [("alice", "s3cret"), ("bob", "pw")].

    A user name cannot contain ':' but a password can (only the first ':' splits).
    """
    if raw is None or not raw.strip():
        return []
    pairs = []
    for item in raw.split(","):
        user, sep, password = item.strip().partition(":")
        if not sep or not user.strip() or not password:
            raise AuthConfigError(
                "CAREERBOT_AUTH must be user:password pairs separated by commas "
                "(e.g. alice:s3cret,bob:pa55); one entry has no user or no password."
            )
        pairs.append((user.strip(), password))
    return pairs


def is_loopback(host: str) -> bool:
    if host.strip().lower() in {"localhost", "localhost.localdomain"}:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything, so treat it as exposed


def login_for(host: str, raw_auth: str | None) -> list[tuple[str, str]] | None:
    """The login pairs to enforce, or None for an open app on this machine only."""
    pairs = parse_auth(raw_auth)
    if not pairs and not is_loopback(host):
        raise AuthConfigError(
            f"Refusing to serve on {host} without a login: anyone on the network could use "
            "the app. Set CAREERBOT_AUTH=user:password, or bind to 127.0.0.1."
        )
    return pairs or None
