"""The door of Gradio's MCP server (``careerbot ui --mcp``): with sign-in on, every MCP
request needs a signed-in user.

Gradio serves ``initialize``, the tool list and the schema under ``/gradio_api/mcp``
without asking who is calling (only tool calls, which Gradio makes through its own
queue, were refused). This ASGI middleware refuses the whole path to anyone without
Gradio's sign-in cookie; an MCP client signs in with ``POST /login`` and sends the cookie
it gets (see the README). Without sign-in the app serves this machine only and the MCP
server is as open as the app.

Tool calls: Gradio's MCP server runs a queued tool through its own API client, which it
builds once, without credentials, so with sign-in on its first request (``/config``) was
refused and every tool call failed. ``sign_tool_calls`` makes that client per call, carrying
the caller's own sign-in cookie: a tool runs as the signed-in user who called it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import gradio as gr
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

MCP_PATH = "/gradio_api/mcp"
SIGN_IN_FIRST = (
    "Sign in first: POST /login with a user of CAREERBOT_AUTH, then send the cookie it sets."
)


class McpSignIn:
    """Answers 401 to any request under ``/gradio_api/mcp`` without a signed-in user."""

    def __init__(self, app: ASGIApp, signed_in: Callable[[Any], str | None]) -> None:
        self.app = app
        self.signed_in = signed_in

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        guarded = path == MCP_PATH or path.startswith(f"{MCP_PATH}/")
        if scope["type"] == "http" and guarded and not self.signed_in(Request(scope)):
            # A JSON-RPC error too, so an MCP client shows the words rather than a status.
            body = {
                "jsonrpc": "2.0",
                "id": None,
                "error": {"code": -32001, "message": SIGN_IN_FIRST},
                "detail": SIGN_IN_FIRST,
            }
            await JSONResponse(body, 401)(scope, receive, send)
            return
        await self.app(scope, receive, send)


CLIENTS = 16  # callers whose API client is kept (each holds a heartbeat connection)


def sign_tool_calls(demo: gr.Blocks) -> None:
    """Tool calls through Gradio's MCP server made as their caller (see the module notes);
    nothing to do when the MCP server is off."""
    server: Any = getattr(demo, "mcp_server_obj", None)
    if server is None:
        return
    made = server._get_or_create_client  # Gradio's own: one client, without credentials
    clients: OrderedDict[str, Any] = OrderedDict()
    lock = threading.Lock()

    def client_of_caller() -> Any:
        from gradio_client import Client

        request = server.mcp_server.request_context.request
        cookie = request.headers.get("cookie") if request is not None else None
        if not cookie:
            return made()  # the guard let a call without a cookie through: no sign-in
        with lock:
            if cookie in clients:
                clients.move_to_end(cookie)
                return clients[cookie]
        client = Client(
            server.local_url or str(request.base_url),
            download_files=False,
            verbose=False,
            analytics_enabled=False,
            ssl_verify=False,
            headers={"x-gradio-user": "mcp", "cookie": cookie},
        )
        with lock:
            clients[cookie] = client
            while len(clients) > CLIENTS:
                clients.popitem(last=False)[1].close()
        return client

    server._get_or_create_client = client_of_caller
