from __future__ import annotations

import stat

import pytest

from bot.core.settings import Settings
from ui.identity import browser_secret, new_browser_id, owner_for


def test_owner_is_the_login_or_the_browser() -> None:
    assert owner_for("alice", "abc") == "user:alice"
    assert owner_for(None, "abc") == "browser:abc"
    assert new_browser_id() != new_browser_id()
    with pytest.raises(ValueError, match="reload"):
        owner_for(None, "")


def test_the_browser_secret_is_kept_private_across_starts(fake_settings: Settings) -> None:
    first = browser_secret(fake_settings)
    assert browser_secret(fake_settings) == first and len(first) == 64
    path = fake_settings.data_dir / "ui-browser-secret"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_browser_id_is_only_accepted_with_its_signature() -> None:
    from ui.identity import sign, verified

    value = sign("key", "abc")
    assert verified("key", value) == "abc"
    assert verified("other key", value) is None  # another app's key
    assert verified("key", "abc." + "0" * 64) is None  # forged
    assert verified("key", "abc") is None and verified("key", None) is None


def test_the_owner_comes_from_the_request_only() -> None:
    from types import SimpleNamespace

    from ui.identity import Identities, sign

    ids = Identities("key", "careerbot-browser-7860")
    signed = SimpleNamespace(
        username=None,
        request=SimpleNamespace(cookies={"careerbot-browser-7860": sign("key", "b1")}),
    )
    assert ids.owner(signed) == "browser:b1"
    assert ids.owner(SimpleNamespace(username="alice", request=None)) == "user:alice"
    forged = SimpleNamespace(
        username=None, request=SimpleNamespace(cookies={"careerbot-browser-7860": "b1.deadbeef"})
    )
    assert ids.owner(forged) is None and ids.owner(None) is None


def test_per_request_runs_a_handler_only_for_the_pages_own_owner() -> None:
    from types import SimpleNamespace

    from ui.identity import Identities, per_request

    class Handlers:
        identities = Identities("key", "c")

        @per_request
        def echo(self, who: str, page_owner: str, text: str) -> str:
            return f"{who}:{text}"

    import inspect

    import gradio as gr

    assert list(inspect.signature(Handlers().echo).parameters) == ["page_owner", "text", "request"]
    alice = SimpleNamespace(username="alice", request=None)
    assert Handlers().echo("user:alice", "hi", alice) == "user:alice:hi"
    # Bob with Alice's session state, a lost session, no identity: the handler never runs.
    bob = SimpleNamespace(username="bob", request=None)
    assert Handlers().echo("user:alice", "hi", bob) == gr.skip()
    assert Handlers().echo("", "hi", alice) == gr.skip()
    assert Handlers().echo("user:alice", "hi", None) == gr.skip()


@pytest.mark.slow
def test_the_app_gives_each_browser_a_signed_http_only_cookie(fake_settings: Settings) -> None:
    import httpx

    from tests.ui_server import running_app

    with running_app(fake_settings) as url:
        first = httpx.get(url)
        cookie = first.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        name, value = cookie.split(";")[0].split("=", 1)
        kept = httpx.get(url, cookies={name: value})
        assert "set-cookie" not in kept.headers  # a valid one is kept
        forged = httpx.get(url, cookies={name: value[:-4] + "0000"})
        assert forged.headers["set-cookie"].split(";")[0] != f"{name}={value}"


def test_broken_characters_in_any_text_input_are_replaced_and_named_once() -> None:
    from ui.identity import mended

    inputs, told = mended(["a\ud800b", 3, None, "fine", "\udfff"])
    assert inputs == ["a\ufffdb", 3, None, "fine", "\ufffd"]
    assert told is not None and told.count("U+") == 1 and "U+D800" in told
    assert mended(["plain", "é 😀"]) == (["plain", "é 😀"], None)
