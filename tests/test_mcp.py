"""``careerbot ui --mcp``: ask, compare and fit as MCP tools, called by a real MCP client over
loopback against the real app (Gradio's MCP server, streamable HTTP)."""

from __future__ import annotations

import ast
import asyncio
from typing import Any

import pytest

from bot.core.settings import Settings
from tests.ui_server import running_app

pytestmark = pytest.mark.slow


async def _session_calls(url: str) -> dict[str, Any]:
    from mcp import ClientSession
    from mcp.client.streamable_http import streamablehttp_client

    async with (
        streamablehttp_client(f"{url}gradio_api/mcp/") as (read, write, _),
        ClientSession(read, write) as session,
    ):
        await session.initialize()
        tools = {tool.name: tool for tool in (await session.list_tools()).tools}
        asked = await session.call_tool(
            _named(tools, "ask"), {"question": "What does a data engineer do?"}
        )
        compared = await session.call_tool(
            _named(tools, "compare"), {"roles": ["DE", "data scientist"], "aspects": ["salary"]}
        )
        fitted = await session.call_tool(
            _named(tools, "fit"), {"profile": "I love SQL and building dashboards for managers"}
        )
        return {"tools": tools, "ask": asked, "compare": compared, "fit": fitted}


def _named(tools: dict[str, Any], name: str) -> str:
    return next(t for t in tools if t == name or t.endswith(f"_{name}"))


def _payload(result: Any) -> dict[str, Any]:
    """The tool's result: the same object as ``/ask`` returns (``Answer.to_dict()``), which
    Gradio's MCP server sends as the text of a Python literal."""
    assert not result.isError, result
    text = "".join(part.text for part in result.content if getattr(part, "type", "") == "text")
    return dict(ast.literal_eval(text))


def test_ask_compare_and_fit_are_mcp_tools(indexed_settings: Settings) -> None:
    with running_app(indexed_settings.model_copy(update={"ui_mcp": True})) as url:
        calls = asyncio.run(_session_calls(url))
    names = sorted(calls["tools"])
    assert len(names) == 3, names  # the UI's own events are not tools
    described = calls["tools"][_named(calls["tools"], "ask")]
    assert "career" in (described.description or "").lower()
    asked = _payload(calls["ask"])
    assert asked["sources"][0]["role"] == "data-engineer" and "[1]" in asked["answer"]
    compared = _payload(calls["compare"])
    assert compared["route"] == "compare" and "Data Scientist" in compared["answer"]
    fitted = _payload(calls["fit"])
    assert fitted["route"] == "fit" and "Data Analyst" in fitted["answer"]


def test_no_mcp_server_unless_asked(indexed_settings: Settings) -> None:
    from urllib.error import HTTPError
    from urllib.request import urlopen

    with running_app(indexed_settings) as url, pytest.raises(HTTPError):
        urlopen(f"{url}gradio_api/mcp/schema")
