"""The sign-in throttle counts the real peer: X-Forwarded-For is believed only from
CAREERBOT_TRUSTED_PROXIES, and many addresses guessing one account are slowed together."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from bot.core.settings import Settings
from tests.ui_server import running_app
from ui.security import LoginLimits

LIMITS = LoginLimits()
PER_USER = int(LIMITS.per_user_and_client.split("/")[0])
PER_ACCOUNT = int(LIMITS.per_account.split("/")[0])


def login(url: str, user: str, password: str, forwarded: str | None = None) -> int:
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    data = {"username": user, "password": password}
    return httpx.post(f"{url}login", data=data, headers=headers, timeout=60).status_code


@pytest.mark.slow
def test_a_client_cannot_spoof_its_address_past_the_throttle(fake_settings: Settings) -> None:
    # The attack of issue 25: each wrong password with another X-Forwarded-For. Before,
    # uvicorn believed the header from 127.0.0.1 (its default), every guess counted for a
    # new address, and all 100 got 400 and then the right password 200.
    secured = fake_settings.model_copy(update={"auth": "alice:right,bob:builder"})
    with running_app(secured) as url:
        codes = [login(url, "alice", "wrong", f"198.51.100.{n}") for n in range(PER_USER + 3)]
        assert codes == [400] * PER_USER + [429] * 3
        assert login(url, "alice", "right", "203.0.113.7") == 429


@pytest.mark.slow
def test_a_trusted_proxy_is_believed(fake_settings: Settings) -> None:
    # Behind a configured proxy, each real client is counted apart: one client's guessing
    # does not lock out another client signing in to her own account.
    secured = fake_settings.model_copy(
        update={"auth": "alice:right,bob:builder", "trusted_proxies": "127.0.0.0/8"}
    )
    with running_app(secured) as url:
        assert [login(url, "bob", "wrong", "198.51.100.1") for _ in range(PER_USER)] == [
            400
        ] * PER_USER
        assert login(url, "bob", "builder", "198.51.100.1") == 429
        assert login(url, "bob", "builder", "198.51.100.2") == 200


@pytest.mark.slow
def test_many_addresses_guessing_one_account_are_slowed(fake_settings: Settings) -> None:
    secured = fake_settings.model_copy(
        update={"auth": "alice:right,bob:builder", "trusted_proxies": "127.0.0.1"}
    )
    with running_app(secured) as url:
        # One guess per address: no per-address limit is ever reached.
        for n in range(PER_ACCOUNT):
            assert login(url, "alice", "wrong", f"198.51.100.{n}") == 400
        # Past the account's allowance, guesses from fresh addresses wait, one at a time:
        # three at once take three waits, not one.
        start = time.monotonic()
        with ThreadPoolExecutor(3) as pool:
            codes = list(
                pool.map(lambda n: login(url, "alice", "wrong", f"203.0.113.{n}"), range(3))
            )
        assert codes == [400] * 3
        assert time.monotonic() - start >= 3 * LIMITS.backoff
        # Not a lock-out: Alice still gets in (after the wait), and Bob is not slowed.
        start = time.monotonic()
        assert login(url, "alice", "right", "192.0.2.9") == 200
        assert time.monotonic() - start >= LIMITS.backoff
        start = time.monotonic()
        assert login(url, "bob", "builder", "192.0.2.10") == 200
        assert time.monotonic() - start < LIMITS.backoff
