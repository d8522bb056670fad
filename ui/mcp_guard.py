"""The door of Gradio's MCP server (``careerbot ui --mcp``): with sign-in on, every MCP
request needs a signed-in user.

Gradio serves ``initialize``, the tool list and the schema under ``/gradio_api/mcp``
without asking who is calling (only tool calls, which Gradio makes through its own
queue, were refused). This ASGI middleware refuses the whole path to anyone without
Gradio's sign-in cookie; an MCP client signs in with ``POST /login`` and sends the cookie
it gets (see the README). Without sign-in the app serves this machine only and the MCP
server is as open as the app.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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
