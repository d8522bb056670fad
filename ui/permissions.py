"""Who may do what in the web app, decided from the request of every event.

Changing the Library (upload, delete, re-index) changes what everyone is answered from, so
it is for administrators only: the users named in ``CAREERBOT_ADMINS``. Without sign-in the
app serves one person on this machine (``careerbot ui`` refuses to listen elsewhere without
a login), and that person is the administrator. Everyone else sees the Library read-only:
its controls are hidden and every handler that writes refuses by itself, because a page's
controls are only a convenience and any event can be sent by hand.
"""

from __future__ import annotations

from typing import Any

from bot.core.settings import Settings
from ui.security import parse_auth

READ_ONLY = (
    "The Library is read-only for you: only the administrators named in CAREERBOT_ADMINS "
    "can upload, delete or re-index guides."
)


def may_change_library(settings: Settings, request: Any) -> bool:
    """Whether the user behind ``request`` may upload, delete or re-index guides."""
    if not parse_auth(settings.auth):
        return True  # no sign-in: the single local user
    username = getattr(request, "username", None) if request is not None else None
    return bool(username) and username in settings.admin_list
