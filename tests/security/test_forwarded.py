"""The sign-in throttle counts the real peer: X-Forwarded-For is believed only from
CAREERBOT_TRUSTED_PROXIES, and many addresses guessing one account are slowed together."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from bot.core.settings import Settings
from tests.ui_server import PASSWORDS, SignedIn, signed_in_app
from ui.security import LoginLimits

LIMITS = LoginLimits()
PER_USER = int(LIMITS.per_user_and_client.split("/")[0])
PER_ACCOUNT = int(LIMITS.per_account.split("/")[0])


def post_login(app: SignedIn, user: str, password: str, forwarded: str) -> int:
    """One sign-in attempt as if from the address ``forwarded``; the HTTP status."""
    data = {"username": user, "password": password}
    headers = {"X-Forwarded-For": forwarded}
    return httpx.post(f"{app.url}login", data=data, headers=headers, timeout=60).status_code


def guess(app: SignedIn, user: str, forwarded: str) -> int:
    return post_login(app, user, "wrong", forwarded)


def login(app: SignedIn, user: str, forwarded: str) -> int:
    return post_login(app, user, PASSWORDS[user], forwarded)


@pytest.mark.slow
def test_a_client_cannot_spoof_its_address_past_the_throttle(fake_settings: Settings) -> None:
    # The attack of issue 25: each wrong password with another X-Forwarded-For. Before,
    # uvicorn believed the header from 127.0.0.1 (its default), every guess counted for a
    # new address, and all 100 got 400 and then the right password 200.
    with signed_in_app(fake_settings, ingested=False) as app:
        codes = [guess(app, "alice", f"198.51.100.{n}") for n in range(PER_USER + 3)]
        assert codes == [400] * PER_USER + [429] * 3
        assert login(app, "alice", "203.0.113.7") == 429


@pytest.mark.slow
def test_a_trusted_proxy_is_believed(fake_settings: Settings) -> None:
    # Behind a configured proxy, each real client is counted apart: one client's guessing
    # does not lock out another client signing in to her own account.
    with signed_in_app(fake_settings, ingested=False, trusted_proxies="127.0.0.0/8") as app:
        codes = [guess(app, "bob", "198.51.100.1") for _ in range(PER_USER)]
        assert codes == [400] * PER_USER
        assert login(app, "bob", "198.51.100.1") == 429
        assert login(app, "bob", "198.51.100.2") == 200


@pytest.mark.slow
def test_many_addresses_guessing_one_account_are_slowed(fake_settings: Settings) -> None:
    with signed_in_app(fake_settings, ingested=False, trusted_proxies="127.0.0.1") as app:
        # One guess per address: no per-address limit is ever reached.
        for n in range(PER_ACCOUNT):
            assert guess(app, "alice", f"198.51.100.{n}") == 400
        # Past the account's allowance, guesses from fresh addresses wait, one at a time:
        # three at once take three waits, not one.
        start = time.monotonic()
        with ThreadPoolExecutor(3) as pool:
            codes = list(pool.map(lambda n: guess(app, "alice", f"203.0.113.{n}"), range(3)))
        assert codes == [400] * 3
        assert time.monotonic() - start >= 3 * LIMITS.backoff
        # Not a lock-out: Alice still gets in (after the wait), and Bob is not slowed.
        start = time.monotonic()
        assert login(app, "alice", "192.0.2.9") == 200
        assert time.monotonic() - start >= LIMITS.backoff
        start = time.monotonic()
        assert login(app, "bob", "192.0.2.10") == 200
        assert time.monotonic() - start < LIMITS.backoff
