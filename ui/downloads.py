"""A chat as a Markdown download, built when the link is followed and streamed to its owner.

Nothing is written to disk: Gradio's own file serving copies every file a handler returns
into a shared cache folder (world-readable, served by URL to anyone signed in, kept until
the server stops), so a download is a route of this app instead. The route reads the
owner from the request exactly as chat events do (``ui.identity``) and answers 404 for a
chat that is not the requester's, whether it exists or not.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import PlainTextResponse, Response

from bot.storage.conversations import ConversationStore
from bot.storage.export import conversation_markdown, export_filename
from ui.identity import Identities

ROUTE = "/export/{conversation_id}"


def download_link(conversation_id: str | None) -> str:
    """The sidebar's download link (greyed out until the chat has a message). The path is
    relative, so it works under a proxy's path prefix too."""
    if not conversation_id:
        return (
            '<span id="export" class="export disabled" aria-disabled="true">'
            "Download as Markdown</span>"
        )
    href = html.escape(f"export/{quote(conversation_id, safe='')}")
    return f'<a id="export" class="export" href="{href}" download>Download as Markdown</a>'


class _UserRequest:
    """What ``Identities.owner`` reads: the signed-in user name and the raw request."""

    def __init__(self, username: str | None, request: Any) -> None:
        self.username = username
        self.request = request


def add_download_route(
    app: Any,
    conversations: ConversationStore,
    identities: Identities,
    signed_in: Callable[[Any], str | None],
) -> None:
    """``GET export/<id>`` on ``app``: the owner's chat as Markdown, else 404.
    ``signed_in(request)`` names the signed-in user (None without sign-in)."""

    @app.get(ROUTE, include_in_schema=False)
    def export(conversation_id: str, request: Request) -> Response:
        who = identities.owner(_UserRequest(signed_in(request), request))
        chat = conversations.get(who, conversation_id) if who else None
        if chat is None or not chat.messages:
            return PlainTextResponse("No such chat.", status_code=404)
        name = export_filename(chat)
        return Response(
            conversation_markdown(chat).encode("utf-8"),
            media_type="text/markdown; charset=utf-8",
            headers={
                "Content-Disposition": f'attachment; filename="{name}"',
                "Cache-Control": "no-store",
                "X-Content-Type-Options": "nosniff",
            },
        )
