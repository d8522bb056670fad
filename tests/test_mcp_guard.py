"""ui.mcp_guard: every request under Gradio's MCP path needs a signed-in user."""

from __future__ import annotations

from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from ui.mcp_guard import MCP_PATH, SIGN_IN_FIRST, McpSignIn


def _ok(request: Request) -> PlainTextResponse:
    return PlainTextResponse("served")


def _client(signed_in: bool) -> TestClient:
    inner = Starlette(routes=[Route("/{path:path}", _ok, methods=["GET", "POST"])])

    def who(request: Any) -> str | None:
        # The guard hands over the request: what it reads decides.
        assert isinstance(request, Request)
        return "alice" if signed_in and request.cookies.get("session") == "ok" else None

    client = TestClient(McpSignIn(inner, who))
    client.cookies.set("session", "ok")
    return client


def test_the_mcp_path_and_everything_under_it_is_refused_without_sign_in() -> None:
    client = _client(signed_in=False)
    for path in (MCP_PATH, f"{MCP_PATH}/", f"{MCP_PATH}/sse", f"{MCP_PATH}/schema"):
        response = client.post(path, json={"jsonrpc": "2.0", "id": 1, "method": "initialize"})
        assert response.status_code == 401, path
        body = response.json()
        assert body["error"]["message"] == SIGN_IN_FIRST and body["jsonrpc"] == "2.0"


def test_other_paths_even_with_the_same_prefix_are_not_guarded() -> None:
    client = _client(signed_in=False)
    for path in ("/", "/gradio_api/info", f"{MCP_PATH}x"):
        assert client.get(path).text == "served", path


def test_a_signed_in_user_reaches_the_mcp_server() -> None:
    client = _client(signed_in=True)
    assert client.get(f"{MCP_PATH}/schema").text == "served"
    client.cookies.clear()
    assert client.get(f"{MCP_PATH}/schema").status_code == 401
