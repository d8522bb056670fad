"""Issue 25, smaller attack: with sign-in on, Gradio's MCP server answered ``initialize``,
the tool list and the schema to anyone. Now everything under ``/gradio_api/mcp`` needs a
signed-in user; a signed-in MCP client (sending its sign-in cookie) initializes and lists
the tools, and calls them as herself (Gradio's MCP server calls queued tools through its own
API client, which had no credentials: ``ui.mcp_guard.sign_tool_calls``)."""

from __future__ import annotations

import ast
import asyncio

import httpx
import pytest

import ingest
from bot.core.settings import Settings
from tests.ui_server import running_app
from ui.mcp_guard import SIGN_IN_FIRST


async def _tools(url: str, headers: dict[str, str], ask: str = "") -> tuple[list[str], str]:
    """The tool names, and (when ``ask``) the text of the ask tool's answer to it."""
    from mcp import ClientSession
    from mcp.client.streamable_http import streamablehttp_client

    async with (
        streamablehttp_client(f"{url}gradio_api/mcp/", headers=headers) as (read, write, _),
        ClientSession(read, write) as session,
    ):
        await session.initialize()
        names = [tool.name for tool in (await session.list_tools()).tools]
        if not ask:
            return names, ""
        (tool,) = [n for n in names if n.endswith("ask")]
        result = await session.call_tool(tool, {"question": ask})
        text = " ".join(getattr(c, "text", "") for c in result.content)
        assert not result.isError, text
        return names, text


def answered(text: str) -> bool:
    """The ask tool's result (the API's answer dict, as text) is an answer with sources."""
    result = ast.literal_eval(text)
    assert not result.get("error") and result["answer"] and result["sources"], text[:400]
    return True


INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {
        "protocolVersion": "2025-03-26",
        "capabilities": {},
        "clientInfo": {"name": "probe", "version": "1"},
    },
}
LIST = {"jsonrpc": "2.0", "id": 2, "method": "tools/list", "params": {}}
STREAMABLE = {"accept": "application/json, text/event-stream"}


@pytest.mark.slow
def test_mcp_initialize_and_tool_list_need_sign_in(fake_settings: Settings) -> None:
    locked = fake_settings.model_copy(
        update={"auth": "alice:wonder land,bob:builder", "ui_mcp": True}
    )
    ingest.run(locked)
    with running_app(locked) as url:
        anonymous = httpx.Client(base_url=url, timeout=30)
        for body in (INITIALIZE, LIST):
            answer = anonymous.post("gradio_api/mcp/", json=body, headers=STREAMABLE)
            assert answer.status_code == 401 and SIGN_IN_FIRST in answer.text
            assert "tools" not in answer.text and "serverInfo" not in answer.text
        for path in ("gradio_api/mcp/schema", "gradio_api/mcp/sse", "gradio_api/mcp"):
            refused = anonymous.get(path)
            assert refused.status_code == 401 and SIGN_IN_FIRST in refused.text, path
        # A forged access-token cookie is no sign-in either.
        forged = anonymous.post(
            "gradio_api/mcp/",
            json=INITIALIZE,
            headers={**STREAMABLE, "cookie": "access-token-unsecure-x=made-up"},
        )
        assert forged.status_code == 401
        # Alice signs in and her MCP client sends the cookie: tools listed and called.
        alice = httpx.Client(base_url=url, timeout=30)
        assert alice.post("login", data={"username": "alice", "password": "wonder land"}).is_success
        cookie = "; ".join(f"{k}={v}" for k, v in alice.cookies.items())
        names, answer = asyncio.run(
            _tools(url, {"cookie": cookie}, "What does a data engineer do?")
        )
        assert len(names) == 3 and any(n.endswith("ask") for n in names)
        assert answered(answer)
        # Bob, signed in, calls it too; the tools reach no chats of anyone's.
        bob = httpx.Client(base_url=url, timeout=30)
        assert bob.post("login", data={"username": "bob", "password": "builder"}).is_success
        cookie = "; ".join(f"{k}={v}" for k, v in bob.cookies.items())
        _, answer = asyncio.run(_tools(url, {"cookie": cookie}, "What does a data analyst do?"))
        assert answered(answer)
