"""The assembled app: the /ask API (through gradio_client against the real server) and the
launch options that decide who can reach it."""

from __future__ import annotations

import pytest

from bot.chatbot import Chatbot
from bot.core.settings import Settings
from tests.ui_server import running_app
from ui.app import api_ask, launch_options
from ui.security import AuthConfigError


def test_api_ask_returns_the_json_contract(chatbot: Chatbot) -> None:
    data = api_ask(chatbot, "What does a data scientist do?")
    assert data["sources"][0]["role"] == "data-scientist"
    assert set(data) >= {"answer", "sources", "mode"}
    assert "error" in api_ask(chatbot, "")


@pytest.mark.slow
def test_ask_endpoint_through_gradio_client(indexed_settings: Settings) -> None:
    from gradio_client import Client

    with running_app(indexed_settings) as url:
        client = Client(url, verbose=False)
        data = client.predict("What does a data engineer do?", api_name="/ask")
        assert data["mode"] == "offline"
        assert data["sources"] and data["sources"][0]["role"] == "data-engineer"
        assert "[1]" in data["answer"]
        # ask, compare and fit are the API; the UI's own events are private.
        named = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
        assert sorted(named) == ["/ask", "/compare", "/fit"]
        table = client.predict(["DE", "data scientist"], ["salary"], api_name="/compare")
        assert table["route"] == "compare" and "Data Scientist" in table["answer"]
        assert "error" in client.predict("   ", api_name="/ask")


def test_launch_options_are_safe_by_default() -> None:
    options = launch_options(Settings())
    assert options["server_name"] == "127.0.0.1" and options["server_port"] == 7860
    assert options["auth"] is None
    assert options["max_file_size"] == Settings().max_upload_bytes
    assert "allowed_paths" not in options and not options["show_error"]
    assert options["run_history"] is False and options["mcp_server"] is False
    assert Settings(ui_run_history=True).ui_run_history  # a setting turns it on


def test_launch_refuses_an_open_app_on_the_network() -> None:
    with pytest.raises(AuthConfigError, match="CAREERBOT_AUTH"):
        launch_options(Settings(ui_host="0.0.0.0"))
    options = launch_options(Settings(ui_host="0.0.0.0", auth="alice:pw"))
    assert options["auth"] == [("alice", "pw")]


def test_app_builds_before_anything_is_indexed(fake_settings: Settings) -> None:
    from ui.app import build
    from ui.chat_view import reply_frames
    from ui.compare_tab import role_choices

    demo = build(fake_settings)
    assert demo is not None
    bot = Chatbot(fake_settings)
    assert role_choices(bot) == []
    frame = list(reply_frames(bot, [], "What does a DE do?"))[-1]
    assert frame.done is not None and frame.done.get("error")
    # The web app's fix, not the terminal's.
    assert "Library tab" in frame.done["content"] and "Re-index" in frame.done["content"]
    assert "careerbot ingest" not in frame.done["content"]


# Web exposure (issue 14, finding 5), against the real app on loopback.


@pytest.mark.slow
def test_only_configured_host_names_and_no_foreign_origin(fake_settings: Settings) -> None:
    import httpx

    with running_app(fake_settings) as url:
        port = url.rstrip("/").rsplit(":", 1)[1]
        assert httpx.get(url).status_code == 200
        assert httpx.get(url, headers={"Host": f"localhost:{port}"}).status_code == 200
        # DNS rebinding: a hostile name resolving to 127.0.0.1 reaches the app under its name.
        assert httpx.get(url, headers={"Host": f"evil.example:{port}"}).status_code == 400
        # Another local page (any port) may not call the app, with or without cookies.
        for origin in (f"http://localhost:{int(port) + 1}", "http://127.0.0.1:1", "null"):
            refused = httpx.post(
                f"{url}gradio_api/upload", headers={"Origin": origin}, files={"files": b"x"}
            )
            assert refused.status_code == 403, origin
            assert refused.headers.get("access-control-allow-credentials") != "true"
        same = httpx.get(f"{url}config", headers={"Origin": url.rstrip("/")})
        assert same.status_code == 200
        # /config is readable by every visitor: it must not tell where the corpus lives.
        assert str(fake_settings.corpus_dir) not in same.text


@pytest.mark.slow
def test_failed_sign_ins_are_throttled_per_user_and_client(fake_settings: Settings) -> None:
    import httpx

    from ui.security import LoginLimits

    limits = LoginLimits()
    per_user = int(limits.per_user_and_client.split("/")[0])
    per_client = int(limits.per_client.split("/")[0])
    users = ",".join(f"user{n}:pw{n}" for n in range(per_client // per_user + 2))
    secured = fake_settings.model_copy(update={"auth": f"alice:right,{users}"})
    with running_app(secured) as url:

        def login(user: str, password: str) -> int:
            data = {"username": user, "password": password}
            return httpx.post(f"{url}login", data=data).status_code

        assert [login("alice", "wrong") for _ in range(per_user)] == [400] * per_user
        assert login("alice", "right") == 429  # guessing fast gains nothing
        assert login("user0", "pw0") == 200  # another user from this client is not locked out
        # Spraying many user names from one client hits the per-client limit.
        failures = per_user
        n = 0
        while failures < per_client:
            assert login(f"user{n % 4}", "wrong") == 400
            failures += 1
            n += 1
        assert login("user0", "pw0") == 429
