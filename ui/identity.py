"""Whose chats these are: the login name when the app has a login, otherwise a random id kept
in the browser (per browser, like a cookie) that stays valid across server restarts."""

from __future__ import annotations

import os
import secrets
import uuid
from pathlib import Path

from bot.core.errors import BadInputError
from bot.core.settings import Settings

SECRET_FILE = "ui-browser-secret"


def owner_for(username: str | None, browser_id: str) -> str:
    """The owner key of saved conversations and feedback."""
    if username:
        return f"user:{username}"
    if not browser_id:
        raise BadInputError("No browser id yet; reload the page.")
    return f"browser:{browser_id}"


def new_browser_id() -> str:
    return uuid.uuid4().hex


def browser_secret(settings: Settings) -> str:
    """The key that encrypts the browser id in localStorage. Gradio's default is a new random
    key per start, which made every saved id unreadable after a restart; this one is made
    once and kept (readable by this user only) in the data dir."""
    path = Path(settings.data_dir) / SECRET_FILE
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_hex(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return path.read_text(encoding="utf-8").strip()
    try:
        os.write(fd, secret.encode())
    finally:
        os.close(fd)
    return secret
